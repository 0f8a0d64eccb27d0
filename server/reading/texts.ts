import type { Kysely } from 'kysely';
import { findLanguage } from '../../contracts/languages.ts';
import {
  type ReadingSource,
  type ReadingTextSummary,
  readingTextMaxCharacters,
} from '../../contracts/reading.ts';
import type { ActiveSession } from '../auth/sessions.ts';
import type { Database, ReadingTextsTable } from '../db/schema.ts';
import { AppError, forbidden, notFound, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import type { AddressPolicy } from './address-policy.ts';
import { extractFileText, htmlToReadableText, markdownToText, tidyText } from './extract-text.ts';
import { type FetchLimits, fetchUrl, type Resolve } from './fetch-url.ts';
import { countWords } from './segment.ts';

export type TextDeps = {
  db: Kysely<Database>;
  clock: Clock;
  /** Which addresses a fetched URL may reach (production: public ones only). */
  addressPolicy: AddressPolicy;
  resolve?: Resolve | undefined;
  fetchLimits?: FetchLimits | undefined;
};

type Caller = Pick<ActiveSession, 'userId' | 'role' | 'isChild'>;

export function presentText(row: ReadingTextsTable, userId: string): ReadingTextSummary {
  return {
    id: row.id,
    language: row.language,
    title: row.title,
    source: row.source as ReadingSource,
    sourceUrl: row.source_url,
    sourceName: row.source_name,
    wordCount: row.word_count,
    shared: row.shared === 1,
    own: row.user_id === userId,
    createdAt: row.created_at,
  };
}

/** A text the learner may read: their own, or one an admin shared with members. */
export async function findReadableText(db: Kysely<Database>, userId: string, id: string) {
  const row = await db
    .selectFrom('reading_texts')
    .selectAll()
    .where('id', '=', id)
    .where((where) => where.or([where('user_id', '=', userId), where('shared', '=', 1)]))
    .executeTakeFirst();
  if (!row) throw notFound('text');
  return row;
}

async function findOwnText(db: Kysely<Database>, userId: string, id: string) {
  const row = await db
    .selectFrom('reading_texts')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('text');
  return row;
}

/** A title from the first line when the learner gave none. */
function titleFrom(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length <= 80 ? line : `${line.slice(0, 79).trimEnd()}…`;
}

async function storeText(
  deps: TextDeps,
  userId: string,
  input: {
    language: string;
    title: string | undefined;
    body: string;
    source: ReadingSource;
    sourceUrl?: string;
    sourceName?: string;
  },
) {
  if (!findLanguage(input.language)) throw notFound('language');
  const body = tidyText(input.body);
  if (!body)
    throw validationFailed(msg('errors.reading.noText'), {
      issues: [{ path: 'text', message: 'no text' }],
    });
  if (body.length > readingTextMaxCharacters)
    throw new AppError(
      'payload_too_large',
      msg('errors.reading.tooLong', { count: body.length, max: readingTextMaxCharacters }),
    );
  const now = deps.clock.now();
  const row: ReadingTextsTable = {
    id: newId(now.getTime()),
    user_id: userId,
    language: input.language,
    title: (input.title?.trim() || titleFrom(body)).slice(0, 200),
    source: input.source,
    source_url: input.sourceUrl ?? null,
    source_name: input.sourceName ?? null,
    body,
    word_count: countWords(body, input.language),
    shared: 0,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await deps.db.insertInto('reading_texts').values(row).execute();
  return { text: { ...presentText(row, userId), body } };
}

/** Adds a pasted text (the one way in for child accounts). */
export function addPastedText(
  deps: TextDeps,
  caller: Caller,
  input: { language: string; title?: string | undefined; text: string },
) {
  return storeText(deps, caller.userId, {
    language: input.language,
    title: input.title,
    body: input.text,
    source: 'paste',
  });
}

const childrenPasteOnly = () => forbidden(msg('errors.reading.childPasteOnly'));

/** Adds the text of an uploaded .txt, .md, .html or .epub file. */
export function addFileText(
  deps: TextDeps,
  caller: Caller,
  input: { language: string; fileName: string; title?: string | undefined },
  bytes: Buffer,
) {
  if (caller.isChild) throw childrenPasteOnly();
  if (bytes.length === 0) throw validationFailed(msg('errors.fileEmpty'));
  const extracted = extractFileText(input.fileName, bytes);
  return storeText(deps, caller.userId, {
    language: input.language,
    title: input.title ?? extracted.title,
    body: extracted.text,
    source: 'file',
    sourceName: input.fileName,
  });
}

/** Fetches a web page through the address policy and keeps its readable text. */
export async function addUrlText(
  deps: TextDeps,
  caller: Caller,
  input: { language: string; url: string; title?: string | undefined },
) {
  if (caller.isChild) throw childrenPasteOnly();
  const page = await fetchUrl(input.url, {
    policy: deps.addressPolicy,
    resolve: deps.resolve,
    limits: deps.fetchLimits,
  });
  const extracted = page.contentType.startsWith('text/plain')
    ? { title: undefined, text: page.text }
    : page.contentType.startsWith('text/markdown')
      ? { title: undefined, text: markdownToText(page.text) }
      : htmlToReadableText(page.text);
  return storeText(deps, caller.userId, {
    language: input.language,
    title: input.title ?? extracted.title,
    body: extracted.text,
    source: 'url',
    sourceUrl: page.url,
  });
}

/** The learner's texts and those shared with members, newest first. */
export async function listTexts(db: Kysely<Database>, userId: string, language?: string) {
  let query = db
    .selectFrom('reading_texts')
    .select([
      'id',
      'user_id',
      'language',
      'title',
      'source',
      'source_url',
      'source_name',
      'word_count',
      'shared',
      'created_at',
      'updated_at',
    ])
    .where((where) => where.or([where('user_id', '=', userId), where('shared', '=', 1)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500);
  if (language) query = query.where('language', '=', language);
  const rows = await query.execute();
  return { texts: rows.map((row) => presentText({ ...row, body: '' }, userId)) };
}

export async function getText(db: Kysely<Database>, userId: string, id: string) {
  const row = await findReadableText(db, userId, id);
  return { text: { ...presentText(row, userId), body: row.body } };
}

export async function deleteText(db: Kysely<Database>, userId: string, id: string) {
  const row = await findOwnText(db, userId, id);
  await db.deleteFrom('reading_texts').where('id', '=', row.id).execute();
}

/** An admin shares one of their texts with every member (a teacher assigning a reading), or stops. */
export async function shareText(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  id: string,
  shared: boolean,
) {
  const row = await findOwnText(deps.db, userId, id);
  await deps.db
    .updateTable('reading_texts')
    .set({ shared: shared ? 1 : 0, updated_at: deps.clock.now().toISOString() })
    .where('id', '=', row.id)
    .execute();
  return { text: { ...presentText({ ...row, shared: shared ? 1 : 0 }, userId), body: row.body } };
}
