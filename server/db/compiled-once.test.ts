import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledOnce } from './compiled-once.ts';
import type { Database } from './schema.ts';
import { NodeSqliteDatabase } from './sqlite-adapter.ts';

describe('compiledOnce', () => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy();
  });

  async function openDatabase() {
    const sqlite = new NodeSqliteDatabase(':memory:');
    sqlite.raw.exec('create table settings (key text primary key, value text not null, updated_at text)');
    sqlite.raw.exec(`insert into settings (key, value) values ('a', '1'), ('b', '2'), ('c', '3')`);
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return db;
  }

  it('binds each call’s values in place of the markers, keeping the constants', async () => {
    const database = await openDatabase();
    let builds = 0;
    const query = compiledOnce(['key'], (db, values) => {
      builds += 1;
      return db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', values.key)
        .where('value', '!=', 'never');
    });
    expect((await database.executeQuery(query(database, { key: 'a' }))).rows).toEqual([{ value: '1' }]);
    expect((await database.executeQuery(query(database, { key: 'c' }))).rows).toEqual([{ value: '3' }]);
    expect((await database.executeQuery(query(database, { key: 'z' }))).rows).toEqual([]);
    expect(builds).toBe(1);
  });

  it('refuses a builder that does not bind a value as it was given', async () => {
    const database = await openDatabase();
    const transformed = compiledOnce(['key'], (db, values) =>
      db.selectFrom('settings').select('value').where('key', '=', values.key.toUpperCase()),
    );
    expect(() => transformed(database, { key: 'a' })).toThrow(/key is not a bound parameter/);
  });
});
