import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { checkProgressNews } from '../progress/news.ts';
import { answerVerdict } from './answer-verdict.ts';

type Catalogue = {
  language: string;
  persons: string[];
  /** `gloss`: what the tense is, in the interface language (the server words it). */
  tenses: Array<{ id: string; name: string; english: string; gloss: string; level: string }>;
  verbs: Array<{ infinitive: string; english: string; irregular: boolean; tenses: string[] }>;
};
type Question = {
  verb: string;
  english: string;
  tense: string;
  tenseName: string;
  person: number;
  personLabel: string;
};
type Result = { correct: boolean; accentsDiffer: boolean; expected: string; accepted: string[] };

type VerbChoice = 'all' | 'irregular' | 'regular' | string;

/** Pick tenses and persons, then conjugate one form at a time with instant checking. */
export function ConjugationDrill({ language }: { language: string }) {
  const t = useT('grammar');
  const [params] = useSearchParams();
  const catalogue = useApiQuery<Catalogue>(`/api/grammar/conjugation/${language}`);
  const [tenses, setTenses] = useState<string[]>([]);
  const [persons, setPersons] = useState<number[]>([0, 1, 2, 3, 4, 5]);
  const [verbChoice, setVerbChoice] = useState<VerbChoice>('all');
  const [presetVerbs, setPresetVerbs] = useState<string[] | null>(null);
  const [strict, setStrict] = useState(false);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [index, setIndex] = useState(0);
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [score, setScore] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);

  // A topic can link here with its verbs and tenses preselected.
  useEffect(() => {
    if (!catalogue.data) return;
    const fromTopic = params
      .get('tenses')
      ?.split(',')
      .filter((id) => catalogue.data!.tenses.some((t) => t.id === id));
    setTenses(fromTopic?.length ? fromTopic : [catalogue.data.tenses[0]!.id]);
    const verbs = params.get('verbs')?.split(',').filter(Boolean);
    setPresetVerbs(verbs?.length ? verbs : null);
    setQuestions([]);
  }, [catalogue.data, params]);

  useEffect(() => {
    if (result) nextButton.current?.focus();
    else input.current?.focus();
  }, [result, index, questions]);

  if (catalogue.loading && !catalogue.data) return <PageLoading />;
  if (catalogue.error) return <LoadError message={catalogue.error.message} />;
  const data = catalogue.data;
  if (!data) return null;

  function chosenVerbs(): string[] | undefined {
    if (presetVerbs) return presetVerbs;
    if (verbChoice === 'all') return undefined;
    if (verbChoice === 'irregular' || verbChoice === 'regular') {
      return data!.verbs
        .filter((verb) => verb.irregular === (verbChoice === 'irregular'))
        .map((verb) => verb.infinitive);
    }
    return [verbChoice];
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const drill = await api.post<{ questions: Question[] }>(`/api/grammar/conjugation/${language}/drill`, {
        tenses,
        persons,
        verbs: chosenVerbs(),
        count: 10,
      });
      setQuestions(drill.questions);
      setIndex(0);
      setScore(0);
      setResult(null);
      setAnswer('');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('drill.startFailed'));
    } finally {
      setBusy(false);
    }
  }

  const question = questions[index];

  async function check(event: FormEvent) {
    event.preventDefault();
    if (!question || result) return;
    setBusy(true);
    try {
      const checked = await api.post<Result>(`/api/grammar/conjugation/${language}/check`, {
        verb: question.verb,
        tense: question.tense,
        person: question.person,
        answer,
        strict,
      });
      setResult(checked);
      if (checked.correct) setScore((value) => value + 1);
      checkProgressNews();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('drill.checkFailed'));
    } finally {
      setBusy(false);
    }
  }

  function advance(event: FormEvent) {
    event.preventDefault();
    next();
  }

  function next() {
    setResult(null);
    setAnswer('');
    setIndex((value) => value + 1);
  }

  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  return (
    <div className="drill">
      {questions.length === 0 || index >= questions.length ? (
        <form className="form card" onSubmit={start}>
          {index >= questions.length && questions.length > 0 ? (
            <p className="alert alert-success" role="status">
              {t('drill.score', { score, total: questions.length })}
            </p>
          ) : null}
          <fieldset className="checkbox-grid">
            <legend className="field-label">{t('conjugation.tenses')}</legend>
            {data.tenses.map((tense) => (
              <label key={tense.id}>
                <input
                  type="checkbox"
                  checked={tenses.includes(tense.id)}
                  onChange={() => setTenses((list) => toggle(list, tense.id))}
                />{' '}
                {tense.name}{' '}
                <span className="muted">
                  ({tense.gloss}, {tense.level})
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="checkbox-grid">
            <legend className="field-label">{t('conjugation.persons')}</legend>
            {data.persons.map((person, number) => (
              <label key={person}>
                <input
                  type="checkbox"
                  checked={persons.includes(number)}
                  onChange={() => setPersons((list) => toggle(list, number))}
                />{' '}
                {person}
              </label>
            ))}
          </fieldset>
          {presetVerbs ? (
            <p>
              {t('conjugation.fromTopic', { verbs: presetVerbs.join(', ') })}{' '}
              <button type="button" className="link-button" onClick={() => setPresetVerbs(null)}>
                {t('conjugation.otherVerbs')}
              </button>
            </p>
          ) : (
            <label className="field">
              <span className="field-label">{t('conjugation.verbs')}</span>
              <select value={verbChoice} onChange={(event) => setVerbChoice(event.target.value)}>
                <option value="all">{t('conjugation.allVerbs', { count: data.verbs.length })}</option>
                <option value="irregular">{t('conjugation.irregular')}</option>
                <option value="regular">{t('conjugation.regular')}</option>
                {data.verbs.map((verb) => (
                  <option key={verb.infinitive} value={verb.infinitive}>
                    {verb.infinitive} — {verb.english}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            <input type="checkbox" checked={strict} onChange={(event) => setStrict(event.target.checked)} />{' '}
            {t('conjugation.strict')}
          </label>
          {error ? <p className="field-error">{error}</p> : null}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || tenses.length === 0 || persons.length === 0}
            >
              {questions.length > 0 ? t('drill.again') : t('conjugation.start')}
            </button>
          </div>
        </form>
      ) : question ? (
        <form className="card drill-card" onSubmit={result ? advance : check}>
          <p className="muted">
            {t('conjugation.progress', { number: index + 1, total: questions.length, score })}
          </p>
          <p className="drill-verb">
            <strong lang={language}>{question.verb}</strong>{' '}
            {/* The verbs' meanings are English dictionary data (not translated), marked as such. */}
            <span className="muted" lang="en">
              ({question.english})
            </span>
          </p>
          <p>
            {question.tenseName} · <strong lang={language}>{question.personLabel}</strong>
          </p>
          <label className="field">
            <span className="field-label">{question.personLabel} …</span>
            <input
              ref={input}
              lang={language}
              value={answer}
              onChange={(event) => setAnswer(event.target.value)}
              disabled={Boolean(result)}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
            />
          </label>
          {result ? (
            <p className={`drill-feedback ${result.correct ? 'drill-right' : 'drill-wrong'}`} role="status">
              {rich(t(answerVerdict(result), slots('answer')), {
                answer: <strong lang={language}>{result.expected}</strong>,
              })}
              {result.accepted.length > 1 ? (
                <span className="muted">
                  {' '}
                  {t('conjugation.also', { forms: result.accepted.slice(1).join(', ') })}
                </span>
              ) : null}
            </p>
          ) : null}
          {error ? <p className="field-error">{error}</p> : null}
          <div className="form-actions">
            {result ? (
              <button ref={nextButton} type="submit" className="button button-primary">
                {index + 1 < questions.length ? t('drill.next') : t('drill.seeScore')}
              </button>
            ) : (
              <button type="submit" className="button button-primary" disabled={busy || !answer.trim()}>
                {t('drill.check')}
              </button>
            )}
          </div>
        </form>
      ) : null}
    </div>
  );
}
