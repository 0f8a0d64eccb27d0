import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';

/** Columns that change on reads, not on writes: a session's last-seen time. */
const volatileColumns: Record<string, string[]> = { sessions: ['last_seen_at'] };

/** The tables of the database (both dialects), migration bookkeeping aside, sorted by name. */
export async function listTables(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .map((table) => table.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

/**
 * A fingerprint of every table: one hash of its rows (sorted, volatile columns dropped) per table.
 * Two equal fingerprints mean nothing was stored, changed or deleted in between.
 */
export async function fingerprintTables(db: Kysely<Database>): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of await listTables(db)) {
    const rows = (await (db as Kysely<any>).selectFrom(table).selectAll().execute()) as Array<
      Record<string, unknown>
    >;
    const dropped = volatileColumns[table] ?? [];
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((key) => !dropped.includes(key))
            .sort()
            .map((key) => [key, row[key] === null ? null : String(row[key])]),
        ),
      )
      .sort();
    result[table] =
      `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return result;
}
