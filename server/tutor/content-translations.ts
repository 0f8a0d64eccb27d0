import { z } from 'zod';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';

/*
 * Built-in content (content/personas, content/scenarios) carries its name and short description in
 * every interface language beside the English it is written in: the API shows them in the reader's
 * language. What the tutor reads (style rules, setting, goals) stays English: it is the model's prompt.
 */

const translatedLanguages = z.enum(['es', 'fr', 'de', 'it', 'pt']);

/** A content file's `translations`: per language, the same fields as its English ones. */
export const contentTranslationsSchema = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.partialRecord(translatedLanguages, z.strictObject(shape)).optional();

export type ContentTranslations<Fields> = Partial<Record<z.infer<typeof translatedLanguages>, Fields>>;

/**
 * The fields in the reader's language, or in English with `textLanguage: 'en'` when a file has no
 * translation for it yet (the web then marks the text as English).
 */
export function inReaderLanguage<Fields extends Record<string, string>>(
  english: Fields,
  translations: ContentTranslations<Fields> | undefined,
  language: InterfaceLanguage,
): Fields & { textLanguage?: 'en' } {
  if (language === 'en') return english;
  const translated = translations?.[language];
  return translated ? { ...english, ...translated } : { ...english, textLanguage: 'en' };
}
