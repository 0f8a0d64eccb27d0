import { randomUUID } from 'node:crypto';
import { type Compilable, type CompiledQuery, type Insertable, type Kysely, PostgresAdapter } from 'kysely';
import { preparedMarker } from './postgres-prepared.ts';
import type { Database } from './schema.ts';

/**
 * A query whose SQL never changes, compiled once per database: Kysely builds and compiles a query's
 * whole tree on every call, and for a turn's nested first read that cost about as much as running
 * it on SQLite (0.5 ms per turn, measured). `build` runs once per database with a marker string in
 * place of each named value; every call then binds the values in the markers' places. A builder
 * that does not pass a marker through as a bound parameter (transforms it, or inlines it into the
 * SQL) fails loudly at its first use instead of binding the wrong value.
 *
 * Templates are kept per dialect adapter, not per Kysely instance: a transaction is a new instance
 * every time but compiles exactly as its database does.
 */
export function compiledOnce<Name extends string, Row>(
  names: readonly Name[],
  build: (db: Kysely<Database>, values: Record<Name, string>) => Compilable<Row>,
) {
  type Template = { compiled: CompiledQuery<Row>; slots: Array<Name | undefined> };
  const templates = new WeakMap<object, Template>();
  const nonce = randomUUID();
  return (db: Kysely<Database>, values: Record<Name, unknown>): CompiledQuery<Row> => {
    const key = db.getExecutor().adapter;
    let template = templates.get(key);
    if (!template) {
      const markers = Object.fromEntries(names.map((name) => [name, `\u0000${nonce}:${name}`])) as Record<
        Name,
        string
      >;
      const byMarker = new Map<unknown, Name>(names.map((name) => [markers[name], name]));
      const compiled = build(db, markers).compile();
      const slots = compiled.parameters.map((parameter) => byMarker.get(parameter));
      const missing = names.filter((name) => !slots.includes(name));
      if (missing.length > 0 || compiled.sql.includes(nonce))
        throw new Error(`compiledOnce: ${missing.join(', ') || 'a value'} is not a bound parameter`);
      // Its SQL never changes: on PostgreSQL a named prepared statement (postgres-prepared.ts).
      template = { compiled: { ...compiled, sql: preparedMarker + compiled.sql }, slots };
      templates.set(key, template);
    }
    const { compiled, slots } = template;
    return {
      ...compiled,
      parameters: compiled.parameters.map((parameter, index) => {
        const slot = slots[index];
        return slot === undefined ? parameter : values[slot];
      }),
    };
  };
}

/** Whether a database (or a transaction on it) is PostgreSQL, for a template that differs by dialect. */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

type PlainValue = string | number | bigint | boolean | null | Uint8Array;
const isPlain = (value: unknown): value is PlainValue =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'bigint' ||
  typeof value === 'boolean' ||
  value instanceof Uint8Array;

const insertTemplates = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * An insert of rows of plain values (strings, numbers, null…), compiled once per dialect, table,
 * column list and row count: the hot inserts of every turn (its messages, the budget's
 * reservation and ledger rows, the analysis) cost more to build and compile through Kysely than to
 * run on SQLite. Rows whose columns differ, or any value that is not plain (an expression), are
 * compiled the ordinary way. `undefined` leaves a column out, as Kysely does.
 */
export function insertRows<Table extends keyof Database & string>(
  db: Kysely<Database>,
  table: Table,
  rows: ReadonlyArray<Insertable<Database[Table]>>,
): CompiledQuery {
  const first = rows[0] as Record<string, unknown> | undefined;
  const ordinary = () =>
    db
      .insertInto(table)
      .values(rows as Insertable<Database[Table]>[])
      .compile();
  if (!first) return ordinary();
  const columns = Object.keys(first).filter((column) => first[column] !== undefined);
  const parameters: unknown[] = [];
  for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
    let defined = 0;
    for (const column in row) if (row[column] !== undefined) defined += 1;
    if (defined !== columns.length) return ordinary();
    for (const column of columns) {
      const value = row[column];
      if (!isPlain(value)) return ordinary();
      parameters.push(value);
    }
  }
  const adapter = db.getExecutor().adapter;
  let byShape = insertTemplates.get(adapter);
  if (!byShape) {
    byShape = new Map();
    insertTemplates.set(adapter, byShape);
  }
  const shape = `${table}\u0000${rows.length}\u0000${columns.join(',')}`;
  const template = byShape.get(shape);
  if (template) return { ...template, parameters };
  const compiled = ordinary();
  // Kept only when Kysely bound exactly these values, row by row in column order: then any later
  // rows of this shape bind the same way.
  if (
    compiled.parameters.length === parameters.length &&
    compiled.parameters.every((parameter, index) => parameter === parameters[index])
  ) {
    // Bounded: the shapes are the code's own inserts.
    if (byShape.size < 200) byShape.set(shape, compiled);
  }
  return compiled;
}
