import { z } from 'zod';
import { cefrLevels, languageCatalogue } from './language-catalogue.ts';

export {
  type CefrLevel,
  cefrLevels,
  findLanguage,
  type LanguageSupport,
  languageCatalogue,
} from './language-catalogue.ts';

export const cefrLevelSchema = z.enum(cefrLevels);

const languageCodes = languageCatalogue.map((language) => language.code) as [string, ...string[]];

export const languageCodeSchema = z.enum(languageCodes, {
  error: () => `must be one of the supported language codes: ${languageCodes.join(', ')}`,
});
export type LanguageCode = z.infer<typeof languageCodeSchema>;
