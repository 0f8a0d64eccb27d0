/**
 * The language catalogue without zod: the web app imports these values at run time, and zod's runtime
 * (about 26 kB gzipped) must stay out of its first load. `languages.ts` builds the schemas on top.
 */

/** CEFR levels, lowest first. */
export const cefrLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof cefrLevels)[number];

export type LanguageSupport = {
  code: string;
  name: string;
  nativeName: string;
  /** Offline Hunspell spelling checks. */
  spelling: boolean;
  /** Offline conjugation drills from verb data packages. */
  conjugation: boolean;
  /** Built-in scenario vocabulary and phrases. */
  scenarioVocabulary: boolean;
};

const full = { spelling: true, conjugation: true, scenarioVocabulary: true };
const modelOnly = { spelling: false, conjugation: false, scenarioVocabulary: false };

/**
 * The language catalogue: what each language supports offline. Any language the model speaks can be
 * practised in conversation; the offline tools exist only where real linguistic data ships.
 */
export const languageCatalogue: readonly LanguageSupport[] = [
  { code: 'es', name: 'Spanish', nativeName: 'Español', ...full },
  { code: 'fr', name: 'French', nativeName: 'Français', ...full },
  { code: 'de', name: 'German', nativeName: 'Deutsch', ...full },
  { code: 'it', name: 'Italian', nativeName: 'Italiano', ...full },
  // No Portuguese conjugation package exists: its grammar practice is model-generated.
  { code: 'pt', name: 'Portuguese', nativeName: 'Português', ...full, conjugation: false },
  { code: 'en', name: 'English', nativeName: 'English', ...full },
  { code: 'nl', name: 'Dutch', nativeName: 'Nederlands', ...modelOnly },
  { code: 'sv', name: 'Swedish', nativeName: 'Svenska', ...modelOnly },
  { code: 'da', name: 'Danish', nativeName: 'Dansk', ...modelOnly },
  { code: 'no', name: 'Norwegian', nativeName: 'Norsk', ...modelOnly },
  { code: 'pl', name: 'Polish', nativeName: 'Polski', ...modelOnly },
  { code: 'cs', name: 'Czech', nativeName: 'Čeština', ...modelOnly },
  { code: 'ro', name: 'Romanian', nativeName: 'Română', ...modelOnly },
  { code: 'el', name: 'Greek', nativeName: 'Ελληνικά', ...modelOnly },
  { code: 'tr', name: 'Turkish', nativeName: 'Türkçe', ...modelOnly },
  { code: 'ru', name: 'Russian', nativeName: 'Русский', ...modelOnly },
  { code: 'uk', name: 'Ukrainian', nativeName: 'Українська', ...modelOnly },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', ...modelOnly },
  { code: 'he', name: 'Hebrew', nativeName: 'עברית', ...modelOnly },
  { code: 'hi', name: 'Hindi', nativeName: 'हिन्दी', ...modelOnly },
  { code: 'zh', name: 'Chinese', nativeName: '中文', ...modelOnly },
  { code: 'ja', name: 'Japanese', nativeName: '日本語', ...modelOnly },
  { code: 'ko', name: 'Korean', nativeName: '한국어', ...modelOnly },
  { code: 'id', name: 'Indonesian', nativeName: 'Bahasa Indonesia', ...modelOnly },
  { code: 'vi', name: 'Vietnamese', nativeName: 'Tiếng Việt', ...modelOnly },
];

export function findLanguage(code: string): LanguageSupport | undefined {
  return languageCatalogue.find((language) => language.code === code);
}
