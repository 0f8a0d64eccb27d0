/**
 * Comparing a typed answer with the accepted ones. Case and spacing never matter. Accents matter
 * only in strict mode; in tolerant mode a missing or wrong accent still counts as right but is
 * reported, so the learner sees the exact spelling. German ß and ss are interchangeable when
 * tolerant (Swiss spelling, and keyboards without ß).
 */

export type AnswerCheck = { correct: boolean; accentsDiffer: boolean };

function normalise(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/[’‘`]/g, "'").toLocaleLowerCase('und');
}

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('ß', 'ss').normalize('NFC');
}

export function checkAnswer(
  answer: string,
  accepted: readonly string[],
  options: { strict: boolean },
): AnswerCheck {
  const given = normalise(answer);
  if (given === '') return { correct: false, accentsDiffer: false };
  const forms = accepted.map(normalise);
  if (forms.includes(given)) return { correct: true, accentsDiffer: false };
  const loose = stripAccents(given);
  const accentsDiffer = forms.some((form) => stripAccents(form) === loose);
  return { correct: accentsDiffer && !options.strict, accentsDiffer };
}
