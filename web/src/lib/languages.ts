import type { CefrLevel, LanguageSupport } from '../../../contracts/language-catalogue.ts';
import { cefrLevels, findLanguage, languageCatalogue } from '../../../contracts/language-catalogue.ts';
import type { SelectOption } from '../components/form-field.tsx';

export { cefrLevels, languageCatalogue };

/** One line per CEFR level, short enough for a select option on a phone. */
export const levelDescriptions: Record<CefrLevel, string> = {
  A1: 'Beginner: simple phrases',
  A2: 'Elementary: everyday situations',
  B1: 'Intermediate: familiar topics with ease',
  B2: 'Upper intermediate: fluent on most topics',
  C1: 'Advanced: flexible and precise',
  C2: 'Mastery',
};

export const levelOptions: readonly SelectOption[] = cefrLevels.map((level) => ({
  value: level,
  label: `${level} — ${levelDescriptions[level]}`,
}));

export function isCefrLevel(value: string): value is CefrLevel {
  return (cefrLevels as readonly string[]).includes(value);
}

export function languageLabel(language: LanguageSupport): string {
  return language.nativeName === language.name ? language.name : `${language.name} (${language.nativeName})`;
}

export function languageName(code: string | null): string {
  if (code === null) return 'Not set';
  return findLanguage(code)?.name ?? code;
}

export function languageOptions(exclude: readonly string[] = []): SelectOption[] {
  return languageCatalogue
    .filter((language) => !exclude.includes(language.code))
    .map((language) => ({ value: language.code, label: languageLabel(language) }));
}

/** The browser's language, when the catalogue has it: a sensible first guess for the native language. */
export function browserLanguage(): string {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const code = tag.split('-')[0]?.toLowerCase();
    if (code && findLanguage(code)) return code;
  }
  return '';
}

/** "Hello" in each catalogue language, for the home page's greeting in the language being learned. */
const greetings: Record<string, string> = {
  es: '¡Hola',
  fr: 'Bonjour',
  de: 'Hallo',
  it: 'Ciao',
  pt: 'Olá',
  en: 'Hello',
  nl: 'Hallo',
  sv: 'Hej',
  da: 'Hej',
  no: 'Hei',
  pl: 'Cześć',
  cs: 'Ahoj',
  ro: 'Salut',
  el: 'Γεια σου',
  tr: 'Merhaba',
  ru: 'Привет',
  uk: 'Привіт',
  ar: 'مرحبا',
  he: 'שלום',
  hi: 'नमस्ते',
  zh: '你好',
  ja: 'こんにちは',
  ko: '안녕하세요',
  id: 'Halo',
  vi: 'Xin chào',
};

export function greetingFor(code: string | undefined): { word: string; language: string } {
  const word = code ? greetings[code] : undefined;
  return word && code ? { word, language: code } : { word: 'Hello', language: 'en' };
}

export const dailyGoalChoices = [5, 10, 15, 20, 30] as const;
