import type { Translate } from '../../i18n/i18n.ts';

/** The values a card's part of speech and gender take (contracts/vocabulary.ts), named in the `vocabulary` catalogue. */
export const partsOfSpeech = [
  'noun',
  'verb',
  'adjective',
  'adverb',
  'pronoun',
  'preposition',
  'conjunction',
  'phrase',
  'other',
] as const;
export const genders = ['masculine', 'feminine', 'neuter', 'common'] as const;

/** A card's part of speech in the interface language; a value this version does not know, as stored. */
export function partOfSpeechLabel(value: string, t: Translate<'vocabulary'>): string {
  return (partsOfSpeech as readonly string[]).includes(value)
    ? t(`pos.${value as (typeof partsOfSpeech)[number]}`)
    : value;
}

export function genderLabel(value: string, t: Translate<'vocabulary'>): string {
  return (genders as readonly string[]).includes(value)
    ? t(`gender.${value as (typeof genders)[number]}`)
    : value;
}
