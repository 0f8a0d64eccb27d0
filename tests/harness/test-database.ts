/**
 * One fresh, empty database per test file, on the dialect TEST_DB selects (default sqlite).
 * Migrations are the caller's business: this only provides the place.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { inject } from 'vitest';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export type TestDatabase =
  | { kind: 'sqlite'; dataDir: string; cleanup(): Promise<void> }
  | { kind: 'postgres'; databaseUrl: string; cleanup(): Promise<void> };

function readTestDbKind(): TestDatabaseKind {
  const value = process.env.TEST_DB ?? 'sqlite';
  // A typo such as TEST_DB=pg must not silently run the suite on SQLite again.
  if (value !== 'sqlite' && value !== 'postgres') {
    throw new Error(`TEST_DB must be "sqlite" or "postgres", got "${value}"`);
  }
  return value;
}

export const testDbKind: TestDatabaseKind = readTestDbKind();

/**
 * True when this run targets PostgreSQL but no server is available (binaries missing outside CI):
 * suites use it as `describe.skipIf(postgresUnavailable())`. Global setup has already printed why.
 */
export function postgresUnavailable(): boolean {
  return testDbKind === 'postgres' && inject('postgresUrl') === '';
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database: a temp directory for SQLite, a new database on the run's cluster for
 * PostgreSQL. `kind` overrides TEST_DB (a test that needs both, such as the database copy).
 */
export async function createTestDatabase(kind: TestDatabaseKind = testDbKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'charla-test-'));
    return {
      kind: 'sqlite',
      dataDir,
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  }

  const serverUrl = inject('postgresUrl');
  if (serverUrl === '') {
    throw new Error(
      'No PostgreSQL server for this run (see the notice above); skip with postgresUnavailable()',
    );
  }
  // Only [a-z0-9_]: the name is interpolated into DDL, which cannot take parameters.
  const name = `charla_${randomBytes(8).toString('hex')}`;
  await withClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
    // Copying the small template's files beats WAL-logging them (~150 vs ~250 ms here); the option
    // exists from PostgreSQL 15 on, and TEST_DATABASE_URL may name an older server.
    const strategy = Number(rows[0]?.server_version_num) >= 150000 ? ' STRATEGY FILE_COPY' : '';
    await client.query(`CREATE DATABASE ${name}${strategy}`);
  });
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${name}`;

  let dropped = false;
  return {
    kind: 'postgres',
    databaseUrl: databaseUrl.toString(),
    cleanup: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE: a pool the test forgot to close must not keep the database (and the run) alive.
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
