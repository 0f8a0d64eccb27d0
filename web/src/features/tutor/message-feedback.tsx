import { lazy, type ReactNode, Suspense, useState } from 'react';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import { correctionRef } from '../../../../contracts/corrections.ts';
import type { Correction, Feedback, NewWord } from '../../../../contracts/tutor.ts';
import { useT } from '../../i18n/i18n.ts';
import type { CardDraft } from '../vocabulary/card-editor.tsx';
import { markInDeck, useInDeck } from './deck-items.ts';
import { addToDeck, correctionCategoryLabel, revealFeedback } from './tutor-api.ts';

/** Opened by a click: kept out of the conversation screen's first load. */
const CardEditorDialog = lazy(async () => ({
  default: (await import('../vocabulary/card-editor.tsx')).CardEditorDialog,
}));

type Props = {
  message: Message;
  conversation: Conversation;
  events: readonly TurnEvent[];
  /**
   * Someone else reads the learner's transcript (an admin, a child's): the same feedback, without
   * anything that writes — no "add to deck", no revealing held-back corrections.
   */
  readOnly?: boolean | undefined;
};

/** The newest feedback for a learner message: streamed during this visit, else stored with it. */
function currentFeedback(message: Message, events: readonly TurnEvent[]): Feedback | null {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event?.type === 'feedback' && Array.isArray((event as { corrections?: unknown }).corrections))
      return event as unknown as Feedback;
  }
  return message.feedback ?? null;
}

/**
 * Under a learner's message: corrections inline (original → corrected, the explanation on click),
 * possible misspellings, a more natural phrasing, new words to keep, and a note when the turn was
 * written in the native language. Corrections the policy holds back are one click away (read-only:
 * only counted).
 */
export function MessageFeedback({ message, conversation, events, readOnly = false }: Props) {
  const t = useT('tutor');
  const [revealed, setRevealed] = useState<Feedback | null>(null);
  const [revealing, setRevealing] = useState(false);
  if (message.role !== 'learner') return null;
  const feedback = revealed ?? currentFeedback(message, events);
  if (!feedback) return null;
  const { corrections, spelling, rephrasing, newVocabulary, languageNotice } = feedback;
  const nothingToShow =
    corrections.length === 0 &&
    spelling.length === 0 &&
    !rephrasing &&
    newVocabulary.length === 0 &&
    !languageNotice &&
    feedback.hiddenCorrections === 0;
  if (feedback.status === 'off' && !languageNotice) return null;
  if (feedback.status === 'unavailable' && spelling.length === 0 && !languageNotice) {
    return (
      <p className="feedback feedback-unavailable" data-testid="feedback-unavailable">
        {feedback.message ?? t('feedback.unavailable')}
      </p>
    );
  }
  if (nothingToShow) {
    return (
      <p className="feedback feedback-clean" data-testid="feedback">
        <span aria-hidden="true">✓</span> {t('feedback.none')}
      </p>
    );
  }

  async function reveal() {
    setRevealing(true);
    try {
      setRevealed(await revealFeedback(conversation.id, message.id));
    } catch {
      setRevealing(false);
    }
  }

  return (
    <section
      className="feedback"
      aria-label={readOnly ? t('feedback.labelTheirs') : t('feedback.labelYours')}
      data-testid="feedback"
    >
      {languageNotice ? <p className="feedback-notice">{languageNotice.message}</p> : null}
      {corrections.length ? (
        <ul className="corrections">
          {corrections.map((correction, index) => (
            <CorrectionItem
              key={`${correction.original}-${index}`}
              correction={correction}
              conversation={conversation}
              message={message}
              readOnly={readOnly}
            />
          ))}
        </ul>
      ) : null}
      {spelling.length ? (
        <ul className="corrections">
          {spelling.map((issue) => (
            <li key={`${issue.word}-${issue.offset}`} className="correction">
              <span className="correction-change">
                <del lang={conversation.language}>{issue.word}</del>
                {issue.suggestions.length ? (
                  <>
                    {' → '}
                    <ins lang={conversation.language}>{issue.suggestions.slice(0, 3).join(' / ')}</ins>
                  </>
                ) : null}
              </span>
              <span className="badge">{t('feedback.spelling')}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {feedback.hiddenCorrections > 0 && feedback.policy !== 'off' ? (
        readOnly ? (
          // Only the learner can reveal them (that stores the revealed feedback): here they are counted.
          <p className="feedback-held-back">
            {t('feedback.heldBack', { count: feedback.hiddenCorrections })}
          </p>
        ) : (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={reveal}
            disabled={revealing}
          >
            {feedback.policy === 'on-request'
              ? t('feedback.checkMine', { count: feedback.hiddenCorrections })
              : t('feedback.showMore', { count: feedback.hiddenCorrections })}
          </button>
        )
      ) : null}
      {rephrasing ? (
        <p className="rephrasing">
          <span className="feedback-label">{t('feedback.moreNatural')}</span>{' '}
          <span lang={conversation.language}>{rephrasing}</span>
        </p>
      ) : null}
      {newVocabulary.length ? (
        <div className="new-words">
          <span className="feedback-label">{t('feedback.newWords')}</span>
          {newVocabulary.map((word) =>
            readOnly ? (
              <span
                key={word.term}
                className="word-chip"
                data-state="read-only"
                title={`${word.translation}${word.note ? ` — ${word.note}` : ''}`}
              >
                <span lang={conversation.language}>{word.term}</span>{' '}
                <span className="word-translation">{word.translation}</span>
              </span>
            ) : (
              <NewWordChip
                key={word.term}
                word={word}
                conversation={conversation}
                message={message}
                example={rephrasing ?? message.text}
              />
            ),
          )}
        </div>
      ) : null}
      {feedback.status === 'unavailable' && feedback.message ? (
        <p className="feedback-unavailable">{feedback.message}</p>
      ) : null}
    </section>
  );
}

/** Opens the pre-filled card editor; once saved, the item says so (and still does after a reload). */
function AddToDeck({
  conversation,
  message,
  sourceRef,
  kind,
  initial,
  children,
  className,
}: {
  conversation: Conversation;
  message: Message;
  sourceRef: string;
  kind: 'correction' | 'new-word';
  initial: CardDraft;
  children: (state: { inDeck: boolean }) => ReactNode;
  className: string;
}) {
  const t = useT('tutor');
  const inDeck = useInDeck(conversation.id, message.id, sourceRef);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');
  return (
    <>
      <button
        type="button"
        className={className}
        data-state={inDeck ? 'added' : 'idle'}
        disabled={inDeck}
        aria-haspopup="dialog"
        onClick={() => setEditing(true)}
      >
        {children({ inDeck })}
      </button>
      <span role="status" className="visually-hidden">
        {status}
      </span>
      {editing ? (
        <Suspense fallback={null}>
          <CardEditorDialog
            title={t('feedback.editorTitle')}
            language={conversation.language}
            initial={initial}
            submitLabel={t('feedback.addCard')}
            onClose={() => setEditing(false)}
            onSubmit={async (draft) => {
              const result = await addToDeck({
                language: conversation.language,
                term: draft.term,
                translation: draft.translation,
                exampleSentence: draft.exampleSentence,
                notes: draft.notes,
                sourceMessageId: message.id,
                sourceRef,
                kind,
              });
              markInDeck(conversation.id, message.id, sourceRef);
              setStatus(
                result.created
                  ? t('feedback.added', { term: draft.term })
                  : t('feedback.alreadyThere', { term: draft.term }),
              );
              setEditing(false);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}

function CorrectionItem({
  correction,
  conversation,
  message,
  readOnly,
}: {
  correction: Correction;
  conversation: Conversation;
  message: Message;
  readOnly: boolean;
}) {
  const t = useT('tutor');
  const [open, setOpen] = useState(false);
  return (
    <li className="correction" data-severity={correction.severity}>
      <button
        type="button"
        className="correction-change"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title={t('feedback.why')}
      >
        <del lang={conversation.language}>{correction.original}</del>
        {' → '}
        <ins lang={conversation.language}>{correction.corrected}</ins>
      </button>
      <span className="badge">{correctionCategoryLabel(correction.category)}</span>
      {open ? (
        <p className="correction-explanation">
          {correction.explanation}
          {readOnly ? null : (
            <>
              {' '}
              <AddToDeck
                className="button button-quiet button-small"
                conversation={conversation}
                message={message}
                sourceRef={correctionRef(correction)}
                kind="correction"
                initial={{
                  term: correction.cardFront ?? correction.corrected,
                  translation: correction.translation ?? '',
                  // The card's sentence is the learner's own, corrected: a card must never teach the mistake.
                  exampleSentence:
                    correction.example ?? message.text.replace(correction.original, correction.corrected),
                  notes: `${correction.original} → ${correction.corrected}: ${correction.explanation}`,
                }}
              >
                {({ inDeck }) => (inDeck ? t('feedback.inDeck') : t('feedback.addToDeck'))}
              </AddToDeck>
            </>
          )}
        </p>
      ) : null}
    </li>
  );
}

function NewWordChip({
  word,
  conversation,
  message,
  example,
}: {
  word: NewWord;
  conversation: Conversation;
  message: Message;
  example: string;
}) {
  const t = useT('tutor');
  return (
    <AddToDeck
      className="word-chip"
      conversation={conversation}
      message={message}
      sourceRef={word.term}
      kind="new-word"
      initial={{
        term: word.term,
        translation: word.translation,
        exampleSentence: example,
        notes: word.note ?? '',
      }}
    >
      {({ inDeck }) => (
        <>
          <span lang={conversation.language}>{word.term}</span>{' '}
          <span className="word-translation">{word.translation}</span>{' '}
          <span aria-hidden="true">{inDeck ? '✓' : '+'}</span>
          <span className="visually-hidden">
            {' '}
            {inDeck ? t('feedback.chipInDeck') : t('feedback.chipAdd')}
          </span>
        </>
      )}
    </AddToDeck>
  );
}
