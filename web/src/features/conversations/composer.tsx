import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useRef,
} from 'react';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { maxMessageLength } from './limits.ts';
import type { TurnPhase } from './use-conversation.ts';

/** The counter appears this close to the limit: earlier it would only be noise. */
const counterThreshold = 500;

type ComposerProps = {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  phase: TurnPhase;
  /** The server's reason for refusing the last send; the draft is still in the box. */
  refusal: string | null;
  /** The conversation's language, so the browser spell-checks in it. */
  language: string;
  languageName: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** The microphone (Speech feature), beside Send, and what it hears, above the box. */
  speechButton?: ReactNode;
  speechStatus?: ReactNode;
};

/**
 * The message box. Enter sends and Shift+Enter starts a new line (an IME composition's Enter is left
 * alone); while a reply streams the Send button becomes Stop. The box stays editable throughout, so the
 * learner can write the next message while reading the reply.
 */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  phase,
  refusal,
  language,
  languageName,
  textareaRef,
  speechButton,
  speechStatus,
}: ComposerProps) {
  const t = useT('conversations');
  const id = useId();
  const hintId = `${id}-hint`;
  const counterId = `${id}-counter`;
  const refusalId = `${id}-refusal`;
  const remaining = maxMessageLength - value.length;
  const tooLong = remaining < 0;
  const empty = value.trim() === '';
  const canSend = phase === 'idle' && !empty && !tooLong;
  const previousPhase = useRef(phase);

  // Stop disappears when the reply ends; if it had focus, the learner lands back in the box, not on <body>.
  useEffect(() => {
    const was = previousPhase.current;
    previousPhase.current = phase;
    if (was !== 'idle' && phase === 'idle') {
      const active = document.activeElement;
      const lost = active === null || active === document.body || !active.isConnected;
      if (lost || (active instanceof HTMLButtonElement && active.disabled)) textareaRef.current?.focus();
    }
  }, [phase, textareaRef]);

  function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (!canSend) return;
    onSend();
    textareaRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // 229: the Enter that confirms an IME composition (Japanese, Chinese…) in browsers without isComposing.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  }

  const describedBy = [hintId, remaining <= counterThreshold ? counterId : null, refusal ? refusalId : null]
    .filter(Boolean)
    .join(' ');

  return (
    <form className="composer" onSubmit={submit} noValidate>
      {refusal ? (
        <div id={refusalId} className="alert alert-error composer-refusal" role="alert">
          {refusal}
        </div>
      ) : null}
      {speechStatus}
      <label htmlFor={id} className="visually-hidden">
        {t('composer.label', { language: languageName })}
      </label>
      <div className="composer-row">
        <textarea
          id={id}
          ref={textareaRef}
          name="text"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          lang={language}
          spellCheck
          placeholder={t('composer.placeholder', { language: languageName })}
          aria-describedby={describedBy}
          aria-invalid={tooLong || undefined}
          aria-keyshortcuts="/"
        />
        {speechButton}
        {phase === 'streaming' ? (
          // Keyed apart from Send: React would otherwise turn the focused Stop into a disabled Send in place,
          // and focus would stay on a disabled button instead of returning to the box.
          <button
            key="stop"
            type="button"
            className="button button-secondary composer-button"
            onClick={onStop}
          >
            <span className="stop-square" aria-hidden="true" />
            {t('composer.stop')}
          </button>
        ) : (
          <button
            key="send"
            type="submit"
            className="button button-primary composer-button"
            disabled={!canSend}
            aria-busy={phase === 'sending'}
          >
            {t('composer.send')}
          </button>
        )}
      </div>
      <div className="composer-footer">
        <p id={hintId} className="composer-hint">
          {rich(t('composer.hint', slots('key')), { key: <kbd>/</kbd> })}
        </p>
        {remaining <= counterThreshold ? (
          <p id={counterId} className="composer-counter" data-over={tooLong || undefined}>
            {tooLong
              ? t('composer.over', { count: -remaining, limit: maxMessageLength })
              : t('composer.left', { count: remaining })}
          </p>
        ) : null}
      </div>
    </form>
  );
}
