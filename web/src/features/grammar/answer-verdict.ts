/**
 * The one wording of a checked grammar answer, for drills and generated exercises alike: an answer
 * right but for its accents ("Hable" for "Hablé") is an accent slip, said out loud, never a silent
 * "Right".
 */
export function answerVerdict(result: { correct: boolean; accentsDiffer: boolean }): string {
  if (result.correct) return result.accentsDiffer ? 'Right, but mind the accents: ' : 'Right: ';
  return result.accentsDiffer ? 'Almost, check the accents: ' : 'The answer is ';
}
