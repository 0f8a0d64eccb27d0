import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import {
  type ExportTableName,
  exportFileColumns,
  exportFormat,
  exportTableNames,
  exportTableSchemas,
  exportVersion,
  serverExportFormat,
} from '../../contracts/export.ts';
import { findUserById } from '../auth/users.ts';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { createRecordingStore } from '../speech/recordings.ts';
import { learnerTableRules } from './learner-tables.ts';

/** Where the files some rows carry are kept (recordings); without it such rows are left out. */
export type ExportFiles = { recordingsDir?: string | undefined };

/** Rows read per query: bounds memory for a learner with 50,000 cards, one round trip per page. */
const pageSize = 1000;

type Row = Record<string, unknown>;

/** The learner's rows of one table, page by page, in a stable order (the paging column). */
async function* tableRows(
  db: Kysely<Database>,
  table: ExportTableName,
  userId: string,
  files: ExportFiles,
): AsyncGenerator<Row> {
  const rule = learnerTableRules[table];
  const fileColumn = exportFileColumns[table];
  const columns = Object.keys(exportTableSchemas[table].shape).filter((column) => column !== fileColumn);
  const recordings =
    fileColumn && files.recordingsDir
      ? createRecordingStore({ db, clock: { now: () => new Date() }, dir: files.recordingsDir })
      : undefined;
  // biome-ignore lint/suspicious/noExplicitAny: table and columns come from the export contract.
  const untyped = db as Kysely<any>;
  let after: unknown;
  for (;;) {
    let query = untyped
      .selectFrom(table)
      .select(columns)
      .where(rule.owner, '=', userId)
      .orderBy(rule.pageBy)
      .limit(pageSize);
    if (after !== undefined) query = query.where(rule.pageBy, '>', after);
    if (rule.within) {
      const { column, table: parent } = rule.within;
      query = query.where(
        column,
        'in',
        untyped.selectFrom(parent).select('id').where('user_id', '=', userId),
      );
    }
    const rows = (await query.execute()) as Row[];
    for (const row of rows) {
      if (!fileColumn) {
        yield row;
        continue;
      }
      // A recording travels with its audio; one whose file is gone is nothing to import.
      const audio = await recordings?.audioOf(userId, String(row.id), String(row.mime_type));
      if (audio) yield { ...row, [fileColumn]: audio.toString('base64') };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.[rule.pageBy];
  }
}

/** The user part of the header: who the export was made from (shown, never applied on import). */
async function exportUser(db: Kysely<Database>, userId: string) {
  const user = await findUserById(db, userId);
  if (!user) throw notFound('account');
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    isChild: user.isChild,
    createdAt: user.createdAt,
  };
}

/**
 * The JSON text of one learner's export, in chunks: a header, then every table's rows in
 * dependency order, one row per line. Memory stays bounded by one page of rows however much the
 * learner has stored. The account is read before the first chunk, so a missing one is a clean 404.
 */
async function learnerExportChunks(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  files: ExportFiles,
): Promise<AsyncGenerator<string>> {
  const user = await exportUser(db, userId);
  const header = {
    format: exportFormat,
    version: exportVersion,
    exportedAt: clock.now().toISOString(),
    user,
  };
  return (async function* () {
    yield `${JSON.stringify(header).slice(0, -1)},\n"tables":{`;
    let firstTable = true;
    for (const table of exportTableNames) {
      yield `${firstTable ? '' : ','}\n${JSON.stringify(table)}:[`;
      firstTable = false;
      let batch: string[] = [];
      let firstRow = true;
      for await (const row of tableRows(db, table, userId, files)) {
        batch.push(`${firstRow ? '' : ','}\n${JSON.stringify(row)}`);
        firstRow = false;
        if (batch.length >= 200) {
          yield batch.join('');
          batch = [];
        }
      }
      if (batch.length) yield batch.join('');
      yield ']';
    }
    yield '\n}}';
  })();
}

/**
 * Everything stored about one learner as a stream of versioned JSON (`contracts/export.ts`):
 * profile and settings, conversations with every message and its feedback, personas and scenarios
 * they wrote, decks, cards and the whole review log, grammar results, goal history and usage rows.
 */
export async function streamLearnerExport(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  files: ExportFiles = {},
): Promise<{ stream: Readable; username: string }> {
  const user = await exportUser(db, userId);
  return {
    stream: Readable.from(await learnerExportChunks(db, clock, userId, files)),
    username: user.username,
  };
}

/**
 * The owner's archive of the whole server: every member's export, one after the other, in one
 * JSON document. Only the owner may take it: it holds every member's data.
 */
export async function streamServerExport(
  db: Kysely<Database>,
  clock: Clock,
  callerId: string,
  files: ExportFiles = {},
): Promise<Readable> {
  const caller = await findUserById(db, callerId);
  if (!caller?.isOwner) throw forbidden(msg('errors.export.ownerOnly'));
  const members = await db.selectFrom('users').select('id').orderBy('id').execute();
  const header = {
    format: serverExportFormat,
    version: exportVersion,
    exportedAt: clock.now().toISOString(),
  };
  return Readable.from(
    (async function* () {
      yield `${JSON.stringify(header).slice(0, -1)},\n"members":[`;
      let first = true;
      for (const member of members) {
        // A member deleted since the list was read is simply not in the archive.
        const chunks = await learnerExportChunks(db, clock, member.id, files).catch(() => undefined);
        if (!chunks) continue;
        yield first ? '\n' : ',\n';
        first = false;
        yield* chunks;
      }
      yield '\n]}';
    })(),
  );
}
