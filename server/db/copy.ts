import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { type Kysely, sql } from 'kysely';
import { stripNul } from '../../contracts/free-text.ts';
import { connectDatabase, type DatabaseHandle } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * `npm run db:copy`: moves a whole Charla database between SQLite (a `DATA_DIR`) and PostgreSQL.
 * The source is read from a consistent snapshot (SQLite: `VACUUM INTO` a temporary file, so a
 * running server is no obstacle; PostgreSQL: one REPEATABLE READ transaction); the target must be
 * empty, is migrated first and written in one transaction, then row counts and the ledger's and
 * budgets' sums are compared before success is reported. NUL characters, which PostgreSQL cannot
 * store, are removed from text and counted.
 */
export type CopyEndpoint = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

export type CopyReport = {
  tables: Array<{ table: string; rows: number }>;
  rows: number;
  nulCharactersRemoved: number;
  seconds: number;
};

export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefused';
  }
}

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the copy works on whatever tables the migrations made.
type AnyDb = Kysely<any>;

/** `postgres://…` or `sqlite:<dir>` (a DATA_DIR). */
export function parseEndpoint(text: string): CopyEndpoint {
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', url: text };
  if (text.startsWith('sqlite:')) return { kind: 'sqlite', dataDir: resolve(text.slice('sqlite:'.length)) };
  throw new CopyRefused(`"${text}" is neither a postgres:// URL nor sqlite:<directory>.`);
}

const sqliteFile = (dataDir: string) => join(dataDir, 'charla.sqlite');
const bookkeeping = (table: string) => table.startsWith('kysely_');

/** Tables of a database with their columns and the tables they reference (for the copy order). */
async function describeTables(
  db: AnyDb,
  kind: 'sqlite' | 'postgres',
): Promise<Map<string, { columns: string[]; references: string[]; key: string[] }>> {
  const tables = new Map<string, { columns: string[]; references: string[]; key: string[] }>();
  for (const table of await db.introspection.getTables()) {
    if (bookkeeping(table.name)) continue;
    tables.set(table.name, { columns: table.columns.map((column) => column.name), references: [], key: [] });
  }
  for (const [name, info] of tables) {
    if (kind === 'sqlite') {
      const foreign = await sql<{
        table: string;
      }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
      info.references = foreign.rows.map((row) => row.table);
      const columns = await sql<{
        name: string;
        pk: number;
      }>`select name, pk from pragma_table_info(${name})`.execute(db);
      info.key = columns.rows
        .filter((row) => row.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((row) => row.name);
    } else {
      const foreign = await sql<{ referenced: string }>`
        select distinct ccu.table_name as referenced
        from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${name} and tc.table_schema = current_schema()`.execute(
        db,
      );
      info.references = foreign.rows.map((row) => row.referenced);
      const key = await sql<{ column: string }>`
        select kcu.column_name as column
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
        where tc.constraint_type = 'PRIMARY KEY' and tc.table_name = ${name} and tc.table_schema = current_schema()
        order by kcu.ordinal_position`.execute(db);
      info.key = key.rows.map((row) => row.column);
    }
  }
  return tables;
}

/** Parents before children, so foreign keys hold as rows arrive. */
function copyOrder(tables: Map<string, { references: string[] }>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (seen.has(name) || path.has(name)) return;
    path.add(name);
    for (const parent of tables.get(name)?.references ?? [])
      if (parent !== name && tables.has(parent)) visit(parent, path);
    seen.add(name);
    order.push(name);
  };
  for (const name of [...tables.keys()].sort()) visit(name, new Set());
  return order;
}

type Source = {
  kind: 'sqlite' | 'postgres';
  db: AnyDb;
  /** The source's rows of one table, a page at a time. */
  rows(table: string, columns: string[], key: string[]): AsyncGenerator<Row[]>;
  close(): Promise<void>;
};

const pageSize = 2000;

async function* pagedRows(db: AnyDb, table: string, columns: string[], key: string[]): AsyncGenerator<Row[]> {
  const order = key.length ? key : columns.slice(0, 1);
  let after: unknown[] | undefined;
  for (;;) {
    let query = db.selectFrom(table).select(columns).limit(pageSize);
    for (const column of order) query = query.orderBy(column);
    if (after) {
      const left = sql.join(order.map((column) => sql.ref(column)));
      const right = sql.join(after.map((value) => sql`${value}`));
      query = query.where(sql<boolean>`(${left}) > (${right})`);
    }
    const rows = (await query.execute()) as Row[];
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = order.map((column) => last[column]);
  }
}

/** A consistent, read-only view of the source. */
async function openSource(
  endpoint: CopyEndpoint,
): Promise<Source & { handle: DatabaseHandle; cleanup(): void }> {
  if (endpoint.kind === 'sqlite') {
    const file = sqliteFile(endpoint.dataDir);
    if (!existsSync(file)) throw new CopyRefused(`There is no Charla database at ${file}.`);
    // VACUUM INTO writes a consistent copy even while a server writes to the live file (WAL).
    const snapshotDir = mkdtempSync(join(tmpdir(), 'charla-copy-'));
    const live = new DatabaseSync(file, { readOnly: true });
    try {
      live.exec(`VACUUM INTO '${join(snapshotDir, 'charla.sqlite').replaceAll("'", "''")}'`);
    } finally {
      live.close();
    }
    const handle = connectDatabase({ dataDir: snapshotDir });
    // The snapshot is ours: bring it to the same schema the target gets.
    await migrateToLatest(handle.db);
    return {
      kind: 'sqlite',
      db: handle.db,
      handle,
      rows: (table, columns, key) => pagedRows(handle.db, table, columns, key),
      close: () => handle.close(),
      cleanup: () => rmSync(snapshotDir, { recursive: true, force: true }),
    };
  }
  const handle = connectDatabase({ databaseUrl: endpoint.url, dataDir: '/nonexistent', poolSize: 2 });
  return {
    kind: 'postgres',
    db: handle.db,
    handle,
    rows: (table, columns, key) => pagedRows(handle.db, table, columns, key),
    close: () => handle.close(),
    cleanup: () => {},
  };
}

async function openTarget(endpoint: CopyEndpoint): Promise<DatabaseHandle> {
  if (endpoint.kind === 'sqlite') {
    if (existsSync(sqliteFile(endpoint.dataDir)))
      throw new CopyRefused(`${sqliteFile(endpoint.dataDir)} already exists; copy into a new directory.`);
    return connectDatabase({ dataDir: endpoint.dataDir });
  }
  const handle = connectDatabase({ databaseUrl: endpoint.url, dataDir: '/nonexistent', poolSize: 2 });
  // Empty means no tables, or Charla's tables without a single account: what migrations seed (the
  // server's budget row) is replaced, and a target left by an earlier failed copy may be used again.
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db);
  const names = tables.rows.map((row) => row.name).filter((name) => !bookkeeping(name));
  const refuse = async (why: string) => {
    await handle.close();
    throw new CopyRefused(
      `The target PostgreSQL database is not empty (${why}); copy into an empty database.`,
    );
  };
  if (names.length && !names.includes('users')) await refuse(`it holds ${names.slice(0, 3).join(', ')}`);
  if (names.includes('users') && (await countRows(handle.db as AnyDb, 'users')) > 0)
    await refuse('it has accounts');
  return handle;
}

/** Sums that must survive the copy exactly: the ledger and the budgets are money. */
async function moneySums(db: AnyDb): Promise<Record<string, number>> {
  const one = async (query: { execute(db: AnyDb): Promise<{ rows: Array<{ value?: unknown }> }> }) =>
    Number((await query.execute(db)).rows[0]?.value ?? 0);
  return {
    ledgerCost: await one(sql`select coalesce(sum(cost_micros), 0) as value from ledger_entries`),
    ledgerInput: await one(sql`select coalesce(sum(input_tokens), 0) as value from ledger_entries`),
    ledgerOutput: await one(sql`select coalesce(sum(output_tokens), 0) as value from ledger_entries`),
    memberSpent: await one(sql`select coalesce(sum(month_spent_micros), 0) as value from member_budgets`),
    serverSpent: await one(sql`select coalesce(sum(month_spent_micros), 0) as value from server_budget`),
  };
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const result = await db.selectFrom(table).select(sql<number>`count(*)`.as('count')).executeTakeFirst();
  return Number(result?.count ?? 0);
}

/**
 * Copies every table of `from` into the empty `to`, verifies it, and reports what it did. A
 * refusal (non-empty target, missing source) is a `CopyRefused`; a failed verification leaves the
 * target's transaction rolled back (PostgreSQL) or the new file removed (SQLite).
 */
export async function copyDatabase(from: CopyEndpoint, to: CopyEndpoint): Promise<CopyReport> {
  const started = performance.now();
  if (from.kind === to.kind)
    throw new CopyRefused('Copy between SQLite and PostgreSQL: the two ends are the same kind.');
  const source = await openSource(from);
  let target: DatabaseHandle | undefined;
  try {
    target = await openTarget(to);
    await migrateToLatest(target.db);
    const targetDb = target.db as AnyDb;
    const sourceTables = await describeTables(source.db, source.kind);
    const targetTables = await describeTables(targetDb, target.kind);
    const missing = [...sourceTables.keys()].filter((name) => !targetTables.has(name));
    if (missing.length)
      throw new CopyRefused(
        `The target has no table ${missing.join(', ')}: the two servers run different versions.`,
      );
    const order = copyOrder(targetTables).filter((name) => sourceTables.has(name));
    const report: CopyReport = { tables: [], rows: 0, nulCharactersRemoved: 0, seconds: 0 };

    const copyAll = async (read: AnyDb, write: AnyDb) => {
      // Rows the target's migrations seeded give way to the source's.
      for (const table of [...copyOrder(targetTables)].reverse()) await write.deleteFrom(table).execute();
      for (const table of order) {
        const targetColumns = new Set(targetTables.get(table)!.columns);
        const columns = sourceTables.get(table)!.columns.filter((column) => targetColumns.has(column));
        const key = sourceTables.get(table)!.key;
        const perInsert = Math.max(1, Math.floor(30_000 / columns.length));
        let rows = 0;
        for await (const page of pagedRows(read, table, columns, key)) {
          const clean = page.map((row) => {
            const copy: Row = {};
            for (const column of columns) {
              const value = row[column];
              if (typeof value === 'string' && value.includes('\u0000')) {
                const stripped = stripNul(value);
                report.nulCharactersRemoved += stripped.removed;
                copy[column] = stripped.text;
              } else copy[column] = value;
            }
            return copy;
          });
          for (let index = 0; index < clean.length; index += perInsert)
            await write
              .insertInto(table)
              .values(clean.slice(index, index + perInsert))
              .execute();
          rows += page.length;
        }
        report.tables.push({ table, rows });
        report.rows += rows;
      }
      // Verify inside the target's transaction: a mismatch rolls the whole copy back.
      for (const { table, rows } of report.tables) {
        const expected = await countRows(read, table);
        const actual = await countRows(write, table);
        if (expected !== rows || actual !== rows)
          throw new Error(
            `Verification failed: ${table} has ${expected} rows in the source and ${actual} in the target.`,
          );
      }
      const [sourceSums, targetSums] = [await moneySums(read), await moneySums(write)];
      for (const [name, value] of Object.entries(sourceSums)) {
        if (targetSums[name] !== value)
          throw new Error(
            `Verification failed: ${name} is ${value} in the source and ${targetSums[name]} in the target.`,
          );
      }
    };

    const inTarget = (read: AnyDb) =>
      targetDb.transaction().execute((write) => copyAll(read, write as AnyDb));
    if (source.kind === 'postgres') {
      // One REPEATABLE READ transaction: every table is read as of the same moment.
      await source.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((read) => inTarget(read as AnyDb));
    } else await inTarget(source.db);
    report.seconds = (performance.now() - started) / 1000;
    return report;
  } catch (error) {
    if (target && to.kind === 'sqlite') {
      await target.close();
      target = undefined;
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(`${sqliteFile(to.dataDir)}${suffix}`, { force: true });
    }
    throw error;
  } finally {
    await target?.close();
    await source.close();
    source.cleanup();
  }
}
