import { buildApp } from './app.ts';
import { deleteExpiredSessions } from './auth/sessions.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadEnvironment } from './environment.ts';
import { systemClock } from './lib/clock.ts';

const startedAt = performance.now();

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Charla needs Node.js 24 or newer; this is ${process.version}. Run it with "npm start", which uses the Node 24 the project installs.`,
  );
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(loadEnvironment());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\nSee .env.example for every setting.`);
    process.exit(1);
  }
  throw error;
}

const database = connectDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await migrateToLatest(database.db);
} catch (error) {
  console.error(`Could not prepare ${database.description}: ${(error as Error).message}`);
  await database.close();
  process.exit(1);
}
await deleteExpiredSessions(database.db, systemClock);

const app = await buildApp({ config, database, clock: systemClock });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish, then close the database.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  const readyMs = Math.round(performance.now() - startedAt);
  app.log.info({ address, database: database.description, readyMs }, 'Charla is ready');
  if (config.LOG_LEVEL === 'silent') console.log(`Charla is ready on ${address} (${readyMs} ms)`);
} catch (error) {
  console.error(`Could not listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}`);
  await database.close();
  process.exit(1);
}
