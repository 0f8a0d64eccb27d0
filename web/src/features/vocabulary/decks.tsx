import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { Deck } from '../../../../contracts/vocabulary.ts';
import { FormAlert } from '../../components/form-field.tsx';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api, downloadFile } from '../../lib/api-client.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

/** Saves a downloaded file through a temporary link (the browser's own download). */
export async function saveDownload(path: string, fallbackName: string) {
  const { blob, filename } = await downloadFile(path, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DeckExportButtons({ deck }: { deck: Deck }) {
  const t = useT('vocabulary');
  const [error, setError] = useState<string | null>(null);
  async function run(kind: 'csv' | 'apkg') {
    setError(null);
    try {
      await saveDownload(`/api/vocabulary/decks/${deck.id}/export.${kind}`, `${deck.name}.${kind}`);
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    }
  }
  return (
    <>
      <button type="button" className="button button-small" onClick={() => void run('csv')}>
        {t('decks.exportCsv')}
        <span className="visually-hidden"> {t('decks.exportCsvOf', { name: deck.name })}</span>
      </button>
      <button type="button" className="button button-small" onClick={() => void run('apkg')}>
        {t('decks.exportAnki')}
        <span className="visually-hidden"> ({deck.name})</span>
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </>
  );
}

function CreateDeckForm({ onCreated }: { onCreated: (deck: Deck) => void }) {
  const t = useT('vocabulary');
  const user = useCurrentUser();
  const targets = user.profile.targetLanguages;
  const [language, setLanguage] = useState(targets[0]?.language ?? 'es');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const result = await api.post<{ deck: Deck }>('/api/vocabulary/decks', { language, name });
      setName('');
      onCreated(result.deck);
    } catch (caught) {
      setErrors(formErrorsFrom(caught, ['name', 'language']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form deck-create" onSubmit={submit} noValidate>
      <h2>{t('decks.new')}</h2>
      <FormAlert message={errors.form} />
      <div className="form-columns">
        <label className="field">
          <span className="field-label">{t('language')}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value)}>
            {targets.map((target) => (
              <option key={target.language} value={target.language}>
                {languageName(target.language)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" data-invalid={errors.fields.name ? true : undefined}>
          <span className="field-label">{t('decks.name')}</span>
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} required />
          {errors.fields.name ? <span className="field-error">{errors.fields.name}</span> : null}
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>
          {t('decks.create')}
        </button>
      </div>
    </form>
  );
}

/** The learner's decks with their counts, and a form to start a new one. */
export function DecksPanel() {
  const t = useT('vocabulary');
  const query = useApiQuery<{ decks: Deck[] }>('/api/vocabulary/decks');
  const [status, setStatus] = useState<string | null>(null);

  async function remove(deck: Deck) {
    if (!window.confirm(t('decks.confirmDelete', { name: deck.name, count: deck.cardCount }))) return;
    try {
      await api.delete(`/api/vocabulary/decks/${deck.id}`);
      query.setData((data) => (data ? { decks: data.decks.filter((item) => item.id !== deck.id) } : data));
      setStatus(t('decks.deleted', { name: deck.name }));
    } catch (caught) {
      setStatus(formErrorsFrom(caught, []).form);
    }
  }

  return (
    <div className="decks">
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
      {query.loading && !query.data ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {query.data && query.data.decks.length === 0 ? <p className="muted">{t('decks.none')}</p> : null}
      <ul className="deck-list">
        {query.data?.decks.map((deck) => (
          <li key={deck.id} className="card deck-item">
            <div>
              <h2 className="deck-name">
                <Link to={`/vocabulary/decks/${deck.id}`}>{deck.name}</Link>
              </h2>
              <p className="muted">
                {languageName(deck.language)} ·{' '}
                {t('decks.counts', { cards: deck.cardCount, due: deck.dueCount, new: deck.newCount })}
              </p>
            </div>
            <div className="row-actions">
              <Link className="button button-small button-primary" to={`/vocabulary?deck=${deck.id}`}>
                {t('decks.review')}
                <span className="visually-hidden"> {deck.name}</span>
              </Link>
              <DeckExportButtons deck={deck} />
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => void remove(deck)}
              >
                {t('decks.delete')}
                <span className="visually-hidden"> {deck.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div className="card">
        <CreateDeckForm
          onCreated={(deck) => {
            query.setData((data) => ({ decks: [...(data?.decks ?? []), deck] }));
            setStatus(t('decks.created', { name: deck.name }));
          }}
        />
      </div>
    </div>
  );
}
