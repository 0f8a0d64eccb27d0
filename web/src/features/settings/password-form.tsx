import { type FormEvent, useState } from 'react';
import { FormAlert, StatusMessage, SubmitButton, TextField } from '../../components/form-field.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { passwordProblem } from '../auth/credentials.ts';

const fields = ['currentPassword', 'newPassword'] as const;

export function PasswordForm() {
  const t = useT('settings');
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const clientErrors = fieldErrors({
      currentPassword: currentPassword === '' ? t('password.enterCurrent') : null,
      newPassword:
        passwordProblem(newPassword) ?? (newPassword === currentPassword ? t('password.different') : null),
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      // A wrong current password may come back as 401: that is an answer, not a lost session.
      await api.post('/api/me/password', { currentPassword, newPassword }, { credentialCheck: true });
      setCurrentPassword('');
      setNewPassword('');
      setDone(t('password.done'));
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="settings-password">
      <h2 id="settings-password">{t('password.heading')}</h2>
      <FormAlert message={errors.form} />
      <TextField
        label={t('password.current')}
        name="currentPassword"
        type="password"
        value={currentPassword}
        onChange={setCurrentPassword}
        autoComplete="current-password"
        error={errors.fields.currentPassword}
        required
      />
      <TextField
        label={t('password.new')}
        name="newPassword"
        type="password"
        value={newPassword}
        onChange={setNewPassword}
        autoComplete="new-password"
        hint={t('password.newHint')}
        error={errors.fields.newPassword}
        required
      />
      <div className="form-actions">
        <SubmitButton busy={busy}>{t('password.submit')}</SubmitButton>
      </div>
      <StatusMessage message={done} />
    </form>
  );
}
