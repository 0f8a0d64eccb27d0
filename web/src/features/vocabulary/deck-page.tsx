import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Card, Deck, ImportRow } from '../../../../contracts/vocabulary.ts';
import { FormAlert } from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useT } from '../../i18n/i18n.ts';
import { ApiError, api } from '../../lib/api-client.ts';
import { formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { AnkiImport } from './anki-import.tsx';
import { CardEditorDialog } from './card-editor.tsx';
import { genders, partsOfSpeech } from './card-labels.ts';
import { DeckExportButtons } from './decks.tsx';

function AddCardForm({ deck, onAdded }: { deck: Deck; onAdded: (card: Card) => void }) {
  const t = useT('vocabulary');
  const empty = { term: '', translation: '', exampleSentence: '', notes: '', partOfSpeech: '', gender: '' };
  const [fields, setFields] = useState(empty);
  const [errors, setErrors] = useState(noErrors);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof empty) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const result = await api.post<{ card: Card }>('/api/vocabulary/cards', {
        deckId: deck.id,
        term: fields.term,
        translation: fields.translation,
        exampleSentence: fields.exampleSentence,
        notes: fields.notes,
        partOfSpeech: fields.partOfSpeech || null,
        gender: fields.gender || null,
      });
      setFields(empty);
      onAdded(result.card);
    } catch (caught) {
      setErrors(formErrorsFrom(caught, Object.keys(empty)));
    } finally {
      setBusy(false);
    }
  }

  const text = (name: keyof typeof empty, label: string, lang?: string) => (
    <label className="field" data-invalid={errors.fields[name] ? true : undefined}>
      <span className="field-label">{label}</span>
      <input name={name} value={fields[name]} onChange={set(name)} lang={lang} />
      {errors.fields[name] ? <span className="field-error">{errors.fields[name]}</span> : null}
    </label>
  );

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('add.title')}>
      <h2>{t('add.title')}</h2>
      <FormAlert message={errors.form} />
      <div className="form-columns">
        {text('term', t('add.term', { language: languageName(deck.language) }), deck.language)}
        {text('translation', t('add.translation'))}
      </div>
      {text('exampleSentence', t('add.example'), deck.language)}
      {text('notes', t('add.notes'))}
      <div className="form-columns">
        <label className="field">
          <span className="field-label">{t('add.pos')}</span>
          <select value={fields.partOfSpeech} onChange={set('partOfSpeech')}>
            <option value="">—</option>
            {partsOfSpeech.map((value) => (
              <option key={value} value={value}>
                {t(`pos.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('add.gender')}</span>
          <select value={fields.gender} onChange={set('gender')}>
            <option value="">—</option>
            {genders.map((value) => (
              <option key={value} value={value}>
                {t(`gender.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !fields.term.trim()}>
          {t('add.submit')}
        </button>
      </div>
    </form>
  );
}

type Preview = {
  delimiter: string;
  hasHeader: boolean;
  rows: ImportRow[];
  summary: { ok: number; duplicate: number; error: number };
};

function CsvImport({ deck, onImported }: { deck: Deck; onImported: () => void }) {
  const t = useT('vocabulary');
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function readFile(file: File | undefined) {
    if (!file) return;
    setCsv(await file.text());
    setPreview(null);
  }

  async function run(commit: boolean) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      if (commit) {
        const done = await api.post<{ imported: number; skippedDuplicates: number; errors: unknown[] }>(
          '/api/vocabulary/import',
          { deckId: deck.id, csv },
        );
        setResult(
          t('csv.done', {
            imported: done.imported,
            duplicates: done.skippedDuplicates,
            errors: done.errors.length,
          }),
        );
        setPreview(null);
        setCsv('');
        onImported();
      } else {
        setPreview(await api.post<Preview>('/api/vocabulary/import/preview', { deckId: deck.id, csv }));
      }
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('csv.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form csv-import">
      <h2>{t('csv.title')}</h2>
      <p className="field-hint">{t('csv.hint')}</p>
      <label className="field">
        <span className="field-label">{t('csv.file')}</span>
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          onChange={(event) => void readFile(event.target.files?.[0])}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('csv.paste')}</span>
        <textarea
          rows={5}
          value={csv}
          onChange={(event) => {
            setCsv(event.target.value);
            setPreview(null);
          }}
        />
      </label>
      <FormAlert message={error} />
      {result ? <p className="alert alert-success">{result}</p> : null}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy || !csv.trim()}
          onClick={() => void run(false)}
        >
          {t('csv.preview')}
        </button>
        {preview ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy || preview.summary.ok === 0}
            onClick={() => void run(true)}
          >
            {t('csv.import', { count: preview.summary.ok })}
          </button>
        ) : null}
      </div>
      {preview ? (
        <>
          <p>{t('csv.summary', preview.summary)}</p>
          <TableScroll label={t('csv.rows')}>
            <table className="import-preview">
              <thead>
                <tr>
                  <th scope="col">{t('csv.line')}</th>
                  <th scope="col">{t('csv.word')}</th>
                  <th scope="col">{t('csv.translation')}</th>
                  <th scope="col">{t('csv.status')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} data-status={row.status}>
                    <td>{row.line}</td>
                    <td lang={deck.language}>{row.term}</td>
                    <td>{row.translation}</td>
                    <td>{row.status === 'ok' ? t('csv.ready') : row.errors.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </div>
  );
}

/** One deck: its words (searchable), adding a word, CSV import and exports. */
export function DeckPage() {
  const t = useT('vocabulary');
  const { deckId = '' } = useParams();
  const deckQuery = useApiQuery<{ deck: Deck }>(`/api/vocabulary/decks/${deckId}`);
  const [search, setSearch] = useState('');
  const [cards, setCards] = useState<Card[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Card | null>(null);

  useEffect(() => {
    void version;
    const controller = new AbortController();
    const params = new URLSearchParams({ deckId, limit: '50' });
    if (search.trim()) params.set('q', search.trim());
    api
      .get<{ cards: Card[]; nextCursor: string | null }>(`/api/vocabulary/cards?${params}`, {
        signal: controller.signal,
      })
      .then((page) => {
        setCards(page.cards);
        setCursor(page.nextCursor);
        setLoadError(null);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted)
          setLoadError(caught instanceof ApiError ? caught.message : t('deck.loadFailed'));
      });
    return () => controller.abort();
  }, [deckId, search, version, t]);

  async function more() {
    if (!cursor) return;
    const params = new URLSearchParams({ deckId, limit: '50', cursor });
    if (search.trim()) params.set('q', search.trim());
    const page = await api.get<{ cards: Card[]; nextCursor: string | null }>(
      `/api/vocabulary/cards?${params}`,
    );
    setCards((current) => [...current, ...page.cards]);
    setCursor(page.nextCursor);
  }

  async function remove(card: Card) {
    if (!window.confirm(t('deck.confirmDelete', { term: card.term }))) return;
    await api.delete(`/api/vocabulary/cards/${card.id}`);
    setCards((current) => current.filter((item) => item.id !== card.id));
  }

  if (deckQuery.loading && !deckQuery.data) return <PageLoading />;
  if (deckQuery.error) return <LoadError message={deckQuery.error.message} onRetry={deckQuery.reload} />;
  const deck = deckQuery.data?.deck;
  if (!deck) return null;

  return (
    <section className="deck-page">
      <PageTitle
        lead={t('deck.lead', {
          language: languageName(deck.language),
          cards: deck.cardCount,
          due: deck.dueCount,
        })}
      >
        {deck.name}
      </PageTitle>
      <p className="row-actions">
        <Link className="button button-small" to="/vocabulary/decks">
          {t('deck.all')}
        </Link>
        <Link className="button button-small button-primary" to={`/vocabulary?deck=${deck.id}`}>
          {t('deck.review')}
        </Link>
        <DeckExportButtons deck={deck} />
      </p>
      <div className="card">
        <AddCardForm
          deck={deck}
          onAdded={(card) => {
            setCards((current) => [card, ...current]);
            deckQuery.reload();
          }}
        />
      </div>
      <div className="card">
        <label className="field">
          <span className="field-label">{t('deck.search')}</span>
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        {loadError ? (
          <LoadError message={loadError} onRetry={() => setVersion((value) => value + 1)} />
        ) : null}
        <ul className="word-list">
          {cards.map((card) => (
            <li key={card.id} className="word-item">
              <span className="word-term" lang={card.language}>
                {card.term}
              </span>
              <span className="word-translation">{card.translation}</span>
              <span className="badge">{t(`state.${card.schedule.state}`)}</span>
              <button
                type="button"
                className="button button-small button-quiet"
                aria-haspopup="dialog"
                onClick={() => setEditing(card)}
              >
                {t('deck.edit')}
                <span className="visually-hidden"> {card.term}</span>
              </button>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => void remove(card)}
              >
                {t('deck.delete')}
                <span className="visually-hidden"> {card.term}</span>
              </button>
            </li>
          ))}
        </ul>
        {editing ? (
          <CardEditorDialog
            title={t('deck.editTitle')}
            language={editing.language}
            initial={{
              term: editing.term,
              translation: editing.translation,
              exampleSentence: editing.exampleSentence,
              notes: editing.notes,
            }}
            submitLabel={t('deck.saveCard')}
            onClose={() => setEditing(null)}
            onSubmit={async (draft) => {
              const result = await api.patch<{ card: Card }>(`/api/vocabulary/cards/${editing.id}`, draft);
              setCards((current) => current.map((item) => (item.id === result.card.id ? result.card : item)));
              setEditing(null);
            }}
          />
        ) : null}
        {cards.length === 0 && !loadError ? (
          <p className="muted">{search ? t('deck.noneMatch') : t('deck.none')}</p>
        ) : null}
        {cursor ? (
          <button type="button" className="button button-small" onClick={() => void more()}>
            {t('deck.more')}
          </button>
        ) : null}
      </div>
      <div className="card">
        <AnkiImport
          deck={deck}
          onImported={() => {
            setVersion((value) => value + 1);
            deckQuery.reload();
          }}
        />
      </div>
      <div className="card">
        <CsvImport
          deck={deck}
          onImported={() => {
            setVersion((value) => value + 1);
            deckQuery.reload();
          }}
        />
      </div>
    </section>
  );
}
