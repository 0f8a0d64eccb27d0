import { unlink } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import {
  type ExportTableName,
  exportFormat,
  exportHeaderSchema,
  exportTableNames,
  exportTableSchemas,
  exportVersion,
  type ImportResult,
} from '../../contracts/export.ts';
import { stripNul } from '../../contracts/free-text.ts';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
// The readings of the English texts stored before issue 18, shared with the migrations that converted them.
import { storedFailureRef } from '../db/migrations/202612070110-stored-message-codes.ts';
import {
  storedLanguageNotice,
  storedUnavailableNote,
} from '../db/migrations/202612071200-feedback-note-codes.ts';
import type { Database, ImportAwareDatabase } from '../db/schema.ts';
import { AppError, validationFailed } from '../errors.ts';
import { zodIssueMessage } from '../i18n/field-issues.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { measureAudio, sniffAudio } from '../speech/audio-format.ts';
import { createRecordingStore, recordingFileOf } from '../speech/recordings.ts';
import { ExportFormatError, ExportScanner } from './export-scanner.ts';
import { isUuid, learnerTableRules, remapId } from './learner-tables.ts';

/** The stated limits of an import (README and decision 015). */
export const importLimits = {
  /** Bytes as uploaded (a `.json` or a gzip-compressed `.json.gz`). */
  uploadBytes: 200 * 1024 * 1024,
  /** Bytes of JSON after decompression. */
  unpackedBytes: 1024 * 1024 * 1024,
  /** Characters of one row (or one header value). */
  valueLength: 1024 * 1024,
  /** Characters of one kept recording's row: its audio (at most 10 MB) travels inline as base64. */
  recordingLength: 15 * 1024 * 1024,
};

/** Rows written per transaction: short enough never to hold SQLite's one connection for long. */
const batchSize = 500;

type Row = Record<string, unknown>;

const tooLarge = (message: MessageRef) => new AppError('payload_too_large', message);

/** Bytes in, with the upload and unpacked limits enforced as they stream; gzip is detected by its magic bytes. */
async function* unpackedText(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  let uploaded = 0;
  let unpacked = 0;
  const counted = (async function* () {
    for await (const chunk of source) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      uploaded += buffer.length;
      if (uploaded > importLimits.uploadBytes)
        throw tooLarge(msg('errors.fileTooLarge', { megabytes: importLimits.uploadBytes / 1024 / 1024 }));
      yield buffer;
    }
  })();
  const first = await counted.next();
  if (first.done) throw validationFailed(msg('errors.fileEmpty'));
  const head = first.value;
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  const rest = (async function* () {
    yield head;
    yield* counted;
  })();
  let bytes: AsyncIterable<Buffer> = rest;
  if (isGzip) {
    const gunzip = createGunzip();
    // Pipe by hand so a limit error from the source reaches the reader.
    (async () => {
      try {
        for await (const chunk of rest)
          if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
        gunzip.end();
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    })();
    bytes = gunzip;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of bytes) {
      unpacked += chunk.length;
      if (unpacked > importLimits.unpackedBytes)
        throw tooLarge(
          msg('errors.import.unpacksTooLarge', {
            gigabytes: importLimits.unpackedBytes / 1024 / 1024 / 1024,
          }),
        );
      yield decoder.decode(chunk, { stream: true });
    }
    yield decoder.decode();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (
      (error as { code?: string }).code === 'Z_DATA_ERROR' ||
      (error as { errno?: number }).errno !== undefined
    )
      throw validationFailed(msg('errors.import.notGzip'));
    if (error instanceof TypeError) throw validationFailed(msg('errors.import.notUtf8'));
    throw error;
  }
}

/** Removes NUL from every string of a row (PostgreSQL cannot store it), counting what it removed. */
function stripRow(row: Row): { row: Row; removed: number } {
  let removed = 0;
  const clean: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      const stripped = stripNul(value);
      removed += stripped.removed;
      clean[key] = stripped.text;
    } else clean[key] = value;
  }
  return { row: clean, removed };
}

/**
 * Rows exported before issue 18 hold English sentences where rows now hold catalogue keys (a failed
 * reply's reason, a feedback note): converted as the database migrations converted the stored ones, so
 * they read in the importer's language. A text no version of the server wrote stays as it is.
 */
function withStoredCodes(table: ExportTableName, row: Row): Row {
  if (table === 'messages' && typeof row.failure_message === 'string' && !row.failure_ref) {
    const ref = storedFailureRef(row.failure_message);
    return ref ? { ...row, failure_ref: JSON.stringify(ref), failure_message: null } : row;
  }
  if (table !== 'message_feedback') return row;
  let converted = row;
  if (typeof row.error_message === 'string') {
    const note = storedUnavailableNote(
      typeof row.error_code === 'string' ? row.error_code : null,
      row.error_message,
    );
    if (note) converted = { ...converted, error_code: note.errorCode, error_message: null };
  }
  if (typeof row.language_notice_json === 'string' && typeof row.language === 'string') {
    const notice = storedLanguageNotice(row.language_notice_json, row.language);
    if (notice) converted = { ...converted, language_notice_json: JSON.stringify(notice) };
  }
  return converted;
}

function isConstraintViolation(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '23503' || code === '23505' || /FOREIGN KEY|UNIQUE constraint/i.test(message ?? '');
}

type ImportContext = {
  db: Kysely<ImportAwareDatabase>;
  clock: Clock;
  /** Where recordings' audio goes; without it (no DATA_DIR) recordings are skipped. */
  recordingsDir: string | undefined;
  userId: string;
  importId: string;
  /** Deck ids that merged into a deck of the same language and name already in the account. */
  deckOverrides: Map<string, string>;
  result: ImportResult;
};

function resolveId(context: ImportContext, value: unknown): unknown {
  if (!isUuid(value)) return value;
  return context.deckOverrides.get(value) ?? remapId(context.userId, value);
}

/** The row as it goes into this account: owner replaced, ids of the export remapped. */
function remapRow(context: ImportContext, table: ExportTableName, row: Row): Row {
  const rule = learnerTableRules[table];
  const mapped: Row = { ...row, [rule.owner]: context.userId };
  for (const column of rule.references) mapped[column] = resolveId(context, row[column]);
  if (table === 'grammar_results' && row.kind === 'exercise') mapped.item = resolveId(context, row.item);
  // A reading answer's practice row names its question as `<text id>:<index>`.
  if (table === 'grammar_results' && row.kind === 'reading' && typeof row.item === 'string') {
    const [textId, index] = row.item.split(':');
    mapped.item = `${resolveId(context, textId)}:${index}`;
  }
  if (table === 'vocabulary_review_logs') {
    // The card as it was before the review (for undo) carries the same ids as the card.
    let previous: Row | undefined;
    try {
      previous = JSON.parse(String(row.previous_card_json)) as Row;
    } catch {
      previous = undefined;
    }
    if (previous && typeof previous === 'object') {
      for (const column of ['id', 'deck_id', 'source_message_id'])
        if (column in previous) previous[column] = resolveId(context, previous[column]);
      if ('user_id' in previous) previous.user_id = context.userId;
      mapped.previous_card_json = JSON.stringify(previous);
    }
  }
  return mapped;
}

async function mergeDecks(context: ImportContext, rows: Row[]): Promise<void> {
  const existing = await context.db
    .selectFrom('vocabulary_decks')
    .select(['id', 'language', 'name'])
    .where('user_id', '=', context.userId)
    .execute();
  for (const row of rows) {
    const twin = existing.find((deck) => deck.language === row.language && deck.name === row.name);
    const mappedId = remapId(context.userId, String(row.id));
    if (twin && twin.id !== mappedId) context.deckOverrides.set(String(row.id), twin.id);
  }
}

/**
 * Kept recordings: the audio file first (checked like an upload: audio by its content), then the
 * row, tagged with the import. One already there (same id) is skipped.
 */
async function writeRecordings(context: ImportContext, rows: Row[]): Promise<void> {
  let added = 0;
  let skipped = 0;
  const store = context.recordingsDir
    ? createRecordingStore({
        db: context.db as unknown as Kysely<Database>,
        clock: context.clock,
        dir: context.recordingsDir,
      })
    : undefined;
  for (const row of rows) {
    const mapped = remapRow(context, 'speech_recordings', row);
    const id = String(mapped.id);
    const audio = Buffer.from(String(row.audio_base64), 'base64');
    const format = sniffAudio(audio);
    if (!format) throw validationFailed(msg('errors.import.recordingNoAudio', { id: String(row.id) }));
    const exists = await context.db
      .selectFrom('speech_recordings')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (exists || !store) {
      skipped++;
      continue;
    }
    await store.save({
      id,
      userId: context.userId,
      conversationId: (mapped.conversation_id as string | null) ?? null,
      language: String(row.language),
      mimeType: format.mimeType,
      audio,
      durationMs: measureAudio(audio, format.format) ?? Number(row.duration_ms),
      transcript: String(row.transcript),
      // Files exported before recordings had a purpose carry none: they were all messages.
      purpose: row.purpose === 'pronunciation' ? 'pronunciation' : 'message',
      createdAt: String(row.created_at),
      importId: context.importId,
    });
    added++;
  }
  context.result.added.speech_recordings = (context.result.added.speech_recordings ?? 0) + added;
  context.result.skipped.speech_recordings = (context.result.skipped.speech_recordings ?? 0) + skipped;
}

/** Writes one batch in one short transaction; rows already there (same id) are skipped. */
async function writeBatch(context: ImportContext, table: ExportTableName, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  if (table === 'speech_recordings') return writeRecordings(context, rows);
  if (table === 'vocabulary_decks') await mergeDecks(context, rows);
  const values = rows
    .filter((row) => !(table === 'vocabulary_decks' && context.deckOverrides.has(String(row.id))))
    .map((row) => ({ ...remapRow(context, table, row), import_id: context.importId }));
  const skippedAsMerged = rows.length - values.length;
  // biome-ignore lint/suspicious/noExplicitAny: table from the export contract.
  const untyped = context.db as Kysely<any>;
  let added = 0;
  if (values.length) {
    await untyped.transaction().execute(async (trx) => {
      const result = await trx
        .insertInto(table)
        .values(values)
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      added = Number(result.numInsertedOrUpdatedRows ?? 0);
    });
  }
  context.result.added[table] = (context.result.added[table] ?? 0) + added;
  context.result.skipped[table] =
    (context.result.skipped[table] ?? 0) + values.length - added + skippedAsMerged;
}

/** Settings rows replace the account's own, all in one transaction once every other row is in. */
async function applySettings(context: ImportContext, settings: Map<ExportTableName, Row[]>): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: tables from the export contract.
  const untyped = context.db as Kysely<any>;
  await untyped.transaction().execute(async (trx) => {
    for (const [table, rows] of settings) {
      if (rows.length === 0) continue;
      const rule = learnerTableRules[table];
      await trx.deleteFrom(table).where(rule.owner, '=', context.userId).execute();
      await trx
        .insertInto(table)
        .values(rows.map((row) => remapRow(context, table, row)))
        .execute();
      context.result.added[table] = rows.length;
    }
  });
}

/** Deletes every row the import added, children first: the rollback of a failed import. */
export async function rollBackImport(
  db: Kysely<Database>,
  importId: string,
  recordingsDir?: string | undefined,
): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: tagged tables from the contract.
  const untyped = db as Kysely<any>;
  // The audio files of the recordings it added go with their rows.
  if (recordingsDir) {
    const recordings = (await untyped
      .selectFrom('speech_recordings')
      .select(['id', 'user_id', 'mime_type'])
      .where('import_id', '=', importId)
      .execute()) as Array<{ id: string; user_id: string; mime_type: string }>;
    for (const recording of recordings)
      await unlink(
        recordingFileOf(recordingsDir, recording.user_id, recording.id, recording.mime_type),
      ).catch(() => {});
  }
  for (const table of [...exportTableNames].reverse()) {
    if (learnerTableRules[table].settings) continue;
    await untyped.deleteFrom(table).where('import_id', '=', importId).execute();
  }
}

/**
 * Imports a killed process left `running`: their rows go by their id, and so do their records.
 * SQLite has one process, so every one is orphaned; on PostgreSQL only those older than any import
 * can last (a live process may still be importing).
 */
export async function rollBackInterruptedImports(
  db: Kysely<Database>,
  clock: Clock,
  options: { olderThanMs: number; recordingsDir?: string | undefined },
): Promise<number> {
  const before = new Date(clock.now().getTime() - options.olderThanMs).toISOString();
  const orphans = await db
    .selectFrom('imports')
    .select('id')
    .where('status', '=', 'running')
    .where('created_at', '<=', before)
    .execute();
  for (const { id } of orphans) {
    await rollBackImport(db, id, options.recordingsDir);
    await db.deleteFrom('imports').where('id', '=', id).execute();
  }
  return orphans.length;
}

function checkHeader(header: Record<string, unknown>) {
  if (header.format !== exportFormat) throw validationFailed(msg('errors.import.notExport'));
  const version = header.version;
  if (typeof version === 'number' && version > exportVersion) {
    throw validationFailed(msg('errors.import.newerVersion', { version, supported: exportVersion }));
  }
  if (version === 1) {
    throw validationFailed(msg('errors.import.version1'));
  }
  const parsed = exportHeaderSchema.safeParse(header);
  if (!parsed.success) throw validationFailed(msg('errors.import.badHeader'));
  return parsed.data;
}

/**
 * Imports a learner export (streamed, optionally gzip-compressed) into the caller's account: ids
 * remapped so nothing collides, rows written in short batches tagged with the import's id, a
 * second import of the same file adding nothing, settings replaced last. A bad file is a 4xx and
 * the rows already written are deleted by the import id.
 */
export async function importLearnerExport(
  deps: { db: Kysely<Database>; clock: Clock; recordingsDir?: string | undefined },
  userId: string,
  source: AsyncIterable<Buffer | Uint8Array | string>,
): Promise<ImportResult> {
  const importId = newId(deps.clock.now().getTime());
  const db = deps.db as unknown as Kysely<ImportAwareDatabase>;
  const context: ImportContext = {
    db,
    clock: deps.clock,
    recordingsDir: deps.recordingsDir,
    userId,
    importId,
    deckOverrides: new Map(),
    result: { importId, version: exportVersion, added: {}, skipped: {}, nulCharactersRemoved: 0 },
  };
  await deps.db
    .insertInto('imports')
    .values({
      id: importId,
      user_id: userId,
      kind: exportFormat,
      status: 'running',
      result_json: null,
      error_message: null,
      created_at: deps.clock.now().toISOString(),
      finished_at: null,
    })
    .execute();
  const finish = (status: 'complete', error: string | null) =>
    deps.db
      .updateTable('imports')
      .set({
        status,
        result_json: JSON.stringify(context.result),
        error_message: error,
        finished_at: deps.clock.now().toISOString(),
      })
      .where('id', '=', importId)
      .execute();

  try {
    const scanner = new ExportScanner({
      maxValueLength: importLimits.valueLength,
      rowLimits: { speech_recordings: importLimits.recordingLength },
    });
    const header: Record<string, unknown> = {};
    const settings = new Map<ExportTableName, Row[]>();
    let headerChecked = false;
    let table: ExportTableName | undefined;
    let tableIndex = -1;
    let rowNumber = 0;
    let batch: Row[] = [];
    const flush = async () => {
      if (table && batch.length) await writeBatch(context, table, batch);
      batch = [];
    };
    const handle = async (events: ReturnType<ExportScanner['push']>) => {
      for (const event of events) {
        if (event.kind === 'header') header[event.key] = event.value;
        else if (event.kind === 'tables') {
          const checked = checkHeader(header);
          context.result.version = checked.version;
          headerChecked = true;
        } else if (event.kind === 'table') {
          await flush();
          const index = exportTableNames.indexOf(event.table as ExportTableName);
          if (index === -1) throw validationFailed(msg('errors.import.unknownTable', { table: event.table }));
          // Parents come before children, so every reference is already in when a row arrives.
          if (index <= tableIndex)
            throw validationFailed(msg('errors.import.tableOrder', { table: event.table }));
          table = event.table as ExportTableName;
          tableIndex = index;
          rowNumber = 0;
        } else {
          if (!headerChecked || !table) throw validationFailed(msg('errors.import.notShaped'));
          rowNumber++;
          const parsed = exportTableSchemas[table].safeParse(event.value);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            // The field's problem is worded like a request's (zod's own texts are English).
            const problem = issue ? zodIssueMessage(issue) : msg('validation.invalid');
            const field = issue?.path.join('.');
            throw validationFailed(
              field
                ? msg('errors.import.badRowField', {
                    row: rowNumber,
                    table,
                    field,
                    ...(typeof problem === 'string'
                      ? { issue: problem }
                      : { issueRef: JSON.stringify(problem) }),
                  })
                : msg('errors.import.badRow', {
                    row: rowNumber,
                    table,
                    ...(typeof problem === 'string'
                      ? { detail: problem }
                      : { detailRef: JSON.stringify(problem) }),
                  }),
            );
          }
          const { row, removed } = stripRow(withStoredCodes(table, parsed.data as Row));
          context.result.nulCharactersRemoved += removed;
          if (learnerTableRules[table].settings) {
            const rows = settings.get(table) ?? [];
            if (rows.length >= 100) throw validationFailed(msg('errors.import.tooManyRows', { table }));
            rows.push(row);
            settings.set(table, rows);
          } else {
            batch.push(row);
            // A recording's row holds its audio: written one at a time, never a batch of them in memory.
            if (batch.length >= (table === 'speech_recordings' ? 1 : batchSize)) await flush();
          }
        }
      }
    };
    for await (const text of unpackedText(source)) await handle(scanner.push(text));
    await handle(scanner.end());
    await flush();
    if (!headerChecked) throw validationFailed(msg('errors.import.noTables'));
    await applySettings(context, settings);
    await finish('complete', null);
    return context.result;
  } catch (error) {
    let refusal: unknown = error;
    if (error instanceof ExportFormatError)
      refusal = error.tooLarge ? tooLarge(error.messageRef) : validationFailed(error.messageRef);
    else if (isConstraintViolation(error)) refusal = validationFailed(msg('errors.import.dangling'));
    // A refused import changes nothing: its rows go by its id, and so does its own record (the
    // refusal is in the response and the request log).
    await rollBackImport(deps.db, importId, deps.recordingsDir);
    await deps.db.deleteFrom('imports').where('id', '=', importId).execute();
    throw refusal;
  }
}
