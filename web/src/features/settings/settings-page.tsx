import { PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { SpeechSettings } from '../speech/speech-settings.tsx';
import { DeleteAccountSection, ExportSection, ImportSection, SessionsSection } from './account-sections.tsx';
import { InterfaceLanguageSection } from './interface-language-section.tsx';
import { PasswordForm } from './password-form.tsx';
import { ProfileForm } from './profile-form.tsx';
import { ReviewSettings } from './review-settings.tsx';

export function SettingsPage() {
  const t = useT('settings');
  return (
    <section className="page">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      <div className="settings-stack">
        <div className="card">
          <InterfaceLanguageSection />
        </div>
        <div className="card">
          <ProfileForm />
        </div>
        <div className="card">
          <ReviewSettings />
        </div>
        <div className="card">
          <SpeechSettings />
        </div>
        <div className="card">
          <PasswordForm />
        </div>
        <div className="card">
          <SessionsSection />
        </div>
        <div className="card">
          <ExportSection />
        </div>
        <div className="card">
          <ImportSection />
        </div>
        <div className="card">
          <DeleteAccountSection />
        </div>
      </div>
    </section>
  );
}
