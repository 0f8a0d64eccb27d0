import { toCsv } from './csv.ts';
import { findOwnDeck } from './decks.ts';
import type { VocabularyDeps } from './deps.ts';

export const csvHeader = ['term', 'translation', 'example sentence', 'notes', 'part of speech', 'gender'];

/** The deck as CSV with a header line, in the column order the importer reads back. */
export async function exportDeckCsv(deps: VocabularyDeps, userId: string, deckId: string) {
  const deck = await findOwnDeck(deps.db, userId, deckId);
  const cards = await deps.db
    .selectFrom('vocabulary_cards')
    .select(['term', 'translation', 'example_sentence', 'notes', 'part_of_speech', 'gender'])
    .where('deck_id', '=', deck.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const rows = cards.map((card) => [
    card.term,
    card.translation,
    card.example_sentence,
    card.notes,
    card.part_of_speech ?? '',
    card.gender ?? '',
  ]);
  return { deck, csv: toCsv([csvHeader, ...rows]) };
}
