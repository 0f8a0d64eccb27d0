import type { Kysely } from 'kysely';
import type { Card, CardSource, CardState } from '../../contracts/vocabulary.ts';
import type { DatabaseKind } from '../db/connect.ts';
import { containsFolded } from '../db/folded-match.ts';
import type { Database } from '../db/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { newId } from '../lib/ids.ts';
import { defaultDeckFor, findOwnDeck } from './decks.ts';
import type { VocabularyDeps } from './deps.ts';
import { presentCard, termKey } from './present.ts';
import { type CardRow, emptySchedule, stateNames } from './scheduling.ts';

export type CardContent = {
  term: string;
  translation?: string | undefined;
  exampleSentence?: string | undefined;
  notes?: string | undefined;
  partOfSpeech?: string | null | undefined;
  gender?: string | null | undefined;
};

/** A card of this learner, or 404. */
export async function findOwnCard(db: Kysely<Database>, userId: string, cardId: string): Promise<CardRow> {
  const row = await db
    .selectFrom('vocabulary_cards')
    .selectAll()
    .where('id', '=', cardId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('card');
  return row;
}

export async function findCardByTerm(
  db: Kysely<Database>,
  deckId: string,
  term: string,
): Promise<CardRow | undefined> {
  return db
    .selectFrom('vocabulary_cards')
    .selectAll()
    .where('deck_id', '=', deckId)
    .where('term_key', '=', termKey(term))
    .executeTakeFirst();
}

/** A new card row, not yet stored: due at once, in the FSRS "new" state. */
export function newCardRow(
  deck: { id: string; user_id: string; language: string },
  content: CardContent,
  source: CardSource,
  sourceMessageId: string | null,
  now: Date,
  sourceRef: string | null = null,
): CardRow {
  const at = now.toISOString();
  return {
    id: newId(now.getTime()),
    deck_id: deck.id,
    user_id: deck.user_id,
    language: deck.language,
    term: content.term,
    term_key: termKey(content.term),
    translation: content.translation ?? '',
    example_sentence: content.exampleSentence ?? '',
    notes: content.notes ?? '',
    part_of_speech: content.partOfSpeech ?? null,
    gender: content.gender ?? null,
    source,
    source_message_id: sourceMessageId,
    source_ref: sourceRef,
    ...emptySchedule(now),
    created_at: at,
    updated_at: at,
  };
}

/** Adds a card by hand. The same term twice in one deck is refused. */
export async function createCard(
  deps: VocabularyDeps,
  userId: string,
  input: CardContent & { deckId: string },
): Promise<Card> {
  const deck = await findOwnDeck(deps.db, userId, input.deckId);
  if (await findCardByTerm(deps.db, deck.id, input.term)) {
    throw conflict(msg('errors.vocabulary.cardInDeck', { term: input.term, deck: deck.name }));
  }
  const row = newCardRow(deck, input, 'manual', null, deps.clock.now());
  await deps.db.insertInto('vocabulary_cards').values(row).execute();
  return presentCard(row);
}

/**
 * One click from a conversation: a correction or a new word becomes a card in the learner's deck
 * for that language, keeping the sentence it came from. Clicking twice adds it once.
 */
export async function addCardFromConversation(
  deps: VocabularyDeps,
  userId: string,
  input: {
    language: string;
    term: string;
    translation?: string | undefined;
    exampleSentence: string;
    notes?: string | undefined;
    sourceMessageId?: string | undefined;
    sourceRef?: string | undefined;
    kind: 'correction' | 'new-word';
  },
): Promise<{ card: Card; created: boolean }> {
  // The card keeps a reference to the message: it must be one of the caller's own (checked before
  // the deck is created, so a refusal changes nothing).
  if (input.sourceMessageId !== undefined) {
    const message = await deps.db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', input.sourceMessageId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!message) throw notFound('message');
  }
  const deck = await defaultDeckFor(deps, userId, input.language);
  const existing = await findCardByTerm(deps.db, deck.id, input.term);
  if (existing) return { card: presentCard(existing), created: false };
  const row = newCardRow(
    deck,
    input,
    input.kind === 'correction' ? 'correction' : 'new-word',
    input.sourceMessageId ?? null,
    deps.clock.now(),
    input.sourceRef ?? null,
  );
  await deps.db.insertInto('vocabulary_cards').values(row).execute();
  return { card: presentCard(row), created: true };
}

/**
 * The cards that came from one of the learner's conversations, for "In your deck" on the items they
 * came from. Another member's conversation gives nothing (the user id is in the where clause).
 */
export async function cardsFromConversation(
  deps: VocabularyDeps,
  userId: string,
  conversationId: string,
): Promise<{
  cards: Array<{ cardId: string; sourceMessageId: string; sourceRef: string | null; term: string }>;
}> {
  const rows = await deps.db
    .selectFrom('vocabulary_cards')
    .innerJoin('messages', 'messages.id', 'vocabulary_cards.source_message_id')
    .select([
      'vocabulary_cards.id as cardId',
      'vocabulary_cards.source_message_id as sourceMessageId',
      'vocabulary_cards.source_ref as sourceRef',
      'vocabulary_cards.term as term',
    ])
    .where('vocabulary_cards.user_id', '=', userId)
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.user_id', '=', userId)
    .orderBy('vocabulary_cards.id')
    .execute();
  return { cards: rows.map((row) => ({ ...row, sourceMessageId: row.sourceMessageId ?? '' })) };
}

export async function getCard(deps: VocabularyDeps, userId: string, cardId: string): Promise<Card> {
  return presentCard(await findOwnCard(deps.db, userId, cardId));
}

/** Edits a card's content or moves it to another deck of the same language. Its schedule is kept. */
export async function updateCard(
  deps: VocabularyDeps,
  userId: string,
  cardId: string,
  changes: Partial<CardContent> & { deckId?: string | undefined },
): Promise<Card> {
  const row = await findOwnCard(deps.db, userId, cardId);
  let deckId = row.deck_id;
  if (changes.deckId !== undefined && changes.deckId !== row.deck_id) {
    const target = await findOwnDeck(deps.db, userId, changes.deckId);
    if (target.language !== row.language) {
      throw conflict(msg('errors.vocabulary.sameLanguage'));
    }
    deckId = target.id;
  }
  const term = changes.term ?? row.term;
  if (changes.term !== undefined || deckId !== row.deck_id) {
    const clash = await findCardByTerm(deps.db, deckId, term);
    if (clash && clash.id !== row.id) throw conflict(msg('errors.vocabulary.cardInThatDeck', { term }));
  }
  await deps.db
    .updateTable('vocabulary_cards')
    .set({
      deck_id: deckId,
      term,
      term_key: termKey(term),
      ...(changes.translation === undefined ? {} : { translation: changes.translation }),
      ...(changes.exampleSentence === undefined ? {} : { example_sentence: changes.exampleSentence }),
      ...(changes.notes === undefined ? {} : { notes: changes.notes }),
      ...(changes.partOfSpeech === undefined ? {} : { part_of_speech: changes.partOfSpeech }),
      ...(changes.gender === undefined ? {} : { gender: changes.gender }),
      updated_at: deps.clock.now().toISOString(),
    })
    .where('id', '=', row.id)
    .execute();
  return getCard(deps, userId, cardId);
}

export async function deleteCard(deps: VocabularyDeps, userId: string, cardId: string): Promise<void> {
  const row = await findOwnCard(deps.db, userId, cardId);
  await deps.db.deleteFrom('vocabulary_cards').where('id', '=', row.id).execute();
}

/**
 * The learner's cards, newest first, optionally in one deck or language, in one state, or matching
 * a search over term, translation and example sentence. Paged by id (ids sort by creation).
 */
export async function listCards(
  // The search's folded comparison is written per database (`db/folded-match.ts`).
  deps: VocabularyDeps & { kind: DatabaseKind },
  userId: string,
  filter: {
    deckId?: string | undefined;
    language?: string | undefined;
    q?: string | undefined;
    state?: CardState | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ cards: Card[]; nextCursor: string | null }> {
  if (filter.deckId) await findOwnDeck(deps.db, userId, filter.deckId);
  let query = deps.db.selectFrom('vocabulary_cards').selectAll().where('user_id', '=', userId);
  if (filter.deckId) query = query.where('deck_id', '=', filter.deckId);
  if (filter.language) query = query.where('language', '=', filter.language);
  if (filter.state) query = query.where('state', '=', stateNames.indexOf(filter.state));
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  const q = filter.q?.trim();
  if (q) {
    // Case and accents ignored, as in the conversation search ("cancion" finds "canción").
    const matches = (column: string) => containsFolded(deps.kind, column, q);
    query = query.where((eb) =>
      eb.or([matches('term_key'), matches('translation'), matches('example_sentence')]),
    );
  }
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  return {
    cards: page.map(presentCard),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
