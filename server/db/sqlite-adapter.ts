import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
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

/** Commits after which a database's checkpoints move to a background thread (see below). */
const backgroundCheckpointAfterCommits = 200;
const checkpointIntervalMs = 500;

/**
 * Adapts `node:sqlite` to the interface Kysely's SqliteDialect expects (it was written for
 * better-sqlite3). Statements are cached because Kysely prepares every query afresh.
 *
 * Checkpoints: SQLite's automatic checkpoint (every 1,000 WAL pages) runs inside the commit that
 * crosses the threshold, on the event loop — in the `cpu` benchmark about one commit in 130 took
 * 5–25 ms, a stall for every turn waiting behind it. Once a database has seen some traffic, a
 * worker thread with its own connection checkpoints it every half second instead
 * (`sqlite-checkpointer.ts`, PASSIVE: it neither waits for nor blocks this connection) and the
 * automatic one is turned off; if the worker fails, the automatic one comes back. Short-lived
 * databases (tests, one-off commands) never start it.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  readonly #cache = new Map<string, NodeSqliteStatement>();
  readonly #path: string;
  #commits = 0;
  #checkpointer: Worker | undefined;

  constructor(path: string) {
    this.#path = path;
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
    if (text === 'commit' && ++this.#commits === backgroundCheckpointAfterCommits) this.#startCheckpointer();
    let statement = this.#cache.get(text);
    if (!statement) {
      statement = new NodeSqliteStatement(this.raw.prepare(text), text);
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(text, statement);
    }
    return statement;
  }

  #startCheckpointer(): void {
    if (this.#path === ':memory:') return;
    const worker = new Worker(new URL('./sqlite-checkpointer.ts', import.meta.url), {
      workerData: { path: this.#path, intervalMs: checkpointIntervalMs },
    });
    // Never keep the process alive for it.
    worker.unref();
    this.#checkpointer = worker;
    worker.on('message', (message) => {
      if (message === 'ready' && this.raw.isOpen) this.raw.exec('PRAGMA wal_autocheckpoint = 0');
    });
    const fallBack = () => {
      if (this.#checkpointer !== worker) return;
      this.#checkpointer = undefined;
      if (this.raw.isOpen) this.raw.exec('PRAGMA wal_autocheckpoint = 1000');
    };
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
  }

  close(): void {
    const checkpointer = this.#checkpointer;
    this.#checkpointer = undefined;
    checkpointer?.postMessage('stop');
    this.#cache.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}
