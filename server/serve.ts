import { rollBackInterruptedImports } from './account/import.ts';
import { buildApp } from './app.ts';
import { deleteExpiredSessions } from './auth/sessions.ts';
import { checkBudgetSettings } from './budget/check-settings.ts';
import { ConfigError, loadConfig } from './config.ts';
import { failInterruptedReplies } from './conversations/turn.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadEnvironment } from './environment.ts';
import { systemClock } from './lib/clock.ts';
import { processIdentity } from './lib/process-identity.ts';
import { checkChains } from './llm/chains.ts';
import { detectOllama } from './llm/providers.ts';
import { checkSpeechChains } from './llm/speech-chains.ts';
import { createLlm } from './model-calls.ts';
import { recordingsDirOf } from './speech/recordings.ts';

// The server proper; server/main.ts checks the Node version and loads this.
const startedAt = performance.now();

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

// Who this process is: the same instance id across restarts, a new boot id each time.
const identity = processIdentity({ instanceId: config.CHARLA_INSTANCE_ID, port: config.PORT });

// Replies a dead process left half-written. This instance's earlier boots are certainly dead:
// theirs end at once, keeping the text they saved. SQLite has one process, so every other one is
// orphaned too; PostgreSQL may be shared by live processes, so only replies older than any call.
const orphanAgeMs = config.LLM_TOTAL_TIMEOUT_MS + 60_000;
await failInterruptedReplies(database.db, systemClock, {
  ownedBy: { instanceId: identity.instanceId, currentOwner: identity.ownerId },
});
await failInterruptedReplies(database.db, systemClock, {
  olderThanMs: database.kind === 'sqlite' ? 0 : orphanAgeMs,
});

// Imports a dead process left half-done are rolled back by their import id (decision 015).
await rollBackInterruptedImports(database.db, systemClock, {
  olderThanMs: database.kind === 'sqlite' ? 0 : 6 * 60 * 60 * 1000,
  recordingsDir: recordingsDirOf(config),
});

let llm: Awaited<ReturnType<typeof createLlm>>;
try {
  llm = await createLlm(config, database, systemClock, { ownerId: identity.ownerId });
} catch (error) {
  // An invalid price setting (PRICE_FALLBACK naming an unpriced model): no call could be priced.
  console.error(`${(error as Error).message}\nSee .env.example for every setting.`);
  await database.close();
  process.exit(1);
}
const app = await buildApp({ config, database, clock: systemClock, llm });
for (const problem of checkChains(config, llm.registry.list())) app.log.warn(problem);
for (const problem of checkSpeechChains(config, llm.registry.list())) app.log.warn(problem);
for (const problem of checkBudgetSettings(config, llm.registry.list())) app.log.warn(problem);

// Budget held by calls of a process that died: settled at the reserved maximum once the lease has
// expired (never sooner: on PostgreSQL the owner may be alive), at start and then every minute.
const settleExpiredReservations = () =>
  llm.meter
    .settleExpired()
    .catch((error) => app.log.warn({ err: error }, 'could not settle expired budget reservations'));
// This instance's earlier boots held budget for calls that died with them: settled now, priced
// from what they sent and the text they saved (decision 019).
await llm.meter
  .settleEarlierBoots(identity.instanceId)
  .catch((error) => app.log.warn({ err: error }, 'could not settle the previous boot’s reservations'));
void settleExpiredReservations();
setInterval(settleExpiredReservations, 60_000).unref();

const sweeper =
  database.kind === 'postgres'
    ? setInterval(() => {
        failInterruptedReplies(database.db, systemClock, { olderThanMs: orphanAgeMs }).catch((error) =>
          app.log.warn({ err: error }, 'could not sweep interrupted replies'),
        );
      }, 60_000)
    : undefined;
sweeper?.unref();

if (config.OLLAMA_DETECT) {
  // In the background: start-up never waits for the probe.
  void detectOllama(config.OLLAMA_URL).then((provider) => {
    if (!provider) return;
    llm.registry.addDetected(provider);
    app.log.info({ models: provider.models }, 'found a local Ollama');
  });
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish, then close the database.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await app.close();
  await llm.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  // performance.now() counts from process start: module loading is part of the time to ready.
  const readyMs = Math.round(performance.now());
  const setupMs = Math.round(performance.now() - startedAt);
  app.log.info({ address, database: database.description, readyMs, setupMs }, 'Charla is ready');
  if (config.LOG_LEVEL === 'silent') console.log(`Charla is ready on ${address} (${readyMs} ms)`);
} catch (error) {
  console.error(`Could not listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}`);
  await database.close();
  process.exit(1);
}
