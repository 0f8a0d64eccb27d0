import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeSqliteDatabase } from './sqlite-adapter.ts';

describe('SQLite checkpoints', () => {
  let dir: string | undefined;
  let sqlite: NodeSqliteDatabase | undefined;
  afterEach(() => {
    sqlite?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function commit(database: NodeSqliteDatabase, index: number) {
    database.prepare('begin').run([]);
    database.prepare('insert into notes (id, body) values (?, ?)').run([index, 'x'.repeat(4000)]);
    database.prepare('commit').run([]);
  }

  const autocheckpoint = (database: NodeSqliteDatabase) =>
    (database.raw.prepare('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint: number })
      .wal_autocheckpoint;

  async function until(check: () => boolean, what: string) {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('moves to a background thread once the database is busy, which copies the WAL into the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'charla-checkpoint-'));
    const path = join(dir, 'test.sqlite');
    sqlite = new NodeSqliteDatabase(path);
    const database = sqlite;
    database.raw.exec('create table notes (id integer primary key, body text not null)');
    for (let index = 0; index < 150; index++) commit(database, index);
    // A quiet database keeps SQLite's own checkpoint.
    expect(autocheckpoint(database)).toBe(1000);
    for (let index = 150; index < 260; index++) commit(database, index);
    await until(() => autocheckpoint(database) === 0, 'the automatic checkpoint to be turned off');
    // Written after the switch: only the background thread can move these pages into the file.
    const fileBefore = statSync(path).size;
    for (let index = 260; index < 400; index++) commit(database, index);
    await until(() => statSync(path).size >= fileBefore + 140 * 4000, 'the background checkpoint');
    const rows = database.raw.prepare('select count(*) as count from notes').get() as { count: number };
    expect(rows.count).toBe(400);
  });

  it('leaves an in-memory database to SQLite', () => {
    sqlite = new NodeSqliteDatabase(':memory:');
    const database = sqlite;
    database.raw.exec('create table notes (id integer primary key, body text not null)');
    for (let index = 0; index < 260; index++) commit(database, index);
    // An in-memory database has no WAL to copy: nothing is started, nothing changes.
    expect(autocheckpoint(database)).toBe(1000);
  });
});
