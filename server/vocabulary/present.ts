import type { Card, CardSource, GrammaticalGender, PartOfSpeech } from '../../contracts/vocabulary.ts';
import { type CardRow, stateName } from './scheduling.ts';

export function presentCard(row: CardRow): Card {
  return {
    id: row.id,
    deckId: row.deck_id,
    language: row.language,
    term: row.term,
    translation: row.translation,
    exampleSentence: row.example_sentence,
    notes: row.notes,
    partOfSpeech: row.part_of_speech as PartOfSpeech | null,
    gender: row.gender as GrammaticalGender | null,
    source: row.source as CardSource,
    sourceMessageId: row.source_message_id,
    sourceRef: row.source_ref,
    schedule: {
      state: stateName(row.state),
      due: row.due,
      stability: Number(row.stability),
      difficulty: Number(row.difficulty),
      scheduledDays: row.scheduled_days,
      learningSteps: row.learning_steps,
      reps: row.reps,
      lapses: row.lapses,
      lastReview: row.last_review,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The key duplicate detection and search use: case and surrounding space do not make a new word. */
export function termKey(term: string): string {
  return term.trim().toLocaleLowerCase('und').normalize('NFC');
}
