import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite binds only numbers, strings, bigints, buffers and null. */
function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return value;
  if (value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map(toSqliteValue);
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: StatementSync;

  constructor(statement: StatementSync, sql: string) {
    this.#statement = statement;
    // A statement returns rows when it has result columns (SELECT, PRAGMA, or anything with RETURNING).
    this.reader = statement.columns().length > 0 || /\breturning\b/i.test(sql);
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...bind(parameters));
  }

  run(parameters: ReadonlyArray<unknown>) {
    const result = this.#statement.run(...bind(parameters));
    return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...bind(parameters)) as IterableIterator<unknown>;
  }
}

/**
 * Adapts `node:sqlite` to the interface Kysely's SqliteDialect expects (it was written for
 * better-sqlite3). Statements are cached because Kysely prepares every query afresh.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  readonly #cache = new Map<string, NodeSqliteStatement>();

  constructor(path: string) {
    this.raw = new DatabaseSync(path);
    this.raw.exec('PRAGMA journal_mode = WAL');
    this.raw.exec('PRAGMA synchronous = NORMAL');
    this.raw.exec('PRAGMA foreign_keys = ON');
    this.raw.exec('PRAGMA busy_timeout = 5000');
  }

  prepare(sql: string): SqliteStatement {
    // Every transaction takes the write lock up front: a deferred BEGIN that later writes can fail
    // with SQLITE_BUSY instead of waiting, and budget reservations need the lock before they read.
    const text = sql === 'begin' ? 'begin immediate' : sql;
    let statement = this.#cache.get(text);
    if (!statement) {
      statement = new NodeSqliteStatement(this.raw.prepare(text), text);
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(text, statement);
    }
    return statement;
  }

  close(): void {
    this.#cache.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}
