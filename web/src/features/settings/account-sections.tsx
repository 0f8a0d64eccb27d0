import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ImportResult } from '../../../../contracts/export.ts';
import { FormAlert, SubmitButton, TextField } from '../../components/form-field.tsx';
import { api, downloadFile, uploadFile } from '../../lib/api-client.ts';
import { useAuth, useCurrentUser } from '../../lib/auth-context.tsx';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import type { NoticeState } from '../auth/login-page.tsx';

export function SessionsSection() {
  const { logoutEverywhere } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signOutEverywhere() {
    setBusy(true);
    setError(null);
    try {
      const state: NoticeState = { notice: 'You are signed out on every device.' };
      await logoutEverywhere(() => navigate('/login', { replace: true, state }));
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
      setBusy(false);
    }
  }

  return (
    <section className="form" aria-labelledby="settings-sessions">
      <h2 id="settings-sessions">Devices</h2>
      <p>Signed in on a shared or lost device? This signs you out everywhere, including here.</p>
      <FormAlert message={error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={signOutEverywhere} disabled={busy}>
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}

export function ExportSection() {
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
      setStatus(`Downloaded ${filename}.`);
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="form" aria-labelledby="settings-export">
      <h2 id="settings-export">Your data</h2>
      <p>
        Download everything Charla stores about you (profile, conversations, cards, progress) as a JSON file.
      </p>
      <FormAlert message={error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={exportData} disabled={busy}>
          Export my data
        </button>
      </div>
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
    </section>
  );
}

const importedLabels: Array<[string, string, string]> = [
  ['conversations', 'conversation', 'conversations'],
  ['messages', 'message', 'messages'],
  ['vocabulary_cards', 'card', 'cards'],
  ['vocabulary_review_logs', 'review', 'reviews'],
  ['grammar_results', 'grammar answer', 'grammar answers'],
];

/** What an import added, in words: "12 conversations, 340 messages and 80 cards". */
export function describeImport(result: ImportResult): string {
  const parts = importedLabels
    .map(([table, one, many]) => [result.added[table] ?? 0, one, many] as const)
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  const nul = result.nulCharactersRemoved
    ? ` ${result.nulCharactersRemoved} invisible NUL characters were removed from the text.`
    : '';
  if (parts.length === 0)
    return `Nothing new to add: everything in this file is already in your account.${nul}`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Imported ${list}.${nul}`;
}

export function ImportSection() {
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
      setError('Choose the export file first.');
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
      <h2 id="settings-import">Import your data</h2>
      <p>
        Bring in an export from this or another Charla server (the JSON file, as downloaded, or
        gzip-compressed; at most 200 MB). Importing the same file twice adds nothing twice.
      </p>
      <FormAlert message={error} />
      <label className="field">
        <span className="field-label">Export file</span>
        <input
          type="file"
          name="export-file"
          accept=".json,.gz,application/json,application/gzip"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </label>
      <div className="form-actions">
        <SubmitButton busy={busy} variant="secondary">
          Import
        </SubmitButton>
      </div>
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
    </form>
  );
}

export function DeleteAccountSection() {
  const user = useCurrentUser();
  const { clearSession } = useAuth();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  if (user.isOwner) {
    return (
      <section className="form danger-zone" aria-labelledby="settings-delete">
        <h2 id="settings-delete">Delete my account</h2>
        <p>
          You are the owner of this server, so your account cannot be deleted: the family or class would be
          left without anyone to manage it.
        </p>
      </section>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({ password: password === '' ? 'Enter your password to confirm' : null });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      await api.delete('/api/me', { password }, { credentialCheck: true });
      const state: NoticeState = { notice: 'Your account and all its data were deleted.' };
      clearSession(() => navigate('/login', { replace: true, state }));
    } catch (error) {
      setErrors(formErrorsFrom(error, ['password']));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form danger-zone" aria-labelledby="settings-delete">
      <h2 id="settings-delete">Delete my account</h2>
      <p>
        This deletes your account and everything in it: conversations, cards, progress and settings. It cannot
        be undone. Export your data first if you want to keep a copy.
      </p>
      <FormAlert message={errors.form} />
      <TextField
        label="Confirm with your password"
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
          Delete my account
        </SubmitButton>
      </div>
    </form>
  );
}
