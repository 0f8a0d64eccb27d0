import { useLanguage, useT } from '../i18n/i18n.ts';

/**
 * Charla's built-in content (personas, scenarios, grammar topics in `content/`) is written in English
 * only for now: readers of another interface language are told so once, above it. The texts themselves
 * carry `lang="en"`, so a screen reader reads them as English.
 */
export function ContentLanguageNote() {
  const t = useT('common');
  const language = useLanguage();
  if (language === 'en') return null;
  return <p className="muted content-language-note">{t('content.inEnglish')}</p>;
}
