import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledOnce, insertRows } from './compiled-once.ts';
import type { Database } from './schema.ts';
import { NodeSqliteDatabase } from './sqlite-adapter.ts';

let db: Kysely<Database> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** An in-memory database with one small table; `seed` puts three rows in it. */
async function openDatabase(seed = true) {
  const sqlite = new NodeSqliteDatabase(':memory:');
  sqlite.raw.exec('create table settings (key text primary key, value text not null, updated_at text)');
  if (seed) sqlite.raw.exec(`insert into settings (key, value) values ('a', '1'), ('b', '2'), ('c', '3')`);
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return db;
}

describe('compiledOnce', () => {
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

  it('serves a transaction from its database’s template', async () => {
    const database = await openDatabase();
    let builds = 0;
    const query = compiledOnce(['key'], (db, values) => {
      builds += 1;
      return db.selectFrom('settings').select('value').where('key', '=', values.key);
    });
    await database.executeQuery(query(database, { key: 'a' }));
    const inside = await database
      .transaction()
      .execute(async (trx) => (await trx.executeQuery(query(trx, { key: 'b' }))).rows);
    expect(inside).toEqual([{ value: '2' }]);
    expect(builds).toBe(1);
  });
});

describe('insertRows', () => {
  // Rows the schema's types would refuse (null or missing columns, an expression): the point here.
  const loose = (row: Record<string, unknown>) => row as { key: string; value: string; updated_at: string };
  const rowsOf = async (database: Kysely<Database>) =>
    database.selectFrom('settings').selectAll().orderBy('key').execute();

  it('reuses one statement per table, columns and row count, binding each call’s values', async () => {
    const database = await openDatabase(false);
    const first = insertRows(database, 'settings', [{ key: 'a', value: '1', updated_at: 'x' }]);
    const second = insertRows(database, 'settings', [loose({ key: 'b', value: '2', updated_at: null })]);
    expect(second.sql).toBe(first.sql);
    expect(second.parameters).toEqual(['b', '2', null]);
    await database.executeQuery(first);
    await database.executeQuery(second);
    const pair = insertRows(database, 'settings', [
      { key: 'c', value: '3', updated_at: 'y' },
      { key: 'd', value: '4', updated_at: 'z' },
    ]);
    expect(pair.parameters).toEqual(['c', '3', 'y', 'd', '4', 'z']);
    await database.executeQuery(pair);
    expect(await rowsOf(database)).toEqual([
      { key: 'a', value: '1', updated_at: 'x' },
      { key: 'b', value: '2', updated_at: null },
      { key: 'c', value: '3', updated_at: 'y' },
      { key: 'd', value: '4', updated_at: 'z' },
    ]);
  });

  it('leaves out undefined columns and compiles rows of other shapes or with expressions the ordinary way', async () => {
    const database = await openDatabase(false);
    await database.executeQuery(
      insertRows(database, 'settings', [{ key: 'a', value: '1', updated_at: 'x' }]),
    );
    const without = insertRows(database, 'settings', [
      loose({ key: 'b', value: '2', updated_at: undefined }),
    ]);
    expect(without.sql).not.toContain('updated_at');
    await database.executeQuery(without);
    // Rows whose columns differ: Kysely fills the gap with the column's default.
    await database.executeQuery(
      insertRows(database, 'settings', [
        { key: 'c', value: '3', updated_at: 'y' },
        loose({ key: 'd', value: '4' }),
      ]),
    );
    const expression = insertRows(database, 'settings', [
      loose({ key: 'e', value: sql<string>`'5' || '5'`, updated_at: 'z' }),
    ]);
    expect(expression.parameters).toEqual(['e', 'z']);
    await database.executeQuery(expression);
    expect(await rowsOf(database)).toEqual([
      { key: 'a', value: '1', updated_at: 'x' },
      { key: 'b', value: '2', updated_at: null },
      { key: 'c', value: '3', updated_at: 'y' },
      { key: 'd', value: '4', updated_at: null },
      { key: 'e', value: '55', updated_at: 'z' },
    ]);
  });
});
