import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
  testDbKind,
} from '../../tests/harness/test-database.ts';
import { connectDatabase, type DatabaseHandle } from './connect.ts';
import { preparedMarker } from './postgres-prepared.ts';

describe.skipIf(testDbKind !== 'postgres' || postgresUnavailable())(
  'prepared statements on PostgreSQL',
  () => {
    let place: TestDatabase | undefined;
    let database: DatabaseHandle | undefined;
    afterEach(async () => {
      await database?.close();
      await place?.cleanup();
      database = undefined;
      place = undefined;
    });

    it('runs marked statements as named prepared statements, and only those', async () => {
      place = await createTestDatabase('postgres');
      if (place.kind !== 'postgres') throw new Error('expected PostgreSQL');
      // One connection: the prepared statements of a session are visible only to that session.
      database = connectDatabase({ databaseUrl: place.databaseUrl, dataDir: '/nonexistent', poolSize: 1 });
      const { db } = database;
      for (const value of [1, 2, 3]) {
        const marked = await sql<{
          doubled: number;
        }>`${sql.raw(preparedMarker)}select ${value}::int * 2 as doubled`.execute(db);
        expect(marked.rows[0]?.doubled).toBe(value * 2);
        await sql`select ${value}::int + 1 as plain`.execute(db);
      }
      const prepared = await sql<{ name: string; statement: string }>`
      select name, statement from pg_prepared_statements`.execute(db);
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0]?.name).toMatch(/^charla_[0-9a-f]{24}$/);
      expect(prepared.rows[0]?.statement).toContain('* 2 as doubled');
    });
  },
);
