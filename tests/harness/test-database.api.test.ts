import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase, postgresUnavailable, testDbKind } from './test-database.ts';

async function postgresQuery<T>(url: string, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

async function postgresDatabaseExists(databaseUrl: string): Promise<boolean> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const rows = await postgresQuery(inject('postgresUrl'), 'select 1 from pg_database where datname = $1', [
    name,
  ]);
  return rows.length > 0;
}

describe.skipIf(postgresUnavailable())(`createTestDatabase (${testDbKind})`, () => {
  it('returns a working database of the selected kind and removes it on cleanup', async () => {
    const database = await createTestDatabase();
    expect(database.kind).toBe(testDbKind);
    try {
      if (database.kind === 'sqlite') {
        const connection = new DatabaseSync(join(database.dataDir, 'charla.sqlite'));
        try {
          expect(connection.prepare('select 1 as one').get()).toEqual({ one: 1 });
        } finally {
          connection.close();
        }
      } else {
        expect(await postgresQuery(database.databaseUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
      }
    } finally {
      await database.cleanup();
    }
    if (database.kind === 'sqlite') {
      expect(existsSync(database.dataDir)).toBe(false);
    } else {
      expect(await postgresDatabaseExists(database.databaseUrl)).toBe(false);
    }
  });

  it('gives every call its own database', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      const location = (database: typeof first) =>
        database.kind === 'sqlite' ? database.dataDir : database.databaseUrl;
      expect(location(first)).not.toBe(location(second));
    } finally {
      await Promise.all([first.cleanup(), second.cleanup()]);
    }
  });

  it('cleans up even while a client is still connected', async () => {
    const database = await createTestDatabase();
    if (database.kind === 'sqlite') {
      // A connection the test forgot to close must not keep the directory alive.
      const forgotten = new DatabaseSync(join(database.dataDir, 'open.sqlite'));
      forgotten.exec('create table t (x integer)');
      await database.cleanup();
      expect(existsSync(database.dataDir)).toBe(false);
      forgotten.close();
      return;
    }
    const forgotten = new Client({ connectionString: database.databaseUrl });
    // The forced drop terminates this connection; swallow the resulting error event.
    forgotten.on('error', () => {});
    await forgotten.connect();
    await database.cleanup();
    expect(await postgresDatabaseExists(database.databaseUrl)).toBe(false);
    await forgotten.end().catch(() => {});
  });
});
