import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { SessionResponse } from '../../../../contracts/auth.ts';
import { FormAlert, SubmitButton, TextField } from '../../components/form-field.tsx';
import { InterfaceLanguagePicker } from '../../components/language-picker.tsx';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { currentLanguage, useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { useAuth } from '../../lib/auth-context.tsx';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { passwordProblem, usernameProblem } from './credentials.ts';
import { useAuthStatus } from './use-auth-status.ts';

const fields = ['username', 'password', 'email'] as const;

export function SignupPage() {
  const t = useT('auth');
  const tc = useT('common');
  const status = useAuthStatus();

  if (status.loading) return <PageLoading />;
  if (status.error || !status.data) {
    return (
      <div className="card auth-card">
        <title>{`${t('signUp.title')} · Charla`}</title>
        <h1>{t('signUp.title')}</h1>
        <LoadError message={status.error?.message ?? tc('errors.loadFailed')} onRetry={status.reload} />
      </div>
    );
  }

  const { needsSetup, openSignup } = status.data;
  if (!needsSetup && !openSignup) {
    return (
      <div className="card auth-card">
        <title>{`${t('signUp.closedTitle')} · Charla`}</title>
        <p className="auth-brand">Charla</p>
        <h1>{t('signUp.closedTitle')}</h1>
        <p>{t('signUp.closedText')}</p>
        <p className="auth-switch">
          {t('signUp.haveAccount')} <Link to="/login">{t('signUp.signIn')}</Link>
        </p>
        <div className="auth-language">
          <InterfaceLanguagePicker />
        </div>
      </div>
    );
  }
  return <SignupForm owner={needsSetup} />;
}

function SignupForm({ owner }: { owner: boolean }) {
  const t = useT('auth');
  const { setSession } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({
      username: usernameProblem(username),
      password: passwordProblem(password),
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      const trimmedEmail = email.trim();
      const session = await api.post<SessionResponse>('/api/auth/signup', {
        username: username.trim(),
        password,
        ...(trimmedEmail ? { email: trimmedEmail } : {}),
        // The language the visitor is reading this page in (their browser's, or the one they picked).
        ...(currentLanguage() === 'xx' ? {} : { interfaceLanguage: currentLanguage() }),
      });
      // The route guard takes the new user on to onboarding.
      setSession(session);
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
      setBusy(false);
    }
  }

  const title = owner ? t('signUp.ownerTitle') : t('signUp.learnerTitle');
  return (
    <div className="card auth-card">
      <title>{`${title} · Charla`}</title>
      <p className="auth-brand">Charla</p>
      <h1>{title}</h1>
      {owner ? (
        <p className="lead">{t('signUp.ownerLead')}</p>
      ) : (
        <p className="lead">{t('signUp.learnerLead')}</p>
      )}
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField
          label={t('field.username')}
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          hint={t('signUp.usernameHint')}
          error={errors.fields.username}
          required
          maxLength={32}
        />
        <TextField
          label={t('field.password')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('signUp.passwordHint')}
          error={errors.fields.password}
          required
        />
        <TextField
          label={t('field.email')}
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="email"
          optional
          error={errors.fields.email}
        />
        <SubmitButton busy={busy}>{t('signUp.submit')}</SubmitButton>
      </form>
      {owner ? null : (
        <p className="auth-switch">
          {t('signUp.haveAccount')} <Link to="/login">{t('signUp.signIn')}</Link>
        </p>
      )}
      <div className="auth-language">
        <InterfaceLanguagePicker />
      </div>
    </div>
  );
}
