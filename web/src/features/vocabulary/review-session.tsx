import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyIn } from '../../../../contracts/messages/catalogues.ts';
import type { Card } from '../../../../contracts/vocabulary.ts';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { formatDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { checkProgressNews } from '../progress/news.ts';
import { ListenButton } from '../speech/listen-button.tsx';
import { PractiseToggle } from '../speech/practise-toggle.tsx';
import { SpeechSupportNote } from '../speech/speech-support-note.tsx';
import { clozeOf, type Match, matchAnswer } from './answer-match.ts';
import { CardEditorDialog } from './card-editor.tsx';
import { genderLabel, partOfSpeechLabel } from './card-labels.ts';

type Preview = { again: string; hard: string; good: string; easy: string };
type DueCard = Card & { preview: Preview };
type DuePage = {
  cards: DueCard[];
  nextCursor: string | null;
  dueCount: number;
  newAvailable: number;
  nextDueAt: string | null;
};

export type ReviewMode = 'flip' | 'type' | 'cloze';

/**
 * The mode a card is shown in: typing and filling the gap are prompted by the translation, so a card
 * without one is flipped; a gap needs the word in the example sentence, else the word is typed.
 */
export function reviewModeFor(
  mode: ReviewMode,
  card: Pick<Card, 'translation'>,
  hasCloze: boolean,
): ReviewMode {
  if (mode === 'flip' || !card.translation.trim()) return 'flip';
  return mode === 'cloze' && !hasCloze ? 'type' : mode;
}

const ratings = [
  { value: 1, key: 'again', label: 'rating.again' },
  { value: 2, key: 'hard', label: 'rating.hard' },
  { value: 3, key: 'good', label: 'rating.good' },
  { value: 4, key: 'easy', label: 'rating.easy' },
] as const satisfies readonly { value: number; key: string; label: KeyIn<'vocabulary'> }[];

const modes = [
  ['flip', 'review.mode.flip'],
  ['type', 'review.mode.type'],
  ['cloze', 'review.mode.cloze'],
] as const satisfies readonly (readonly [ReviewMode, KeyIn<'vocabulary'>])[];

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
  );
}

/**
 * A review session over the due queue: show the card (flip, typed answer or cloze), reveal, rate
 * 1–4. Keyboard: space reveals, 1–4 rate, u undoes the last rating.
 */
export function ReviewSession({
  language,
  deckId,
}: {
  language?: string | undefined;
  deckId?: string | undefined;
}) {
  const t = useT('vocabulary');
  const [queue, setQueue] = useState<DueCard[]>([]);
  const [page, setPage] = useState<DuePage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [mode, setMode] = useState<ReviewMode>('flip');
  const [strict, setStrict] = useState(false);
  const [typed, setTyped] = useState('');
  const [match, setMatch] = useState<Match | null>(null);
  const [reviewed, setReviewed] = useState(0);
  const [total, setTotal] = useState(0);
  const [busy, setBusy] = useState(false);
  const [canUndo, setCanUndo] = useState(false);
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState(false);
  const shownAt = useRef(Date.now());
  const answerInput = useRef<HTMLInputElement>(null);

  const query = new URLSearchParams({ limit: '20' });
  if (language) query.set('language', language);
  if (deckId) query.set('deckId', deckId);
  const queuePath = `/api/vocabulary/due?${query.toString()}`;

  const load = useCallback(
    async (resetTotal: boolean) => {
      setLoading(true);
      setError(null);
      try {
        const result = await api.get<DuePage>(queuePath);
        setPage(result);
        setQueue(result.cards);
        if (resetTotal) setTotal(result.dueCount + result.newAvailable);
      } catch (caught) {
        setError(caught instanceof ApiError ? caught.message : t('review.loadFailed'));
      } finally {
        setLoading(false);
      }
    },
    [queuePath, t],
  );

  useEffect(() => {
    setReviewed(0);
    void load(true);
  }, [load]);

  const card = queue[0];
  const cloze = card ? clozeOf(card.exampleSentence, card.term) : null;
  const effectiveMode = card ? reviewModeFor(mode, card, cloze !== null) : mode;

  // A new card on screen: hide the answer, clear the typed text, start the clock.
  useEffect(() => {
    setRevealed(false);
    setTyped('');
    setMatch(null);
    shownAt.current = Date.now();
    if (card && effectiveMode !== 'flip') answerInput.current?.focus();
  }, [card, effectiveMode]);

  const reveal = useCallback(() => {
    if (!card || revealed) return;
    if (effectiveMode !== 'flip') setMatch(matchAnswer(typed, card.term));
    setRevealed(true);
  }, [card, revealed, effectiveMode, typed]);

  const rate = useCallback(
    async (rating: number) => {
      if (!card || !revealed || busy) return;
      setBusy(true);
      setError(null);
      try {
        await api.post(`/api/vocabulary/cards/${card.id}/review`, {
          rating,
          durationMs: Math.min(Date.now() - shownAt.current, 3_600_000),
        });
        setReviewed((count) => count + 1);
        setCanUndo(true);
        checkProgressNews();
        const rest = queue.slice(1);
        if (rest.length > 0) setQueue(rest);
        else await load(false);
        // Said once the next card is there: "u" pressed on hearing it takes this rating back (while the
        // next page loaded, the session was busy and ignored it).
        const label = ratings[rating - 1]?.label;
        setStatus(t('review.rated', { rating: label ? t(label) : rating }));
      } catch (caught) {
        setError(caught instanceof ApiError ? caught.message : t('review.saveFailed'));
        if (caught instanceof ApiError && caught.status === 409) await load(false);
      } finally {
        setBusy(false);
      }
    },
    [card, revealed, busy, queue, load, t],
  );

  const undo = useCallback(async () => {
    if (!canUndo || busy) return;
    setBusy(true);
    try {
      const result = await api.post<{ card: Card }>('/api/vocabulary/undo');
      setReviewed((count) => Math.max(0, count - 1));
      setStatus(t('review.tookBack', { term: result.card.term }));
      await load(false);
    } catch (caught) {
      setCanUndo(false);
      setError(caught instanceof ApiError ? caught.message : t('review.undoFailed'));
    } finally {
      setBusy(false);
    }
  }, [canUndo, busy, load, t]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (editing) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) {
        if (event.key === 'Enter' && !revealed) {
          event.preventDefault();
          reveal();
        }
        return;
      }
      if (event.key === ' ' || event.key === 'Enter') {
        if (event.target instanceof HTMLButtonElement && event.key === 'Enter') return;
        event.preventDefault();
        reveal();
      } else if (['1', '2', '3', '4'].includes(event.key)) {
        void rate(Number(event.key));
      } else if (event.key === 'u' || event.key === 'U') {
        void undo();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [reveal, rate, undo, revealed, editing]);

  if (loading && !page) return <PageLoading label={t('review.loading')} />;

  const progress = total > 0 ? Math.min(100, Math.round((reviewed / total) * 100)) : 0;

  return (
    <div className="review">
      <div className="review-toolbar">
        <fieldset className="review-modes">
          <legend className="visually-hidden">{t('review.howToAnswer')}</legend>
          {modes.map(([value, label]) => (
            <label key={value} className="review-mode">
              <input
                type="radio"
                name="review-mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
        {mode !== 'flip' ? (
          <label className="review-mode">
            <input type="checkbox" checked={strict} onChange={(event) => setStrict(event.target.checked)} />{' '}
            {t('review.strict')}
          </label>
        ) : null}
        <button
          type="button"
          className="button button-small"
          onClick={() => void undo()}
          disabled={!canUndo || busy}
        >
          {t('review.undo')} <kbd translate="no">U</kbd>
        </button>
      </div>

      <div
        className="review-progress"
        role="progressbar"
        aria-label={t('review.progress')}
        aria-valuemin={0}
        aria-valuemax={Math.max(total, reviewed)}
        aria-valuenow={reviewed}
      >
        <div className="review-progress-bar" style={{ width: `${progress}%` }} />
      </div>
      <p className="muted review-count">
        {t('review.counts', { reviewed, due: page?.dueCount ?? 0, new: page?.newAvailable ?? 0 })}
      </p>
      <div role="status" className="visually-hidden">
        {status}
      </div>
      {error ? <LoadError message={error} onRetry={() => void load(false)} /> : null}
      {card ? <SpeechSupportNote language={card.language} /> : null}

      {!card ? (
        <div className="card review-done">
          <h2>{reviewed > 0 ? t('review.doneWell') : t('review.nothing')}</h2>
          {page?.nextDueAt ? (
            <p>
              {rich(t('review.nextDue', slots('time')), {
                time: (
                  <time dateTime={page.nextDueAt}>
                    {formatDate(page.nextDueAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                ),
              })}{' '}
              <button type="button" className="link-button" onClick={() => void load(false)}>
                {t('review.checkAgain')}
              </button>
            </p>
          ) : (
            <p className="muted">{t('review.addWords')}</p>
          )}
        </div>
      ) : (
        <article className="card review-card" aria-live="polite" data-state={card.schedule.state}>
          <div className="review-card-meta">
            <span className="badge">{t(`state.${card.schedule.state}`)}</span>
            {card.partOfSpeech ? (
              <span className="muted">{partOfSpeechLabel(card.partOfSpeech, t)}</span>
            ) : null}
            {card.gender ? <span className="muted">{genderLabel(card.gender, t)}</span> : null}
            {mode !== 'flip' && effectiveMode === 'flip' ? (
              <span className="muted">{t('review.noTranslationFlip')}</span>
            ) : null}
            <button
              type="button"
              className="link-button review-edit"
              aria-haspopup="dialog"
              onClick={() => setEditing(true)}
            >
              {t('review.editCard')}
            </button>
          </div>
          {editing ? (
            <CardEditorDialog
              title={t('review.editCard')}
              language={card.language}
              initial={{
                term: card.term,
                translation: card.translation,
                exampleSentence: card.exampleSentence,
                notes: card.notes,
              }}
              submitLabel={t('deck.saveCard')}
              onClose={() => setEditing(false)}
              onSubmit={async (draft) => {
                const result = await api.patch<{ card: Card }>(`/api/vocabulary/cards/${card.id}`, draft);
                setQueue((current) =>
                  current.map((item) => (item.id === card.id ? { ...item, ...result.card } : item)),
                );
                setStatus(t('review.saved', { term: result.card.term }));
                setEditing(false);
              }}
            />
          ) : null}

          {effectiveMode === 'flip' ? (
            <p className="review-term" lang={card.language}>
              {card.term}
              <span className="review-speak">
                <ListenButton text={card.term} language={card.language} owner={`card:${card.id}:term`} />
              </span>
            </p>
          ) : (
            <div className="review-question">
              <p className="review-prompt">{card.translation}</p>
              {effectiveMode === 'cloze' && cloze ? (
                <p className="review-cloze" lang={card.language}>
                  {cloze.before}
                  <span className="review-gap">_____</span>
                  {cloze.after}
                </p>
              ) : null}
              <label className="field">
                <span className="field-label">{t('review.yourAnswer')}</span>
                <input
                  ref={answerInput}
                  className="review-input"
                  lang={card.language}
                  value={typed}
                  disabled={revealed}
                  onChange={(event) => setTyped(event.target.value)}
                  autoComplete="off"
                  autoCapitalize="off"
                  spellCheck={false}
                />
              </label>
            </div>
          )}

          {revealed ? (
            <div className="review-answer">
              {effectiveMode === 'flip' ? (
                card.translation ? (
                  <p className="review-translation">{card.translation}</p>
                ) : (
                  <p className="muted">{t('review.noTranslation')}</p>
                )
              ) : (
                <p
                  className={`review-verdict review-verdict-${match === 'exact' || (match === 'accents' && !strict) ? 'right' : 'wrong'}`}
                >
                  {match === 'exact'
                    ? t('review.correct')
                    : match === 'accents'
                      ? strict
                        ? t('review.almostAccents')
                        : t('review.correctAccents')
                      : t('review.notQuite')}{' '}
                  <span lang={card.language}>
                    <strong>{card.term}</strong>
                  </span>
                  <span className="review-speak">
                    <ListenButton text={card.term} language={card.language} owner={`card:${card.id}:term`} />
                  </span>
                </p>
              )}
              {card.exampleSentence ? (
                <p className="review-example" lang={card.language}>
                  {card.exampleSentence}
                  <span className="review-speak">
                    <ListenButton
                      text={card.exampleSentence}
                      language={card.language}
                      owner={`card:${card.id}:example`}
                    />
                  </span>
                </p>
              ) : null}
              <div className="speech-actions">
                <PractiseToggle
                  key={card.id}
                  sentences={[card.term, card.exampleSentence].filter((text): text is string =>
                    Boolean(text),
                  )}
                  language={card.language}
                  owner={`card:${card.id}`}
                />
              </div>
              {card.notes ? <p className="muted">{card.notes}</p> : null}
              <fieldset className="review-ratings">
                <legend className="visually-hidden">{t('review.howWell')}</legend>
                {ratings.map((rating) => (
                  <button
                    key={rating.value}
                    type="button"
                    className={`button review-rate review-rate-${rating.key}`}
                    disabled={busy}
                    onClick={() => void rate(rating.value)}
                  >
                    <span>
                      {t(rating.label)} <kbd>{rating.value}</kbd>
                    </span>
                    <span className="review-interval">{card.preview[rating.key]}</span>
                  </button>
                ))}
              </fieldset>
            </div>
          ) : (
            <button type="button" className="button button-primary review-reveal" onClick={reveal}>
              {effectiveMode === 'flip' ? t('review.showAnswer') : t('review.check')}{' '}
              <kbd>{effectiveMode === 'flip' ? t('review.keySpace') : t('review.keyEnter')}</kbd>
            </button>
          )}
        </article>
      )}
      <p className="muted review-keys">
        {rich(t('review.keys', slots('space', 'one', 'four', 'u')), {
          space: <kbd>{t('review.keySpace')}</kbd>,
          one: <kbd>1</kbd>,
          four: <kbd>4</kbd>,
          u: <kbd translate="no">U</kbd>,
        })}
      </p>
    </div>
  );
}
