import {
  type InterfaceLanguage,
  interfaceLanguageNames,
  interfaceLanguages,
  isInterfaceLanguage,
} from '../../../contracts/messages/languages.ts';
import { currentLanguage, setLanguage, useT } from '../i18n/i18n.ts';
import { SelectField } from './select-field.tsx';

const options = interfaceLanguages.map((code) => ({ value: code, label: interfaceLanguageNames[code] }));

/**
 * The interface language, each named in itself (a visitor who reads only German finds "Deutsch"). It
 * switches the page at once, without a reload; `onChange` also gets the choice (to save it in a
 * profile, or send it with a sign-up).
 */
export function InterfaceLanguagePicker({
  value,
  onChange,
  hint,
}: {
  value?: InterfaceLanguage;
  onChange?: (language: InterfaceLanguage) => void;
  hint?: boolean;
}) {
  const t = useT('common');
  const shown = value ?? currentLanguage();
  return (
    <SelectField
      label={t('language.interface')}
      name="interfaceLanguage"
      value={isInterfaceLanguage(shown) ? shown : 'en'}
      options={options}
      hint={hint ? t('language.interfaceHint') : undefined}
      onChange={async (chosen) => {
        if (!isInterfaceLanguage(chosen)) return;
        // Switched first, so that what follows (saving it) is already asked in the new language.
        await setLanguage(chosen);
        onChange?.(chosen);
      }}
    />
  );
}
