import { createHash } from 'node:crypto';
import type { ExportTableName } from '../../contracts/export.ts';

/**
 * How each table of a learner export relates to the learner: the column that says whose row it
 * is, the column the export pages by, the columns holding ids of other rows of the same export
 * (remapped on import), and whether it is a per-learner settings row (upserted, not tagged).
 *
 * A later issue that stores learner data adds its table here and in `contracts/export.ts`; the
 * round-trip test fails until both know it.
 */
export type LearnerTableRule = {
  owner: string;
  /** A unique column within the learner's rows, for keyset paging in bounded memory. */
  pageBy: string;
  /** Columns whose value is an id of a row in this export (UUIDs are remapped; slugs are kept). */
  references: string[];
  /** One row per learner (or per learner and language): replaced on import, never tagged. */
  settings?: true;
  /**
   * Only rows whose `column` names a row of `table` the learner owns (`user_id`) travel: a learner's
   * glossary or answers for a text an admin shared stay with that text.
   */
  within?: { column: string; table: string };
};

export const learnerTableRules: Record<ExportTableName, LearnerTableRule> = {
  profiles: { owner: 'user_id', pageBy: 'user_id', references: ['preferred_persona'], settings: true },
  user_languages: { owner: 'user_id', pageBy: 'language', references: [], settings: true },
  vocabulary_settings: { owner: 'user_id', pageBy: 'user_id', references: [], settings: true },
  tutor_preferences: { owner: 'user_id', pageBy: 'user_id', references: [], settings: true },
  daily_goal_changes: { owner: 'user_id', pageBy: 'id', references: ['id'] },
  personas: { owner: 'owner_id', pageBy: 'id', references: ['id'] },
  scenarios: { owner: 'author_id', pageBy: 'id', references: ['id'] },
  conversations: {
    owner: 'user_id',
    pageBy: 'id',
    references: ['id', 'persona_id', 'scenario_id', 'summary_through'],
  },
  messages: { owner: 'user_id', pageBy: 'id', references: ['id', 'conversation_id', 'reply_to'] },
  message_feedback: { owner: 'user_id', pageBy: 'message_id', references: ['message_id', 'conversation_id'] },
  error_events: { owner: 'user_id', pageBy: 'id', references: ['id', 'message_id', 'conversation_id'] },
  vocabulary_decks: { owner: 'user_id', pageBy: 'id', references: ['id'] },
  vocabulary_cards: { owner: 'user_id', pageBy: 'id', references: ['id', 'deck_id', 'source_message_id'] },
  vocabulary_review_logs: { owner: 'user_id', pageBy: 'id', references: ['id', 'card_id'] },
  grammar_exercises: { owner: 'user_id', pageBy: 'id', references: ['id'] },
  grammar_results: { owner: 'user_id', pageBy: 'id', references: ['id'] },
  ledger_entries: { owner: 'user_id', pageBy: 'id', references: ['id', 'conversation_id', 'message_id'] },
  reading_texts: { owner: 'user_id', pageBy: 'id', references: ['id'] },
  reading_generations: {
    owner: 'user_id',
    pageBy: 'id',
    references: ['id', 'text_id'],
    within: { column: 'text_id', table: 'reading_texts' },
  },
  reading_known_words: { owner: 'user_id', pageBy: 'id', references: ['id'] },
  reading_answers: {
    owner: 'user_id',
    pageBy: 'id',
    references: ['id', 'text_id'],
    within: { column: 'text_id', table: 'reading_texts' },
  },
  reading_conversations: {
    owner: 'user_id',
    pageBy: 'conversation_id',
    references: ['conversation_id', 'text_id'],
    within: { column: 'text_id', table: 'reading_texts' },
  },
  speech_recordings: { owner: 'user_id', pageBy: 'id', references: ['id', 'conversation_id'] },
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/**
 * The id a row gets in the importing account: the old id's first 64 bits (UUIDv7 milliseconds and
 * counter, so ids still sort as they did) and 62 bits of a hash of (account, old id). The same file
 * imported into the same account twice yields the same ids, which is what makes re-importing add
 * nothing; another account gets other ids, so nothing collides with the original.
 */
export function remapId(targetUserId: string, oldId: string): string {
  if (!isUuid(oldId)) return oldId;
  const head = oldId.replaceAll('-', '').slice(0, 16).toLowerCase();
  const digest = createHash('sha256').update(`${targetUserId}:${oldId.toLowerCase()}`).digest();
  digest[0] = ((digest[0] ?? 0) & 0x3f) | 0x80;
  const tail = digest.subarray(0, 8).toString('hex');
  const hex = head + tail;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
