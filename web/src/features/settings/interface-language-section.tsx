import { useState } from 'react';
import type { User } from '../../../../contracts/auth.ts';
import type { InterfaceLanguage } from '../../../../contracts/messages/languages.ts';
import { FormAlert, StatusMessage } from '../../components/form-field.tsx';
import { InterfaceLanguagePicker } from '../../components/language-picker.tsx';
import { setLanguage, useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { useAuth, useCurrentUser } from '../../lib/auth-context.tsx';
import { formErrorsFrom } from '../../lib/form-errors.ts';

/**
 * The interface language, switched at once (no reload, nothing else on the page is lost) and saved to
 * the profile, so every device the member signs in on, and the API's messages, follow it.
 */
export function InterfaceLanguageSection() {
  const t = useT('settings');
  const user = useCurrentUser();
  const { setUser } = useAuth();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose(language: InterfaceLanguage) {
    const previous = user.profile.interfaceLanguage;
    setSaved(false);
    setError(null);
    try {
      const result = await api.patch<{ user: User }>('/api/me/profile', { interfaceLanguage: language });
      setUser(result.user);
      setSaved(true);
    } catch (caught) {
      // Not saved: back to the language the profile still has.
      await setLanguage(previous);
      setError(formErrorsFrom(caught, []).form);
    }
  }

  return (
    <section className="form" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('language.heading')}</h2>
      <FormAlert message={error} />
      <InterfaceLanguagePicker value={user.profile.interfaceLanguage} onChange={choose} hint />
      <StatusMessage message={saved ? t('language.saved') : null} />
    </section>
  );
}
