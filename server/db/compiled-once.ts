import { randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { preparedMarker } from './postgres-prepared.ts';
import type { Database } from './schema.ts';

/**
 * A query whose SQL never changes, compiled once per database: Kysely builds and compiles a query's
 * whole tree on every call, and for a turn's nested first read that cost about as much as running
 * it on SQLite (0.5 ms per turn, measured). `build` runs once per database with a marker string in
 * place of each named value; every call then binds the values in the markers' places. A builder
 * that does not pass a marker through as a bound parameter (transforms it, or inlines it into the
 * SQL) fails loudly at its first use instead of binding the wrong value.
 */
export function compiledOnce<Name extends string, Row>(
  names: readonly Name[],
  build: (db: Kysely<Database>, values: Record<Name, string>) => Compilable<Row>,
) {
  type Template = { compiled: CompiledQuery<Row>; slots: Array<Name | undefined> };
  const templates = new WeakMap<object, Template>();
  const nonce = randomUUID();
  return (db: Kysely<Database>, values: Record<Name, unknown>): CompiledQuery<Row> => {
    let template = templates.get(db);
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
      templates.set(db, template);
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
