import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { SessionResponse } from '../../../../contracts/auth.ts';
import { FormAlert, SubmitButton, TextField } from '../../components/form-field.tsx';
import { InterfaceLanguagePicker } from '../../components/language-picker.tsx';
import { LoadError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { useAuth } from '../../lib/auth-context.tsx';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { useAuthStatus } from './use-auth-status.ts';

const fields = ['username', 'password'] as const;

/** A one-off notice carried in navigation state, e.g. after an account was deleted. */
export type NoticeState = { notice?: string };

export function LoginPage() {
  const t = useT('auth');
  const { setSession } = useAuth();
  const location = useLocation();
  const status = useAuthStatus();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const notice = (location.state as NoticeState | null)?.notice;

  if (status.data?.needsSetup) return <Navigate to="/signup" replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({
      username: username.trim() === '' ? t('signIn.enterUsername') : null,
      password: password === '' ? t('signIn.enterPassword') : null,
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      const session = await api.post<SessionResponse>(
        '/api/auth/login',
        { username: username.trim(), password },
        { credentialCheck: true },
      );
      // The sign-in route's guard sees the session and moves on into the app.
      setSession(session);
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
      setBusy(false);
    }
  }

  return (
    <div className="card auth-card">
      <title>{`${t('signIn.title')} · Charla`}</title>
      <p className="auth-brand">Charla</p>
      <h1>{t('signIn.title')}</h1>
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField
          label={t('field.username')}
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          error={errors.fields.username}
          required
          autoFocus
        />
        <TextField
          label={t('field.password')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={errors.fields.password}
          required
        />
        <SubmitButton busy={busy}>{t('signIn.submit')}</SubmitButton>
      </form>
      {status.error ? <LoadError message={status.error.message} onRetry={status.reload} /> : null}
      {status.data?.openSignup ? (
        <p className="auth-switch">
          {t('signIn.newHere')} <Link to="/signup">{t('signIn.createAccount')}</Link>
        </p>
      ) : null}
      {status.data && !status.data.openSignup ? (
        <p className="auth-switch muted">{t('signIn.askAdmin')}</p>
      ) : null}
      <div className="auth-language">
        <InterfaceLanguagePicker />
      </div>
    </div>
  );
}
