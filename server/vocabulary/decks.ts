import { type Kysely, type Selectable, sql } from 'kysely';
import { findLanguage } from '../../contracts/languages.ts';
import type { Deck } from '../../contracts/vocabulary.ts';
import type { Database, VocabularyDecksTable } from '../db/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { newId } from '../lib/ids.ts';
import type { VocabularyDeps } from './deps.ts';

type DeckRow = Selectable<VocabularyDecksTable>;

type DeckCounts = { cardCount: number; dueCount: number; newCount: number };

function presentDeck(row: DeckRow, counts: DeckCounts | undefined): Deck {
  return {
    id: row.id,
    language: row.language,
    name: row.name,
    description: row.description,
    cardCount: counts?.cardCount ?? 0,
    dueCount: counts?.dueCount ?? 0,
    newCount: counts?.newCount ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Card, due and new counts per deck in one grouped query. */
async function countCards(db: Kysely<Database>, userId: string, deckIds: string[], now: string) {
  if (deckIds.length === 0) return new Map<string, DeckCounts>();
  const rows = await db
    .selectFrom('vocabulary_cards')
    .select((eb) => [
      'deck_id',
      eb.fn.countAll<number>().as('card_count'),
      sql<number>`sum(case when state <> 0 and due <= ${now} then 1 else 0 end)`.as('due_count'),
      sql<number>`sum(case when state = 0 then 1 else 0 end)`.as('new_count'),
    ])
    .where('user_id', '=', userId)
    .where('deck_id', 'in', deckIds)
    .groupBy('deck_id')
    .execute();
  return new Map(
    rows.map((row) => [
      row.deck_id,
      {
        cardCount: Number(row.card_count),
        dueCount: Number(row.due_count ?? 0),
        newCount: Number(row.new_count ?? 0),
      },
    ]),
  );
}

/** The learner's decks, with how many cards each holds and how many are due. */
export async function listDecks(
  deps: VocabularyDeps,
  userId: string,
  filter: { language?: string | undefined },
): Promise<Deck[]> {
  let query = deps.db.selectFrom('vocabulary_decks').selectAll().where('user_id', '=', userId);
  if (filter.language) query = query.where('language', '=', filter.language);
  const rows = await query.orderBy('language').orderBy('name').execute();
  const counts = await countCards(
    deps.db,
    userId,
    rows.map((row) => row.id),
    deps.clock.now().toISOString(),
  );
  return rows.map((row) => presentDeck(row, counts.get(row.id)));
}

/** A deck of this learner, or 404: another member's deck does not exist for them. */
export async function findOwnDeck(db: Kysely<Database>, userId: string, deckId: string): Promise<DeckRow> {
  const row = await db
    .selectFrom('vocabulary_decks')
    .selectAll()
    .where('id', '=', deckId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('deck');
  return row;
}

export async function getDeck(deps: VocabularyDeps, userId: string, deckId: string): Promise<Deck> {
  const row = await findOwnDeck(deps.db, userId, deckId);
  const counts = await countCards(deps.db, userId, [row.id], deps.clock.now().toISOString());
  return presentDeck(row, counts.get(row.id));
}

async function assertNameFree(
  db: Kysely<Database>,
  userId: string,
  language: string,
  name: string,
  exceptId?: string,
) {
  let query = db
    .selectFrom('vocabulary_decks')
    .select('id')
    .where('user_id', '=', userId)
    .where('language', '=', language)
    .where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw conflict(msg('errors.vocabulary.deckExists', { name }));
}

/** Creates a deck for one language. Names are unique per learner and language. */
export async function createDeck(
  deps: VocabularyDeps,
  userId: string,
  input: { language: string; name: string; description?: string | undefined },
): Promise<Deck> {
  await assertNameFree(deps.db, userId, input.language, input.name);
  const now = deps.clock.now().toISOString();
  const row: DeckRow = {
    id: newId(deps.clock.now().getTime()),
    user_id: userId,
    language: input.language,
    name: input.name,
    description: input.description ?? '',
    created_at: now,
    updated_at: now,
  };
  try {
    await deps.db.insertInto('vocabulary_decks').values(row).execute();
  } catch (error) {
    // Two identical requests raced past the check: the unique index decided.
    if (/unique|duplicate/i.test(String(error))) {
      throw conflict(msg('errors.vocabulary.deckExists', { name: input.name }));
    }
    throw error;
  }
  return presentDeck(row, undefined);
}

export async function updateDeck(
  deps: VocabularyDeps,
  userId: string,
  deckId: string,
  changes: { name?: string | undefined; description?: string | undefined },
): Promise<Deck> {
  const row = await findOwnDeck(deps.db, userId, deckId);
  if (changes.name !== undefined) await assertNameFree(deps.db, userId, row.language, changes.name, row.id);
  await deps.db
    .updateTable('vocabulary_decks')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      updated_at: deps.clock.now().toISOString(),
    })
    .where('id', '=', row.id)
    .execute();
  return getDeck(deps, userId, deckId);
}

/** Deletes a deck with its cards and their review history. */
export async function deleteDeck(deps: VocabularyDeps, userId: string, deckId: string): Promise<void> {
  const row = await findOwnDeck(deps.db, userId, deckId);
  await deps.db.deleteFrom('vocabulary_decks').where('id', '=', row.id).execute();
}

/**
 * The deck cards from conversations go to: the learner's oldest deck for the language, or a new
 * one named after the language.
 */
export async function defaultDeckFor(
  deps: VocabularyDeps,
  userId: string,
  language: string,
): Promise<DeckRow> {
  const existing = await deps.db
    .selectFrom('vocabulary_decks')
    .selectAll()
    .where('user_id', '=', userId)
    .where('language', '=', language)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  if (existing) return existing;
  const name = findLanguage(language)?.name ?? language;
  try {
    const deck = await createDeck(deps, userId, {
      language,
      name,
      description: 'Words from your conversations',
    });
    return findOwnDeck(deps.db, userId, deck.id);
  } catch (error) {
    // A concurrent click created it first.
    const again = await deps.db
      .selectFrom('vocabulary_decks')
      .selectAll()
      .where('user_id', '=', userId)
      .where('language', '=', language)
      .orderBy('created_at')
      .executeTakeFirst();
    if (again) return again;
    throw error;
  }
}
