import { type FormEvent, Suspense, useState } from 'react';
import type { QuestionResult, ReadingQuestion } from '../../../../contracts/reading.ts';
import { preloadNamespaces, useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { correctionCategoryLabel } from '../tutor/tutor-api.ts';
import '../tutor/tutor.css';

/** An open answer's corrections, shown the way a conversation shows a message's corrections. */
function Corrections({ result, language }: { result: QuestionResult; language: string }) {
  // The categories' names (correctionCategoryLabel) are the tutor's.
  useT('tutor');
  if (result.corrections.length === 0) return null;
  return (
    <ul className="corrections">
      {result.corrections.map((correction) => (
        <li
          key={`${correction.original}→${correction.corrected}`}
          className="correction"
          data-severity={correction.severity}
        >
          <span className="correction-change">
            <del lang={language}>{correction.original}</del>
            {' → '}
            <ins lang={language}>{correction.corrected}</ins>
          </span>{' '}
          <span className="badge">{correctionCategoryLabel(correction.category)}</span>
          <p className="correction-explanation">{correction.explanation}</p>
        </li>
      ))}
    </ul>
  );
}

function Question({
  textId,
  question,
  language,
}: {
  textId: string;
  question: ReadingQuestion;
  language: string;
}) {
  const t = useT('reading');
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<QuestionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api.post<QuestionResult>(`/api/reading/texts/${textId}/answers`, {
          question: question.index,
          answer,
        }),
      );
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('questions.checkFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="reading-question">
      <form onSubmit={submit}>
        <fieldset disabled={busy || result !== null}>
          <legend lang={language}>{question.question}</legend>
          {question.kind === 'choice' ? (
            question.options.map((option) => (
              <label key={option} className="reading-option">
                <input
                  type="radio"
                  name={`question-${question.index}`}
                  value={option}
                  checked={answer === option}
                  onChange={() => setAnswer(option)}
                />{' '}
                <span lang={language}>{option}</span>
              </label>
            ))
          ) : (
            <textarea
              aria-label={t('questions.yourAnswer')}
              lang={language}
              rows={2}
              value={answer}
              onChange={(event) => setAnswer(event.target.value)}
            />
          )}
          <button type="submit" className="button button-small" disabled={!answer.trim()}>
            {t('questions.check')}
          </button>
        </fieldset>
      </form>
      {result ? (
        <div className="reading-result" data-correct={result.correct}>
          <p>
            <strong>{result.correct ? t('questions.right') : t('questions.notQuite')}</strong>{' '}
            {result.correct
              ? null
              : rich(t('questions.answer', slots('answer')), {
                  answer: <span lang={language}>{result.expected}</span>,
                })}
          </p>
          {result.comment ? <p>{result.comment}</p> : null}
          {/* Its own boundary: waiting for the tutor's words must not blank the whole reader. */}
          <Suspense fallback={null}>
            <Corrections result={result} language={language} />
          </Suspense>
        </div>
      ) : null}
      {error ? <p className="form-alert">{error}</p> : null}
    </li>
  );
}

/** "Check understanding": generated questions, answered one by one; results count as practice. */
export function ReadingQuestions({ textId, language }: { textId: string; language: string }) {
  const t = useT('reading');
  const [questions, setQuestions] = useState<ReadingQuestion[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setBusy(true);
    setError(null);
    // The corrections of an open answer are worded by the tutor's catalogue: fetched with the questions.
    preloadNamespaces(['tutor']).catch(() => {});
    try {
      setQuestions(
        (await api.post<{ questions: ReadingQuestion[] }>(`/api/reading/texts/${textId}/questions`, {}))
          .questions,
      );
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('questions.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card reading-questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('questions.title')}</h2>
      {questions ? (
        <ol>
          {questions.map((question) => (
            <Question key={question.index} textId={textId} question={question} language={language} />
          ))}
        </ol>
      ) : (
        <button type="button" className="button" onClick={load} disabled={busy}>
          {busy ? t('questions.writing') : t('questions.start')}
        </button>
      )}
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
