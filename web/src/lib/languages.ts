import type { CefrLevel, LanguageSupport } from '../../../contracts/language-catalogue.ts';
import { cefrLevels, findLanguage, languageCatalogue } from '../../../contracts/language-catalogue.ts';
import type { SelectOption } from '../components/select-field.tsx';
import { currentLanguage, intlLocale, translate } from '../i18n/i18n.ts';

export { cefrLevels, languageCatalogue };

/** One line per CEFR level, short enough for a select option on a phone. */
export function levelDescription(level: CefrLevel): string {
  return translate(`common.level.${level}`);
}

export function levelOptions(): SelectOption[] {
  return cefrLevels.map((level) => ({ value: level, label: `${level} — ${levelDescription(level)}` }));
}

export function isCefrLevel(value: string): value is CefrLevel {
  return (cefrLevels as readonly string[]).includes(value);
}

let displayNames: { locale: string; names: Intl.DisplayNames } | null = null;

/**
 * A language's name in the interface language ("Spanish", "Spanisch", "Espagnol"), from `Intl`; the
 * catalogue's English name where the browser has none. Capitalised: it starts a label or an option.
 */
export function languageName(code: string | null): string {
  if (code === null) return translate('common.language.notSet');
  const locale = intlLocale();
  if (displayNames?.locale !== locale) {
    displayNames = { locale, names: new Intl.DisplayNames(locale, { type: 'language', fallback: 'none' }) };
  }
  const name = displayNames.names.of(code) ?? findLanguage(code)?.name ?? code;
  const capitalised = name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  // The pseudo-language marks these too: they come from Intl, not from a hard-coded string.
  return currentLanguage() === 'xx' ? `⟦${capitalised}⟧` : capitalised;
}

/** "German (Deutsch)": the name in the interface language, then in itself, unless they are the same. */
export function languageLabel(language: LanguageSupport): string {
  const name = languageName(language.code).replace(/[⟦⟧]/g, '');
  const label = name === language.nativeName ? name : `${name} (${language.nativeName})`;
  return currentLanguage() === 'xx' ? `⟦${label}⟧` : label;
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
