/**
 * The correction vocabulary without zod, for the web app's run-time imports (zod's runtime must stay
 * out of its first load); `auth.ts` and `tutor.ts` build their schemas on these lists.
 */

/** How many corrections a learner sees: none, only when asked, the important ones (at most 3), all. */
export const correctionPolicies = ['off', 'on-request', 'important', 'all'] as const;
export type CorrectionPolicy = (typeof correctionPolicies)[number];

export const correctionCategories = [
  'verb-tense',
  'agreement',
  'gender',
  'word-order',
  'preposition',
  'spelling',
  'vocabulary-choice',
  'register',
  'other',
] as const;
export type CorrectionCategory = (typeof correctionCategories)[number];

export const correctionCategoryLabels: Record<CorrectionCategory, string> = {
  'verb-tense': 'Verb tense',
  agreement: 'Agreement',
  gender: 'Gender',
  'word-order': 'Word order',
  preposition: 'Preposition',
  spelling: 'Spelling',
  'vocabulary-choice': 'Vocabulary choice',
  register: 'Register',
  other: 'Other',
};

/**
 * How a card names the correction it came from (`Card.sourceRef`), shared so the conversation can
 * tell which of a message's corrections are already in the deck.
 */
export function correctionRef(correction: { original: string; corrected: string }): string {
  return `${correction.original} → ${correction.corrected}`;
}
