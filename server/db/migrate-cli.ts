import { loadConfig } from '../config.ts';
import { loadEnvironment } from '../environment.ts';
import { connectDatabase } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

// `npm run db:migrate`: the same migrations the server applies at start, for operators who
// prefer to migrate before deploying.
const config = loadConfig(loadEnvironment());
const handle = connectDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  const applied = await migrateToLatest(handle.db);
  console.log(
    applied.length
      ? `Applied ${applied.join(', ')} to ${handle.description}`
      : `${handle.description} is up to date`,
  );
} finally {
  await handle.close();
}
