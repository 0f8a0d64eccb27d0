import { type FormEvent, useState } from 'react';
import { CheckboxField } from '../../components/form-field.tsx';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { checkProgressNews } from '../progress/news.ts';
import { answerVerdict } from './answer-verdict.ts';

type Exercise = {
  id: string;
  kind: 'fill-gap' | 'transform' | 'spot-error';
  instruction: string;
  prompt: string;
  errorCategory: string | null;
};
type Result = {
  correct: boolean;
  accentsDiffer: boolean;
  expected: string;
  accepted: string[];
  explanation: string;
};

const kinds = ['fill-gap', 'transform', 'spot-error'] as const;

function ExerciseItem({ exercise, language }: { exercise: Exercise; language: string }) {
  const t = useT('grammar');
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      setResult(await api.post<Result>(`/api/grammar/exercises/${exercise.id}/answer`, { answer }));
      checkProgressNews();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('drill.checkFailed'));
    }
  }

  return (
    <li className="card exercise">
      <p className="muted">
        {t(`exercises.kind.${exercise.kind}`)}
        {exercise.errorCategory ? ` · ${exercise.errorCategory}` : ''}
      </p>
      <p>{exercise.instruction}</p>
      <p className="exercise-prompt" lang={language}>
        {exercise.prompt}
      </p>
      <form onSubmit={submit} className="exercise-form">
        <label className="field">
          <span className="field-label">{t(`exercises.answer.${exercise.kind}`)}</span>
          <input
            lang={language}
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
            disabled={Boolean(result)}
          />
        </label>
        {result ? null : (
          <button type="submit" className="button button-primary" disabled={!answer.trim()}>
            {t('drill.check')}
          </button>
        )}
      </form>
      {result ? (
        <p className={`drill-feedback ${result.correct ? 'drill-right' : 'drill-wrong'}`} role="status">
          {rich(t(answerVerdict(result), slots('answer')), {
            answer: <strong lang={language}>{result.expected}</strong>,
          })}{' '}
          — {result.explanation}
        </p>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </li>
  );
}

/** Exercises written by the AI for this learner, checked before they are shown. */
export function GeneratedExercises({
  language,
  topicId,
}: {
  language: string;
  topicId?: string | undefined;
}) {
  const t = useT('grammar');
  const [kind, setKind] = useState('');
  const [categories, setCategories] = useState('');
  const [fromMistakes, setFromMistakes] = useState(false);
  const [exercises, setExercises] = useState<Exercise[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function generate(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const errorCategories = categories
        .split(',')
        .map((category) => category.trim())
        .filter(Boolean)
        .slice(0, 5);
      const batch = await api.post<{ exercises: Exercise[] }>('/api/grammar/exercises', {
        language,
        count: 5,
        ...(kind ? { kind } : {}),
        ...(topicId ? { topicId } : {}),
        ...(fromMistakes ? { fromMistakes: true } : errorCategories.length ? { errorCategories } : {}),
      });
      setExercises(batch.exercises);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('exercises.createFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="exercises">
      <form className="form card" onSubmit={generate}>
        <div className="form-columns">
          <label className="field">
            <span className="field-label">{t('exercises.kind')}</span>
            <select value={kind} onChange={(event) => setKind(event.target.value)}>
              <option value="">{t('exercises.mixed')}</option>
              {kinds.map((value) => (
                <option key={value} value={value}>
                  {t(`exercises.kind.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('exercises.focus')}</span>
            <input
              value={categories}
              placeholder={t('exercises.focusPlaceholder')}
              disabled={fromMistakes}
              onChange={(event) => setCategories(event.target.value)}
            />
          </label>
        </div>
        <CheckboxField
          label={t('exercises.fromMistakes')}
          name="fromMistakes"
          checked={fromMistakes}
          onChange={setFromMistakes}
          hint={t('exercises.fromMistakesHint')}
        />
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {busy ? t('exercises.writing') : t('exercises.create')}
          </button>
        </div>
      </form>
      <ol className="exercise-list">
        {exercises.map((exercise) => (
          <ExerciseItem key={exercise.id} exercise={exercise} language={language} />
        ))}
      </ol>
    </div>
  );
}
