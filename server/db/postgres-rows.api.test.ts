import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
  testDbKind,
} from '../../tests/harness/test-database.ts';
import { connectDatabase, type DatabaseHandle } from './connect.ts';
import { migrateToLatest } from './migrate.ts';
import { postgresRowsInsert } from './postgres-rows.ts';

describe.skipIf(testDbKind !== 'postgres' || postgresUnavailable())(
  'rows inserted as JSON on PostgreSQL',
  () => {
    let place: TestDatabase;
    let database: DatabaseHandle;
    beforeAll(async () => {
      place = await createTestDatabase('postgres');
      if (place.kind !== 'postgres') throw new Error('expected PostgreSQL');
      database = connectDatabase({ databaseUrl: place.databaseUrl, dataDir: '/nonexistent', poolSize: 1 });
      await migrateToLatest(database.db);
    });
    afterAll(async () => {
      await database?.close();
      await place?.cleanup();
    });

    it('stores an unpaired surrogate as U+FFFD, as a bound parameter does, instead of failing the statement', async () => {
      const { db } = database;
      const at = '2026-12-06T12:00:00.000Z';
      const rows = postgresRowsInsert('settings', [
        { key: 'as-json', value: 'half \ud83d of an emoji, \udc00 and 😀', updated_at: at },
      ]);
      await sql`insert into settings (${rows.columns}) ${rows.select}`.execute(db);
      await db
        .insertInto('settings')
        .values({ key: 'as-parameter', value: 'half \ud83d of an emoji, \udc00 and 😀', updated_at: at })
        .execute();
      const stored = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
      expect(stored).toEqual([
        { key: 'as-json', value: 'half \ufffd of an emoji, \ufffd and 😀' },
        { key: 'as-parameter', value: 'half \ufffd of an emoji, \ufffd and 😀' },
      ]);
    });
  },
);
