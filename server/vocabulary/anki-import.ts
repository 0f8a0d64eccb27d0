import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { zstdDecompressSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import type { AnkiImportQuery, AnkiImportResult, AnkiPreview } from '../../contracts/vocabulary.ts';
import type { ImportAwareDatabase } from '../db/schema.ts';
import { AppError, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { newId } from '../lib/ids.ts';
import { newCardRow } from './cards.ts';
import { findOwnDeck } from './decks.ts';
import type { VocabularyDeps } from './deps.ts';
import { termKey } from './present.ts';
import { readZip, ZipLimitError } from './zip.ts';

/**
 * Anki packages into decks: `.apkg` and `.colpkg`, in the current format (`collection.anki21b`,
 * zstd-compressed; its media map is not needed, media are not imported) and the legacy ones
 * (`collection.anki21`, `collection.anki2`). The collection is unpacked within limits, written to a
 * temporary file, checked (`PRAGMA integrity_check`) and opened read-only with untrusted schema
 * features off; field HTML becomes plain text. Cards start fresh with FSRS (decision 016).
 */
export const ankiLimits = {
  /** The package as uploaded. */
  uploadBytes: 200 * 1024 * 1024,
  /** The collection database unpacked (a zip or zstd bomb stops here). */
  collectionBytes: 256 * 1024 * 1024,
  /** Entries in the zip (media files included, which are not read). */
  entries: 100_000,
  /** One note's fields together. */
  noteBytes: 1024 * 1024,
  /** Notes imported at once. */
  notes: 50_000,
};

const tooLarge = (message: MessageRef) => new AppError('payload_too_large', message);

type NoteType = { id: string; name: string; fields: string[] };
type Collection = { format: AnkiPreview['format']; noteTypes: NoteType[]; db: DatabaseSync; close(): void };

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A field's HTML as the plain text a card holds: tags, sounds and control characters gone. */
export function htmlToText(html: string): string {
  return html
    .replace(/\[sound:[^\]]*\]/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(div|p|li|tr|h\d)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
      if (code[0] === '#') {
        const point =
          code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
        return Number.isFinite(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '';
      }
      return entities[code.toLowerCase()] ?? match;
    })
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]/gu, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Reads the upload whole (it is bounded): zip archives need random access. */
export async function readUpload(source: AsyncIterable<Buffer | Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > ankiLimits.uploadBytes)
      throw tooLarge(msg('errors.fileTooLarge', { megabytes: ankiLimits.uploadBytes / 1024 / 1024 }));
    chunks.push(buffer);
  }
  if (size === 0) throw validationFailed(msg('errors.fileEmpty'));
  return Buffer.concat(chunks);
}

const notAnki = () => validationFailed(msg('errors.anki.notPackage'));

/** The collection database inside the package, unpacked within the limits. */
function unpackCollection(archive: Buffer): { format: AnkiPreview['format']; bytes: Buffer } {
  const names = ['collection.anki21b', 'collection.anki21', 'collection.anki2'];
  let entries: ReturnType<typeof readZip>;
  try {
    entries = readZip(archive, {
      only: (name) => names.includes(name),
      maxEntries: ankiLimits.entries,
      maxEntryBytes: ankiLimits.collectionBytes,
    });
  } catch (error) {
    if (error instanceof ZipLimitError) throw tooLarge(error.messageRef);
    throw notAnki();
  }
  for (const name of names) {
    const entry = entries.find((candidate) => candidate.name === name);
    if (!entry) continue;
    if (name === 'collection.anki21b') {
      try {
        return {
          format: 'anki21b',
          bytes: zstdDecompressSync(entry.data, { maxOutputLength: ankiLimits.collectionBytes }),
        };
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw tooLarge(
            msg('errors.anki.collectionTooLarge', { mebibytes: ankiLimits.collectionBytes / 1024 / 1024 }),
          );
        throw validationFailed(msg('errors.anki.badZstd'));
      }
    }
    return { format: name === 'collection.anki21' ? 'anki21' : 'anki2', bytes: Buffer.from(entry.data) };
  }
  throw notAnki();
}

function parseModels(json: string): NoteType[] {
  const models = JSON.parse(json) as Record<
    string,
    { id?: number | string; name?: string; flds?: Array<{ name?: string }> }
  >;
  return Object.entries(models).map(([id, model]) => ({
    id: String(model.id ?? id),
    name: htmlToText(String(model.name ?? 'Note type')).slice(0, 200),
    fields: (model.flds ?? []).map((field) => htmlToText(String(field.name ?? '')).slice(0, 200)),
  }));
}

/** Opens the collection read-only after an integrity check, and reads its note types. */
function openCollection(archive: Buffer): Collection & { directory: string } {
  const { format, bytes } = unpackCollection(archive);
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000')
    throw validationFailed(msg('errors.anki.notSqlite'));
  const directory = mkdtempSync(join(tmpdir(), 'charla-anki-'));
  const path = join(directory, 'collection.sqlite');
  writeFileSync(path, bytes);
  let db: DatabaseSync | undefined;
  const close = () => {
    db?.close();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    db = new DatabaseSync(path, { readOnly: true, enableForeignKeyConstraints: false });
    // Untrusted file: no functions or virtual tables run from its schema (views, triggers).
    db.exec('PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON;');
    const check = db.prepare('PRAGMA integrity_check(1)').get() as Record<string, unknown> | undefined;
    if (!check || Object.values(check)[0] !== 'ok') throw validationFailed(msg('errors.anki.damaged'));
    const tables = new Set(
      (
        db.prepare("select name from sqlite_schema where type = 'table'").all() as Array<{ name: string }>
      ).map((row) => row.name),
    );
    if (!tables.has('notes')) throw notAnki();
    let noteTypes: NoteType[];
    if (tables.has('notetypes') && tables.has('fields')) {
      const fields = db.prepare('select ntid, ord, name from fields order by ntid, ord').all() as Array<{
        ntid: number | bigint;
        name: string;
      }>;
      noteTypes = (
        db.prepare('select id, name from notetypes').all() as Array<{ id: number | bigint; name: string }>
      ).map((type) => ({
        id: String(type.id),
        name: htmlToText(String(type.name)).slice(0, 200),
        fields: fields
          .filter((field) => String(field.ntid) === String(type.id))
          .map((field) => htmlToText(String(field.name)).slice(0, 200)),
      }));
    } else {
      const row = db.prepare('select models from col limit 1').get() as { models?: string } | undefined;
      noteTypes = parseModels(row?.models ?? '{}');
    }
    return { format, noteTypes, db, close, directory };
  } catch (error) {
    close();
    if (error instanceof AppError) throw error;
    throw validationFailed(msg('errors.anki.unreadable'));
  }
}

type Note = { id: string; mid: string; fields: string[] };

/** The notes, one at a time; a note larger than the limit refuses the whole file. */
function* readNotes(db: DatabaseSync): Generator<Note> {
  const statement = db.prepare('select id, mid, flds from notes order by id');
  statement.setReadBigInts(true);
  for (const row of statement.iterate() as Iterable<{ id: bigint; mid: bigint; flds: unknown }>) {
    const raw = typeof row.flds === 'string' ? row.flds : '';
    if (raw.length > ankiLimits.noteBytes)
      throw tooLarge(
        msg('errors.anki.noteTooLarge', {
          id: String(row.id),
          mebibytes: ankiLimits.noteBytes / 1024 / 1024,
        }),
      );
    yield { id: String(row.id), mid: String(row.mid), fields: raw.split('\u001f') };
  }
}

function withCollection<T>(archive: Buffer, work: (collection: Collection) => T): T {
  const collection = openCollection(archive);
  try {
    return work(collection);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw validationFailed(msg('errors.anki.unreadable'));
  } finally {
    collection.close();
  }
}

/**
 * What a package holds, for the learner to pick the mapping: every note type with its fields,
 * how many notes use it, and the first notes' fields as plain text.
 */
export function previewAnkiPackage(archive: Buffer): AnkiPreview {
  return withCollection(archive, (collection) => {
    const counts = new Map<string, number>();
    const samples = new Map<string, string[][]>();
    let total = 0;
    for (const note of readNotes(collection.db)) {
      total++;
      counts.set(note.mid, (counts.get(note.mid) ?? 0) + 1);
      const list = samples.get(note.mid) ?? [];
      if (list.length < 3) list.push(note.fields.map((field) => htmlToText(field).slice(0, 300)));
      samples.set(note.mid, list);
    }
    return {
      format: collection.format,
      totalNotes: total,
      noteTypes: collection.noteTypes
        .map((type) => ({
          ...type,
          noteCount: counts.get(type.id) ?? 0,
          samples: samples.get(type.id) ?? [],
        }))
        .filter((type) => type.noteCount > 0),
    };
  });
}

const cardLimits = { term: 200, translation: 500, exampleSentence: 1000, notes: 2000 } as const;

/**
 * Imports the notes of one note type into one of the learner's decks, fields mapped as the learner
 * chose; duplicates of the deck's terms (and of earlier notes) are skipped, notes whose mapped text
 * is empty or too long are reported. Rows go in batches tagged with an import id, so a failure
 * deletes them by that id.
 */
export async function importAnkiPackage(
  deps: VocabularyDeps,
  userId: string,
  archive: Buffer,
  query: AnkiImportQuery,
): Promise<AnkiImportResult> {
  const deck = await findOwnDeck(deps.db, userId, query.deckId);
  const now = deps.clock.now();
  const { rows, skipped, total, duplicates } = withCollection(archive, (collection) => {
    const type = collection.noteTypes.find((candidate) => candidate.id === query.noteType);
    if (!type) throw validationFailed(msg('errors.anki.noNoteType', { noteType: query.noteType }));
    const mapping = {
      term: query.term,
      translation: query.translation,
      exampleSentence: query.example,
      notes: query.notes,
    };
    for (const [column, index] of Object.entries(mapping)) {
      if (index !== undefined && index >= type.fields.length)
        throw validationFailed(msg('errors.anki.noField', { column, noteType: type.name, field: index + 1 }));
    }
    return { type, mapping, ...collectRows(collection.db, type.id, mapping) };
  });

  function collectRows(
    db: DatabaseSync,
    typeId: string,
    mapping: Record<keyof typeof cardLimits, number | undefined>,
  ) {
    const rows: ReturnType<typeof newCardRow>[] = [];
    const skipped: AnkiImportResult['skipped'] = [];
    let total = 0;
    let duplicates = 0;
    const seen = new Set<string>();
    for (const note of readNotes(db)) {
      if (note.mid !== typeId) continue;
      total++;
      if (total > ankiLimits.notes)
        throw tooLarge(msg('errors.anki.tooManyNotes', { count: ankiLimits.notes }));
      const content: Record<keyof typeof cardLimits, string> = {
        term: '',
        translation: '',
        exampleSentence: '',
        notes: '',
      };
      let problem: string | undefined;
      for (const [column, index] of Object.entries(mapping) as Array<
        [keyof typeof cardLimits, number | undefined]
      >) {
        if (index === undefined) continue;
        const text = htmlToText(note.fields[index] ?? '');
        const limit = cardLimits[column];
        // Only the term must be one line; the rest keep their line breaks.
        const value = column === 'term' ? text.replace(/\n/g, ' ') : text;
        if (value.length > limit) problem ??= `${column} is longer than ${limit} characters`;
        content[column] = value;
      }
      if (!content.term) problem ??= 'the term is empty';
      if (problem) {
        if (skipped.length < 50) skipped.push({ noteId: note.id, reason: problem });
        continue;
      }
      const key = termKey(content.term);
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      rows.push(newCardRow(deck, content, 'import', null, now));
    }
    return { rows, skipped, total, duplicates };
  }

  const existing = new Set(
    (
      await deps.db.selectFrom('vocabulary_cards').select('term_key').where('deck_id', '=', deck.id).execute()
    ).map((row) => row.term_key),
  );
  const fresh = rows.filter((row) => !existing.has(row.term_key));
  const importId = newId(now.getTime());
  const db = deps.db as unknown as Kysely<ImportAwareDatabase>;
  await db
    .insertInto('imports')
    .values({
      id: importId,
      user_id: userId,
      kind: 'anki',
      status: 'running',
      result_json: null,
      error_message: null,
      created_at: now.toISOString(),
      finished_at: null,
    })
    .execute();
  try {
    for (let index = 0; index < fresh.length; index += 500) {
      const batch = fresh.slice(index, index + 500).map((row) => ({ ...row, import_id: importId }));
      await db.transaction().execute((trx) => trx.insertInto('vocabulary_cards').values(batch).execute());
    }
  } catch (error) {
    await db.deleteFrom('vocabulary_cards').where('import_id', '=', importId).execute();
    await db.deleteFrom('imports').where('id', '=', importId).execute();
    throw error;
  }
  const result: AnkiImportResult = {
    imported: fresh.length,
    duplicates: duplicates + rows.length - fresh.length,
    skipped,
    skippedCount: total - rows.length - duplicates,
    notes: total,
  };
  await db
    .updateTable('imports')
    .set({
      status: 'complete',
      result_json: JSON.stringify(result),
      finished_at: deps.clock.now().toISOString(),
    })
    .where('id', '=', importId)
    .execute();
  return result;
}
