import { useState } from 'react';
import type { AnkiImportResult, AnkiPreview, Deck } from '../../../../contracts/vocabulary.ts';
import { FormAlert } from '../../components/form-field.tsx';
import { useT } from '../../i18n/i18n.ts';
import { uploadFile } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';

const targets = ['term', 'translation', 'example', 'notes'] as const;
type Target = (typeof targets)[number];
type Mapping = Record<Target, string>;

/** The fields a note type's names suggest for each card field ('' = leave empty). */
function guessMapping(fields: string[]): Mapping {
  const find = (pattern: RegExp, fallback: number | null) => {
    const index = fields.findIndex((name) => pattern.test(name));
    if (index !== -1) return String(index);
    return fallback !== null && fallback < fields.length ? String(fallback) : '';
  };
  return {
    term: find(/^(term|front|word|expression|vocab)/i, 0),
    translation: find(/^(translation|back|meaning|definition)/i, 1),
    example: find(/example|sentence|context/i, null),
    notes: find(/^notes?$|comment/i, null),
  };
}

/** Import from Anki: the package is read once for a preview, the learner maps fields, then it is imported. */
export function AnkiImport({ deck, onImported }: { deck: Deck; onImported: () => void }) {
  const t = useT('vocabulary');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<AnkiPreview | null>(null);
  const [noteType, setNoteType] = useState('');
  const [mapping, setMapping] = useState<Mapping>({ term: '0', translation: '', example: '', notes: '' });
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const type = preview?.noteTypes.find((candidate) => candidate.id === noteType);

  async function readPreview(chosen: File | undefined) {
    setFile(chosen ?? null);
    setPreview(null);
    setResult(null);
    setError(null);
    if (!chosen) return;
    setBusy(true);
    try {
      const read = await uploadFile<AnkiPreview>('/api/vocabulary/anki/preview', chosen);
      const first = read.noteTypes[0];
      setPreview(read);
      setNoteType(first?.id ?? '');
      if (first) setMapping(guessMapping(first.fields));
      if (!first) setError(t('anki.noNotes'));
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  async function runImport() {
    if (!file || !type) return;
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams({ deckId: deck.id, noteType: type.id });
      for (const target of targets) if (mapping[target] !== '') params.set(target, mapping[target]);
      const done = await uploadFile<AnkiImportResult>(`/api/vocabulary/anki/import?${params}`, file);
      const imported = done.duplicates
        ? t('anki.doneDuplicates', { count: done.imported, duplicates: done.duplicates })
        : t('anki.done', { count: done.imported });
      const skipped = done.skippedCount
        ? t('anki.skipped', { count: done.skippedCount, reason: done.skipped[0]?.reason ?? '' })
        : '';
      setResult(skipped ? `${imported} ${skipped}` : imported);
      onImported();
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form anki-import">
      <h2>{t('anki.title')}</h2>
      <p className="field-hint">{t('anki.hint')}</p>
      <label className="field">
        <span className="field-label">{t('anki.package')}</span>
        <input
          type="file"
          name="anki-package"
          accept=".apkg,.colpkg"
          disabled={busy}
          onChange={(event) => void readPreview(event.target.files?.[0])}
        />
      </label>
      <FormAlert message={error} />
      {preview && type ? (
        <>
          {preview.noteTypes.length > 1 ? (
            <label className="field">
              <span className="field-label">{t('anki.noteType')}</span>
              <select
                value={noteType}
                onChange={(event) => {
                  setNoteType(event.target.value);
                  const next = preview.noteTypes.find((candidate) => candidate.id === event.target.value);
                  if (next) setMapping(guessMapping(next.fields));
                }}
              >
                {preview.noteTypes.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {t('anki.noteTypeOption', { name: candidate.name, count: candidate.noteCount })}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="muted">{t('anki.noteTypeLine', { name: type.name, count: type.noteCount })}</p>
          )}
          {targets.map((target) => (
            <label className="field" key={target}>
              <span className="field-label">{t(`anki.field.${target}`)}</span>
              <select
                name={`anki-${target}`}
                value={mapping[target]}
                onChange={(event) => setMapping((current) => ({ ...current, [target]: event.target.value }))}
              >
                {target === 'term' ? null : <option value="">{t('anki.leaveEmpty')}</option>}
                {type.fields.map((field, index) => (
                  <option key={field} value={String(index)}>
                    {type.samples[0]?.[index]
                      ? t('anki.sample', { field, sample: type.samples[0][index]?.slice(0, 40) ?? '' })
                      : field}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <div className="form-actions">
            <button type="button" className="button" disabled={busy} onClick={() => void runImport()}>
              {t('anki.import', { count: type.noteCount })}
            </button>
          </div>
        </>
      ) : null}
      {result ? <p className="alert alert-success">{result}</p> : null}
    </div>
  );
}
