import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, testDbKind } from '../../tests/harness/test-database.ts';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import { postgresRowsInsert } from './postgres-rows.ts';

describe.skipIf(testDbKind !== 'postgres' || postgresUnavailable())(
  'rows inserted as JSON on PostgreSQL',
  () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    it('stores an unpaired surrogate as U+FFFD, as a bound parameter does, instead of failing the statement', async () => {
      const { db } = testApp.database;
      const at = '2026-12-06T12:00:00.000Z';
      const rows = postgresRowsInsert('settings', [
        { key: 'as-json', value: 'half \ud83d of an emoji, \udc00 and 😀', updated_at: at },
      ]);
      await sql`insert into settings (${rows.columns}) ${rows.select}`.execute(db);
      await db
        .insertInto('settings')
        .values({ key: 'as-parameter', value: 'half \ud83d of an emoji, \udc00 and 😀', updated_at: at })
        .execute();
      const stored = await db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('key', 'in', ['as-json', 'as-parameter'])
        .orderBy('key')
        .execute();
      expect(stored).toEqual([
        { key: 'as-json', value: 'half \ufffd of an emoji, \ufffd and 😀' },
        { key: 'as-parameter', value: 'half \ufffd of an emoji, \ufffd and 😀' },
      ]);
    });
  },
);
