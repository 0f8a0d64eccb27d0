import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { ApiError, api } from '../../lib/api-client.ts';
import { checkProgressNews } from '../progress/news.ts';

type Question = { noun: string; english: string; level: string };
type Result = { correct: boolean; article: 'der' | 'die' | 'das'; gender: string; noun: string };

const choices = ['der', 'die', 'das'] as const;
const genders = ['masculine', 'feminine', 'neuter'] as const;

/** der, die or das? One noun at a time; keys 1–3 answer, Enter goes on. */
export function ArticleDrill() {
  const t = useT('grammar');
  const [questions, setQuestions] = useState<Question[]>([]);
  const [index, setIndex] = useState(0);
  const [result, setResult] = useState<Result | null>(null);
  const [score, setScore] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [level, setLevel] = useState('A1');
  const nextButton = useRef<HTMLButtonElement>(null);

  const start = useCallback(async () => {
    setError(null);
    try {
      const drill = await api.get<{ questions: Question[] }>(
        `/api/grammar/articles/drill?count=10&level=${level}`,
      );
      setQuestions(drill.questions);
      setIndex(0);
      setScore(0);
      setResult(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('drill.startFailed'));
    }
  }, [level, t]);

  const question = questions[index];

  useEffect(() => {
    if (result) nextButton.current?.focus();
  }, [result]);

  const answer = useCallback(
    async (article: (typeof choices)[number]) => {
      if (!question || result) return;
      try {
        const checked = await api.post<Result>('/api/grammar/articles/check', {
          noun: question.noun,
          answer: article,
        });
        setResult(checked);
        if (checked.correct) setScore((value) => value + 1);
        checkProgressNews();
      } catch (caught) {
        setError(caught instanceof ApiError ? caught.message : t('drill.checkFailed'));
      }
    },
    [question, result, t],
  );

  const next = useCallback(() => {
    setResult(null);
    setIndex((value) => value + 1);
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!question || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
        return;
      const choice = choices[Number(event.key) - 1];
      if (choice && !result) void answer(choice);
      else if (event.key === 'Enter' && result && !(event.target instanceof HTMLButtonElement)) next();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [question, result, answer, next]);

  if (!question) {
    return (
      <div className="card drill-card">
        {questions.length > 0 ? (
          <p className="alert alert-success" role="status">
            {t('drill.score', { score, total: questions.length })}
          </p>
        ) : (
          <p>{t('articles.intro')}</p>
        )}
        <label className="field">
          <span className="field-label">{t('articles.level')}</span>
          <select value={level} onChange={(event) => setLevel(event.target.value)}>
            {['A1', 'A2', 'B1', 'B2'].map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        {error ? <p className="field-error">{error}</p> : null}
        <button type="button" className="button button-primary" onClick={() => void start()}>
          {questions.length > 0 ? t('drill.again') : t('articles.start')}
        </button>
      </div>
    );
  }

  return (
    <div className="card drill-card">
      <p className="muted">{t('articles.progress', { number: index + 1, total: questions.length, score })}</p>
      <p className="drill-verb">
        <strong lang="de" translate="no">
          {question.noun}
        </strong>{' '}
        {/* The nouns' meanings are English dictionary data (not translated), marked as such. */}
        <span className="muted" lang="en">
          ({question.english})
        </span>
      </p>
      <fieldset className="article-choices">
        <legend className="visually-hidden">{t('articles.legend')}</legend>
        {choices.map((choice, number) => (
          <button
            key={choice}
            type="button"
            className={`button ${result && result.article === choice ? 'button-primary' : ''}`}
            disabled={Boolean(result)}
            onClick={() => void answer(choice)}
          >
            <span lang="de" translate="no">
              {choice}
            </span>{' '}
            <kbd>{number + 1}</kbd>
          </button>
        ))}
      </fieldset>
      {result ? (
        <>
          <p className={`drill-feedback ${result.correct ? 'drill-right' : 'drill-wrong'}`} role="status">
            {result.correct ? t('articles.right') : t('articles.itIs')}{' '}
            <strong lang="de" translate="no">
              {result.article} {result.noun}
            </strong>{' '}
            <span className="muted">
              (
              {(genders as readonly string[]).includes(result.gender)
                ? t(`gender.${result.gender as (typeof genders)[number]}`)
                : result.gender}
              )
            </span>
          </p>
          <button type="button" className="button button-primary" onClick={next} ref={nextButton}>
            {index + 1 < questions.length ? t('drill.next') : t('drill.seeScore')}
          </button>
        </>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
