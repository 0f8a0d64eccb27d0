/**
 * The languages the interface itself is written in (issue 18). A member's `interfaceLanguage` is one of
 * these; the languages they learn are a separate, longer list (`language-catalogue.ts`). Zod-free: the
 * web app imports it at run time.
 */
export const interfaceLanguages = ['en', 'es', 'fr', 'de', 'it', 'pt'] as const;
export type InterfaceLanguage = (typeof interfaceLanguages)[number];

/** Each language's name in itself: the language picker shows these, whatever the current language. */
export const interfaceLanguageNames: Record<InterfaceLanguage, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
  pt: 'Português',
};

/**
 * The locale each interface language formats in: numbers, money, dates, lists, language names and plural
 * forms. The catalogues are written for Britain, Spain, France, Germany, Italy and Portugal, so each
 * names its country (en-GB, es-ES, fr-FR, de-DE, it-IT, pt-PT): a bare "pt" is Brazil's to Intl
 * ("US$ 1.000.000,00", "em 2 horas", and 0 takes the singular), while the words are European
 * Portuguese. English money is the exception (`moneyLocale`). A rule rather than a table: the table
 * put the home page's first load over its budget.
 */
export function interfaceLocale(language: InterfaceLanguage): string {
  return language === 'en' ? 'en-GB' : `${language}-${language.toUpperCase()}`;
}

export function isInterfaceLanguage(value: unknown): value is InterfaceLanguage {
  return typeof value === 'string' && (interfaceLanguages as readonly string[]).includes(value);
}

/**
 * The first of `preferred` (a browser's `navigator.languages`, or an Accept-Language header's tags in
 * order) that the interface is written in, by its base language ("de-AT" → "de"); English otherwise.
 */
export function pickInterfaceLanguage(preferred: readonly string[]): InterfaceLanguage {
  for (const tag of preferred) {
    const base = tag.trim().split(/[-_]/)[0]?.toLowerCase();
    if (isInterfaceLanguage(base)) return base;
  }
  return 'en';
}

/** The tags of an Accept-Language header, most preferred first ("de-CH, fr;q=0.8, en;q=0.5"). */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = quality ? Number(quality.slice(2)) : 1;
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * A translation must have exactly the English catalogue's keys (TypeScript fails on a missing or an
 * extra one). Values are ICU MessageFormat strings.
 */
export type Translation<English> = { readonly [Key in keyof English]: string };
