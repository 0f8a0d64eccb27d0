import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ReadingText, ReadingTextSummary } from '../../../../contracts/reading.ts';
import { FormAlert, SelectField, SubmitButton, TextField } from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { ApiError, api, uploadFile } from '../../lib/api-client.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

type Way = 'paste' | 'file' | 'url';

/** Adding a text: pasted (every learner), from a file or a URL (not for child accounts). */
function AddText({ languages }: { languages: string[] }) {
  const t = useT('reading');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const ways: Way[] = user.isChild ? ['paste'] : ['paste', 'file', 'url'];
  const [way, setWay] = useState<Way>('paste');
  const [language, setLanguage] = useState(languages[0] ?? 'es');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const titlePart = title.trim() ? { title: title.trim() } : {};
      let added: { text: ReadingText };
      if (way === 'paste') added = await api.post('/api/reading/texts', { language, text, ...titlePart });
      else if (way === 'url')
        added = await api.post('/api/reading/texts/from-url', { language, url, ...titlePart });
      else {
        if (!file) throw new ApiError(400, 'validation_failed', t('add.chooseFile'));
        const query = new URLSearchParams({ language, fileName: file.name });
        if (titlePart.title) query.set('title', titlePart.title);
        added = await uploadFile(`/api/reading/texts/from-file?${query}`, file);
      }
      navigate(`/reading/${added.text.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('add.failed'));
      setBusy(false);
    }
  }

  return (
    <form className="card reading-add" onSubmit={submit} aria-labelledby="add-text-title">
      <h2 id="add-text-title">{t('add.title')}</h2>
      <fieldset className="reading-ways">
        <legend className="visually-hidden">{t('add.how')}</legend>
        {ways.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={`button button-small${candidate === way ? ' button-primary' : ''}`}
            aria-pressed={candidate === way}
            onClick={() => setWay(candidate)}
          >
            {t(`add.way.${candidate}`)}
          </button>
        ))}
      </fieldset>
      <SelectField
        label={t('add.language')}
        name="language"
        value={language}
        onChange={setLanguage}
        options={languages.map((code) => ({ value: code, label: languageName(code) }))}
      />
      <TextField
        label={t('add.textTitle')}
        name="title"
        value={title}
        onChange={setTitle}
        optional
        maxLength={200}
      />
      {way === 'paste' ? (
        <label className="field">
          <span className="field-label">{t('add.text')}</span>
          <textarea
            name="text"
            lang={language}
            rows={10}
            value={text}
            onChange={(event) => setText(event.target.value)}
            required
          />
        </label>
      ) : null}
      {way === 'url' ? (
        <TextField label={t('add.url')} name="url" value={url} onChange={setUrl} required />
      ) : null}
      {way === 'file' ? (
        <label className="field">
          <span className="field-label">{t('add.file')}</span>
          <input
            type="file"
            name="file"
            accept=".txt,.md,.markdown,.html,.htm,.xhtml,.epub"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </label>
      ) : null}
      {user.isChild ? <p className="muted">{t('add.child')}</p> : null}
      <FormAlert message={error} />
      <SubmitButton busy={busy}>{t('add.submit')}</SubmitButton>
    </form>
  );
}

/**
 * An admin shares one of their texts with every member (a teacher assigning a reading), read-only
 * for them, or stops sharing it.
 */
function ShareToggle({ text, onChanged }: { text: ReadingTextSummary; onChanged(): void }) {
  const t = useT('reading');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/reading/texts/${text.id}/sharing`, { shared: !text.shared });
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('library.shareFailed'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={() => void toggle()}
        disabled={busy}
        aria-busy={busy}
      >
        {text.shared ? t('library.stopSharing') : t('library.share')}
        <span className="visually-hidden"> ({text.title})</span>
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

export function TextLibrary() {
  const t = useT('reading');
  const user = useCurrentUser();
  const query = useApiQuery<{ texts: ReadingTextSummary[] }>('/api/reading/texts');
  const languages = user.profile.targetLanguages.map((entry) => entry.language);
  return (
    <>
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      <div className="reading-library">
        <section aria-labelledby="texts-title">
          <h2 id="texts-title">{t('library.yours')}</h2>
          {query.loading && !query.data ? <PageLoading /> : null}
          {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
          {query.data && query.data.texts.length === 0 ? <p className="muted">{t('library.none')}</p> : null}
          <ul className="reading-texts">
            {query.data?.texts.map((text) => (
              <li key={text.id} className="card">
                <Link to={`/reading/${text.id}`} lang={text.language}>
                  {text.title}
                </Link>
                <span className="muted">
                  {' '}
                  {t('library.meta', { language: languageName(text.language), count: text.wordCount })}
                  {text.own
                    ? text.shared
                      ? ` · ${t('library.sharedWithMembers')}`
                      : ''
                    : ` · ${t('library.sharedWithYou')}`}
                </span>
                {user.role === 'admin' && text.own ? (
                  <ShareToggle text={text} onChanged={query.reload} />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <AddText languages={languages.length ? languages : ['es']} />
      </div>
    </>
  );
}
