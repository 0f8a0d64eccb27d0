import type { KeyIn } from '../../../../contracts/messages/catalogues.ts';

/**
 * The one wording of a checked grammar answer, for drills and generated exercises alike: an answer
 * right but for its accents ("Hable" for "Hablé") is an accent slip, said out loud, never a silent
 * "Right". A key of the `grammar` catalogue whose {answer} is the expected form.
 */
export function answerVerdict(result: { correct: boolean; accentsDiffer: boolean }): KeyIn<'grammar'> {
  if (result.correct) return result.accentsDiffer ? 'drill.rightAccents' : 'drill.right';
  return result.accentsDiffer ? 'drill.almostAccents' : 'drill.wrong';
}
