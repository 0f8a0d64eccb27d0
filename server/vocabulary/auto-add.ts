import { addCardFromConversation } from './cards.ts';
import type { VocabularyDeps } from './deps.ts';
import { readVocabularySettings } from './settings.ts';

export type FeedbackItem = {
  /** The corrected text or the new word, as it should appear on the card. */
  term: string;
  translation?: string | undefined;
  /** The learner's sentence (or the tutor's) the item came from. */
  exampleSentence: string;
  notes?: string | undefined;
  /** Which item of the message (see `Card.sourceRef`). */
  sourceRef?: string | undefined;
  kind: 'correction' | 'new-word';
};

/**
 * For the Tutor feature: after a turn's feedback is stored, adds its corrections and new words to
 * the learner's deck for the language — only when the learner turned on "add automatically".
 * Items already in the deck are skipped. Returns how many cards were created.
 */
export async function autoAddFromFeedback(
  deps: VocabularyDeps,
  userId: string,
  input: { language: string; sourceMessageId: string; items: FeedbackItem[] },
): Promise<number> {
  if (input.items.length === 0) return 0;
  const settings = await readVocabularySettings(deps.db, userId);
  if (!settings.autoAddFromConversations) return 0;
  let created = 0;
  for (const item of input.items) {
    const term = item.term.trim().slice(0, 200);
    if (!term) continue;
    const result = await addCardFromConversation(deps, userId, {
      language: input.language,
      term,
      translation: item.translation?.slice(0, 500),
      exampleSentence: item.exampleSentence.slice(0, 1000),
      notes: item.notes?.slice(0, 2000),
      sourceMessageId: input.sourceMessageId,
      sourceRef: item.sourceRef,
      kind: item.kind,
    });
    if (result.created) created += 1;
  }
  return created;
}
