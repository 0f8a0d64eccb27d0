import { sql } from 'kysely';
import type { Database } from './schema.ts';

// JSON.stringify writes an unpaired surrogate as a `\udXXX` escape, which PostgreSQL's JSON parser
// refuses (the statement fails); a bound text parameter reaches it as UTF-8 with U+FFFD in its place.
// A row written here stores what the same row bound as parameters would.
const wellFormed = (_key: string, value: unknown) =>
  typeof value === 'string' ? value.toWellFormed() : value;

/**
 * Rows for an `insert … select` on PostgreSQL, for statements that write several tables at once
 * (data-modifying CTEs) and insert only under a condition (`${select} where …`):
 * json_populate_recordset fills the given columns — every key of any row — and the others keep
 * their defaults. One bound parameter whatever the number of rows.
 */
export function postgresRowsInsert(table: keyof Database, rows: ReadonlyArray<Record<string, unknown>>) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const list = sql.join(columns.map((column) => sql.ref(column)));
  return {
    columns: list,
    select: sql`select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows, wellFormed)}::json)`,
  };
}
