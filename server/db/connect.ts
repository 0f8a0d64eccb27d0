import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { usePreparedStatements } from './postgres-prepared.ts';
import type { Database } from './schema.ts';
import { NodeSqliteDatabase } from './sqlite-adapter.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, for the start-up log (no credentials). */
  description: string;
  close(): Promise<void>;
};

// int8 (counts, sums, micro-dollars) arrives as a string by default; every value we store is far
// below 2^53, so a JS number is exact and both dialects then return the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type ConnectOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Upper bound on PostgreSQL connections for this process. */
  poolSize?: number;
};

/** Opens the configured database: PostgreSQL when a URL is given, otherwise SQLite in dataDir. */
export function connectDatabase(options: ConnectOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    usePreparedStatements(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return {
      db,
      kind: 'postgres',
      description: `PostgreSQL ${url.hostname || 'socket'}${url.port ? `:${url.port}` : ''}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'charla.sqlite');
  const sqlite = new NodeSqliteDatabase(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', description: `SQLite ${path}`, close: () => db.destroy() };
}
