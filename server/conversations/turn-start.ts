import { type Kysely, sql } from 'kysely';
import * as postgresJson from 'kysely/helpers/postgres';
import * as sqliteJson from 'kysely/helpers/sqlite';
import type { CorrectionCategory } from '../../contracts/tutor.ts';
import { compiledOnce, isPostgres } from '../db/compiled-once.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { type ReadingRow, readingRowQuery } from '../reading/conversation.ts';
import { errorCategoriesFromRows, sinceOf, topErrorQuery } from '../tutor/error-patterns.ts';
import { profileRowQuery, type TutorProfileRow } from '../tutor/tutor-context.ts';
import type { ConversationRow } from './conversations.ts';
import { type MemoryMessage, maxRowsScanned } from './memory.ts';

/** What a turn reads before anything else, in one statement. */
export type TurnStart = {
  conversation: ConversationRow;
  /** Rows composeReplyPrompt would otherwise read one by one. */
  preloaded: {
    profile: TutorProfileRow | undefined;
    reading: ReadingRow | undefined;
    topErrors: Array<{ category: CorrectionCategory; count: number }>;
    /** The unsummarised messages, newest first, as buildTurnMemory reads them. */
    messages: MemoryMessage[];
  };
};

/**
 * The turn's first read, compiled once per database (its shape never changes; building and
 * compiling it per turn cost as much as running it on SQLite). The dialect's JSON helpers are
 * picked from the database's adapter, so one template serves SQLite and PostgreSQL alike.
 */
const turnStartQuery = compiledOnce(['conversationId', 'userId', 'since'], (db, values) => {
  const json = isPostgres(db) ? postgresJson : sqliteJson;
  return db
    .selectFrom('conversations')
    .selectAll('conversations')
    .select((eb) => {
      // The modules' own queries, built on the outer query's builder so they may refer to its row
      // (their types only know a plain database).
      const nested = eb as unknown as Pick<Kysely<Database>, 'selectFrom'>;
      return [
        json.jsonObjectFrom(profileRowQuery(nested, eb.ref('conversations.user_id'))).as('profile_json'),
        json.jsonObjectFrom(readingRowQuery(nested, eb.ref('conversations.id'))).as('reading_json'),
        json
          .jsonArrayFrom(
            // The window's start is bound per call (`since`); the clock is not read here.
            topErrorQuery(nested, unusedClock, {
              userId: eb.ref('conversations.user_id'),
              language: eb.ref('conversations.language'),
              since: values.since,
            }),
          )
          .as('errors_json'),
        json
          .jsonArrayFrom(
            eb
              .selectFrom('messages')
              .select(['messages.id', 'messages.role', 'messages.text'])
              .whereRef('messages.conversation_id', '=', 'conversations.id')
              .where('messages.status', '!=', 'streaming')
              .where('messages.text', '!=', '')
              // A range on the (conversation_id, id) index: only the rows past the summary are read
              // ('' sorts before every id). An OR with "no summary yet" made both databases read every
              // message of the conversation and filter.
              .where('messages.id', '>', (inner) =>
                inner.fn.coalesce('conversations.summary_through', sql.lit('')),
              )
              .orderBy('messages.id', 'desc')
              .limit(maxRowsScanned),
          )
          .as('messages_json'),
      ];
    })
    .where('conversations.id', '=', values.conversationId)
    .where('conversations.user_id', '=', values.userId);
});

const unusedClock: Clock = {
  now() {
    throw new Error('the turn-start query binds its window start per call');
  },
};

/**
 * A turn's first read, one round trip (decision 025): the learner's own conversation with, as JSON
 * columns beside it, the learner's profile row for the tutor, the text a reading conversation is
 * about, the learner's recurring mistakes in its language, and the messages the memory window is
 * cut from. The same queries the modules run on their own (profileRowQuery, readingRowQuery, the
 * memory's scan), nested; 404 when the conversation is not the learner's.
 */
export async function loadTurnStart(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  conversationId: string,
): Promise<TurnStart> {
  const { rows } = await db.executeQuery(
    turnStartQuery(db, { conversationId, userId, since: sinceOf(clock) }),
  );
  const row = rows[0];
  if (!row) throw notFound('conversation');
  const { profile_json, reading_json, errors_json, messages_json, ...conversation } = row;
  // SQLite hands JSON columns back as text; PostgreSQL's driver parses them.
  const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
  return {
    conversation: conversation as ConversationRow,
    preloaded: {
      profile: parse<TutorProfileRow | null>(profile_json) ?? undefined,
      reading: parse<ReadingRow | null>(reading_json) ?? undefined,
      topErrors: errorCategoriesFromRows(
        parse<Array<{ category: string; count: number }> | null>(errors_json) ?? [],
      ),
      messages: parse<MemoryMessage[] | null>(messages_json) ?? [],
    },
  };
}
