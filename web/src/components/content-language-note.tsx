import { useLanguage, useT } from '../i18n/i18n.ts';

/**
 * Charla's built-in grammar topics (`content/grammar`) are written in English only for now: readers of
 * another interface language are told so once, above them. The texts themselves carry `lang="en"`, so a
 * screen reader reads them as English. (Personas' and scenarios' names and descriptions come translated
 * from the API; what stays English there is marked where it is shown.)
 */
export function ContentLanguageNote() {
  const t = useT('common');
  const language = useLanguage();
  if (language === 'en') return null;
  return <p className="muted content-language-note">{t('content.inEnglish')}</p>;
}
