import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Card, Deck, ImportRow } from '../../../../contracts/vocabulary.ts';
import { FormAlert } from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { AnkiImport } from './anki-import.tsx';
import { CardEditorDialog } from './card-editor.tsx';
import { DeckExportButtons } from './decks.tsx';

const partsOfSpeech = [
  '',
  'noun',
  'verb',
  'adjective',
  'adverb',
  'pronoun',
  'preposition',
  'conjunction',
  'phrase',
  'other',
];
const genders = ['', 'masculine', 'feminine', 'neuter', 'common'];

/** "1 word", "2 words". */
const count = (value: number, noun: string) => `${value} ${value === 1 ? noun : `${noun}s`}`;

function AddCardForm({ deck, onAdded }: { deck: Deck; onAdded: (card: Card) => void }) {
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
    <form className="form" onSubmit={submit} noValidate aria-label="Add a word">
      <h2>Add a word</h2>
      <FormAlert message={errors.form} />
      <div className="form-columns">
        {text('term', `Word or phrase (${languageName(deck.language)})`, deck.language)}
        {text('translation', 'Translation')}
      </div>
      {text('exampleSentence', 'Example sentence', deck.language)}
      {text('notes', 'Notes')}
      <div className="form-columns">
        <label className="field">
          <span className="field-label">Part of speech</span>
          <select value={fields.partOfSpeech} onChange={set('partOfSpeech')}>
            {partsOfSpeech.map((value) => (
              <option key={value} value={value}>
                {value || '—'}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Gender</span>
          <select value={fields.gender} onChange={set('gender')}>
            {genders.map((value) => (
              <option key={value} value={value}>
                {value || '—'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !fields.term.trim()}>
          Add word
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
          `Imported ${count(done.imported, 'word')}; skipped ${done.skippedDuplicates} already in the deck and ${count(done.errors.length, 'row')} with errors.`,
        );
        setPreview(null);
        setCsv('');
        onImported();
      } else {
        setPreview(await api.post<Preview>('/api/vocabulary/import/preview', { deckId: deck.id, csv }));
      }
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The import failed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form csv-import">
      <h2>Import from CSV</h2>
      <p className="field-hint">
        Columns: term, translation, example sentence, notes, part of speech, gender — with or without a header
        line; commas, semicolons or tabs.
      </p>
      <label className="field">
        <span className="field-label">CSV file</span>
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          onChange={(event) => void readFile(event.target.files?.[0])}
        />
      </label>
      <label className="field">
        <span className="field-label">…or paste the rows</span>
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
          Preview
        </button>
        {preview ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy || preview.summary.ok === 0}
            onClick={() => void run(true)}
          >
            Import {preview.summary.ok} words
          </button>
        ) : null}
      </div>
      {preview ? (
        <>
          <p>
            {preview.summary.ok} ready · {preview.summary.duplicate} already there · {preview.summary.error}{' '}
            with errors
          </p>
          <TableScroll label="Rows to import">
            <table className="import-preview">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Word</th>
                  <th scope="col">Translation</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} data-status={row.status}>
                    <td>{row.line}</td>
                    <td lang={deck.language}>{row.term}</td>
                    <td>{row.translation}</td>
                    <td>{row.status === 'ok' ? 'Ready' : row.errors.join('; ')}</td>
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
          setLoadError(caught instanceof ApiError ? caught.message : 'Could not load the words.');
      });
    return () => controller.abort();
  }, [deckId, search, version]);

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
    if (!window.confirm(`Delete “${card.term}” and its review history?`)) return;
    await api.delete(`/api/vocabulary/cards/${card.id}`);
    setCards((current) => current.filter((item) => item.id !== card.id));
  }

  if (deckQuery.loading && !deckQuery.data) return <PageLoading />;
  if (deckQuery.error) return <LoadError message={deckQuery.error.message} onRetry={deckQuery.reload} />;
  const deck = deckQuery.data?.deck;
  if (!deck) return null;

  return (
    <section className="deck-page">
      <PageTitle lead={`${languageName(deck.language)} · ${deck.cardCount} cards · ${deck.dueCount} due`}>
        {deck.name}
      </PageTitle>
      <p className="row-actions">
        <Link className="button button-small" to="/vocabulary/decks">
          All decks
        </Link>
        <Link className="button button-small button-primary" to={`/vocabulary?deck=${deck.id}`}>
          Review this deck
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
          <span className="field-label">Search words</span>
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
              <span className="badge">{card.schedule.state}</span>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => setEditing(card)}
              >
                Edit<span className="visually-hidden"> {card.term}</span>
              </button>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => void remove(card)}
              >
                Delete<span className="visually-hidden"> {card.term}</span>
              </button>
            </li>
          ))}
        </ul>
        {editing ? (
          <CardEditorDialog
            title="Edit card"
            language={editing.language}
            initial={{
              term: editing.term,
              translation: editing.translation,
              exampleSentence: editing.exampleSentence,
              notes: editing.notes,
            }}
            submitLabel="Save card"
            onClose={() => setEditing(null)}
            onSubmit={async (draft) => {
              const result = await api.patch<{ card: Card }>(`/api/vocabulary/cards/${editing.id}`, draft);
              setCards((current) => current.map((item) => (item.id === result.card.id ? result.card : item)));
              setEditing(null);
            }}
          />
        ) : null}
        {cards.length === 0 && !loadError ? (
          <p className="muted">No words{search ? ' match' : ' yet'}.</p>
        ) : null}
        {cursor ? (
          <button type="button" className="button button-small" onClick={() => void more()}>
            Show more
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
