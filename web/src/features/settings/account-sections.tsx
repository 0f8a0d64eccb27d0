import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ImportResult } from '../../../../contracts/export.ts';
import { FormAlert, SubmitButton, TextField } from '../../components/form-field.tsx';
import { formatList } from '../../i18n/format.ts';
import { translate, useT } from '../../i18n/i18n.ts';
import { api, downloadFile, uploadFile } from '../../lib/api-client.ts';
import { useAuth, useCurrentUser } from '../../lib/auth-context.tsx';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import type { NoticeState } from '../auth/login-page.tsx';

export function SessionsSection() {
  const t = useT('settings');
  const { logoutEverywhere } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signOutEverywhere() {
    setBusy(true);
    setError(null);
    try {
      const state: NoticeState = { notice: t('sessions.done') };
      await logoutEverywhere(() => navigate('/login', { replace: true, state }));
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
      setBusy(false);
    }
  }

  return (
    <section className="form" aria-labelledby="settings-sessions">
      <h2 id="settings-sessions">{t('sessions.heading')}</h2>
      <p>{t('sessions.text')}</p>
      <FormAlert message={error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={signOutEverywhere} disabled={busy}>
          {t('sessions.submit')}
        </button>
      </div>
    </section>
  );
}

export function ExportSection() {
  const t = useT('settings');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportData() {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const { blob, filename } = await downloadFile('/api/me/export', 'charla-export.json');
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoke later: some browsers start the download asynchronously after click().
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(t('export.done', { filename }));
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="form" aria-labelledby="settings-export">
      <h2 id="settings-export">{t('export.heading')}</h2>
      <p>{t('export.text')}</p>
      <FormAlert message={error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={exportData} disabled={busy}>
          {t('export.submit')}
        </button>
      </div>
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
    </section>
  );
}

const importedLabels = [
  ['conversations', 'settings.import.conversations'],
  ['messages', 'settings.import.messages'],
  ['vocabulary_cards', 'settings.import.cards'],
  ['vocabulary_review_logs', 'settings.import.reviews'],
  ['grammar_results', 'settings.import.grammar'],
] as const;

/** What an import added, in words: "12 conversations, 340 messages and 80 cards". */
export function describeImport(result: ImportResult): string {
  const parts = importedLabels
    .map(([table, key]) => [result.added[table] ?? 0, key] as const)
    .filter(([count]) => count > 0)
    .map(([count, key]) => translate(key, { count }));
  const nul = result.nulCharactersRemoved
    ? ` ${translate('settings.import.nul', { count: result.nulCharactersRemoved })}`
    : '';
  if (parts.length === 0) return `${translate('settings.import.nothingNew')}${nul}`;
  return `${translate('settings.import.added', { list: formatList(parts) })}${nul}`;
}

export function ImportSection() {
  const t = useT('settings');
  const { refresh } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    if (!file) {
      setError(t('import.chooseFile'));
      return;
    }
    setBusy(true);
    try {
      setStatus(describeImport(await uploadFile<ImportResult>('/api/me/import', file)));
      // The import replaced the profile (languages, goal, preferences): show the new one.
      await refresh();
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="settings-import">
      <h2 id="settings-import">{t('import.heading')}</h2>
      <p>{t('import.text')}</p>
      <FormAlert message={error} />
      <label className="field">
        <span className="field-label">{t('import.file')}</span>
        <input
          type="file"
          name="export-file"
          accept=".json,.gz,application/json,application/gzip"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </label>
      <div className="form-actions">
        <SubmitButton busy={busy} variant="secondary">
          {t('import.submit')}
        </SubmitButton>
      </div>
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
    </form>
  );
}

export function DeleteAccountSection() {
  const t = useT('settings');
  const user = useCurrentUser();
  const { clearSession } = useAuth();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  if (user.isOwner) {
    return (
      <section className="form danger-zone" aria-labelledby="settings-delete">
        <h2 id="settings-delete">{t('delete.heading')}</h2>
        <p>{t('delete.owner')}</p>
      </section>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({ password: password === '' ? t('delete.enterPassword') : null });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      await api.delete('/api/me', { password }, { credentialCheck: true });
      const state: NoticeState = { notice: t('delete.done') };
      clearSession(() => navigate('/login', { replace: true, state }));
    } catch (error) {
      setErrors(formErrorsFrom(error, ['password']));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form danger-zone" aria-labelledby="settings-delete">
      <h2 id="settings-delete">{t('delete.heading')}</h2>
      <p>{t('delete.text')}</p>
      <FormAlert message={errors.form} />
      <TextField
        label={t('delete.confirm')}
        name="password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        error={errors.fields.password}
        required
      />
      <div className="form-actions">
        <SubmitButton busy={busy} variant="danger">
          {t('delete.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
