import { Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { MessageExtras } from './extension-points.tsx';
import { formatMessageTime } from './format.ts';
import { Markdown } from './markdown.tsx';

/** Within this many pixels of the end counts as "at the end": sub-pixel rounding and a little slack. */
const bottomSlack = 48;
/** Older messages start loading this close to the top, before the reader actually hits it. */
const topTrigger = 120;

/** The badge a tutor reply shows when it is not simply complete. */
function statusBadge(
  message: Message,
  t: Translate<'conversations'>,
): { label: string; tone: 'info' | 'warning' | 'error' } | null {
  if (message.role !== 'tutor') return null;
  switch (message.status) {
    case 'streaming':
      return { label: t('badge.writing'), tone: 'info' };
    case 'partial':
      return {
        label: message.failureReason === 'stopped' ? t('badge.stopped') : t('badge.incomplete'),
        tone: 'warning',
      };
    case 'failed':
      return {
        label: message.failureReason === 'stopped' ? t('badge.stopped') : t('badge.failed'),
        tone: 'error',
      };
    default:
      return null;
  }
}

/**
 * What happened to a reply that did not complete, in words that fit what the learner sees: text that
 * arrived and then stopped was cut mid-reply (the provider was reached), whatever the transport's own
 * message says; a reply with no text keeps the server's reason (it names the key, the limit, the status).
 */
function hasFailed(message: Message): boolean {
  return message.role === 'tutor' && (message.status === 'failed' || message.status === 'partial');
}

export function describeFailure(message: Message, t: Translate<'reply-failures'>): string | null {
  if (!hasFailed(message)) return null;
  const arrived = message.text !== '';
  switch (message.failureReason) {
    case 'stopped':
      return arrived ? t('failure.stoppedPartial') : t('failure.stoppedEmpty');
    case 'interrupted':
      return arrived ? t('failure.interruptedPartial') : t('failure.interruptedEmpty');
    case 'timeout':
      return arrived ? t('failure.timeoutPartial') : (message.failureMessage ?? t('failure.timeoutEmpty'));
    case 'provider_error':
      return arrived ? t('failure.providerPartial') : (message.failureMessage ?? t('failure.providerEmpty'));
    default:
      return message.failureMessage ?? (arrived ? t('failure.otherPartial') : t('failure.otherEmpty'));
  }
}

type BubbleProps = {
  message: Message;
  conversation: Conversation;
  events: readonly TurnEvent[];
  /** Only the latest reply, when failed or partial and no turn is running, can be retried. */
  canRetry: boolean;
  onRetry: (tutorMessageId: string) => void;
};

/** A message's time, status badge and failure reason: the same under the live chat and a transcript. */
export function MessageMeta({ message }: { message: Message }) {
  const t = useT('conversations');
  const badge = statusBadge(message, t);
  const time = formatMessageTime(message.createdAt);
  return (
    <>
      <div className="message-meta">
        {time.short ? (
          <time dateTime={message.createdAt} title={time.full}>
            {time.short}
          </time>
        ) : null}
        {badge ? <span className={`badge badge-${badge.tone}`}>{badge.label}</span> : null}
      </div>
      {hasFailed(message) ? (
        // Its words load when a reply has failed, not with every conversation.
        <Suspense fallback={null}>
          <FailureReason message={message} />
        </Suspense>
      ) : null}
    </>
  );
}

function FailureReason({ message }: { message: Message }) {
  const t = useT('reply-failures');
  const failure = describeFailure(message, t);
  return failure ? <p className="message-failure">{failure}</p> : null;
}

export function MessageBubble({ message, conversation, events, canRetry, onRetry }: BubbleProps) {
  const t = useT('conversations');
  const isTutor = message.role === 'tutor';
  const streaming = message.status === 'streaming';
  return (
    <li
      className={`message message-${message.role}`}
      data-status={message.status}
      data-message-id={message.id}
    >
      <div className="message-bubble">
        <span className="visually-hidden">{isTutor ? t('messages.tutor') : t('messages.you')}</span>
        {isTutor ? (
          // Polite and busy while streaming: a screen reader reads the reply once, when it is complete,
          // instead of every word as it arrives.
          <div
            className="message-text markdown"
            lang={conversation.language}
            dir="auto"
            aria-live="polite"
            aria-busy={streaming}
          >
            {message.text === '' && streaming ? (
              <span className="typing" role="img" aria-label={t('messages.writing')}>
                <span />
                <span />
                <span />
              </span>
            ) : message.text === '' && message.status === 'failed' ? (
              // Not an empty bubble: the reason is right below it.
              <p className="message-empty">{t('messages.noReply')}</p>
            ) : (
              <Markdown text={message.text} />
            )}
          </div>
        ) : (
          <div className="message-text message-plain" lang={conversation.language} dir="auto">
            {message.text}
          </div>
        )}
      </div>
      <MessageMeta message={message} />
      {canRetry ? (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onRetry(message.id)}
        >
          {t('messages.retry')}
        </button>
      ) : null}
      <MessageExtras message={message} conversation={conversation} events={events} />
    </li>
  );
}

type MessageListProps = {
  conversation: Conversation;
  messages: readonly Message[];
  events: Readonly<Record<string, TurnEvent[]>>;
  hasMore: boolean;
  older: 'idle' | 'loading' | 'error';
  olderError: string | null;
  onLoadOlder: () => void;
  busy: boolean;
  onRetry: (tutorMessageId: string) => void;
  /** Where "Jump to latest" leaves focus (the message box), since the button itself goes away. */
  onJumped: () => void;
  emptyHint: string;
};

/**
 * The scrolling message column. It follows a streaming reply while the reader is at the end, and stays
 * put once they scroll up (a "Jump to latest" button appears). Sending always returns to the end.
 * Reaching the top loads the previous page and keeps the reader's place.
 */
export function MessageList({
  conversation,
  messages,
  events,
  hasMore,
  older,
  olderError,
  onLoadOlder,
  busy,
  onRetry,
  onJumped,
  emptyHint,
}: MessageListProps) {
  const t = useT('conversations');
  const scroller = useRef<HTMLElement>(null);
  const atEnd = useRef(true);
  const lastHeight = useRef(0);
  const firstId = useRef<string | undefined>(undefined);
  const lastId = useRef<string | undefined>(undefined);
  const [awayFromEnd, setAwayFromEnd] = useState(false);

  const latestTutor = [...messages].reverse().find((message) => message.role === 'tutor');
  const retryable =
    !busy && latestTutor && (latestTutor.status === 'failed' || latestTutor.status === 'partial')
      ? latestTutor.id
      : null;

  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
    atEnd.current = distance <= bottomSlack;
    setAwayFromEnd(!atEnd.current);
  }, []);

  // Runs after every DOM update, before paint, so the reader never sees a jump.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const first = messages[0]?.id;
    const last = messages[messages.length - 1];
    const prepended =
      firstId.current !== undefined && first !== firstId.current && last?.id === lastId.current;
    // A new message at the end is the learner's own turn (sent or retried here): go back to the end.
    const appended = last !== undefined && last.id !== lastId.current;
    if (prepended) {
      // Older messages went in above: keep the same message under the reader's eyes.
      element.scrollTop += element.scrollHeight - lastHeight.current;
    } else if (atEnd.current || appended) {
      element.scrollTop = element.scrollHeight;
      atEnd.current = true;
    }
    firstId.current = first;
    lastId.current = last?.id;
    lastHeight.current = element.scrollHeight;
    setAwayFromEnd(
      !atEnd.current && element.scrollHeight - element.scrollTop - element.clientHeight > bottomSlack,
    );
  }, [messages]);

  // Grows with the window or the composer: stay at the end if that is where the reader was.
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atEnd.current) element.scrollTop = element.scrollHeight;
      lastHeight.current = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  function onScroll() {
    measure();
    const element = scroller.current;
    if (element && element.scrollTop < topTrigger && hasMore && older === 'idle') onLoadOlder();
  }

  function jumpToLatest() {
    const element = scroller.current;
    if (!element) return;
    // An instant jump: a smooth one would be overtaken by the stream it is trying to catch up with.
    element.scrollTop = element.scrollHeight;
    atEnd.current = true;
    setAwayFromEnd(false);
    onJumped();
  }

  return (
    <div className="message-scroller-frame">
      <section
        ref={scroller}
        className="message-scroller"
        onScroll={onScroll}
        // Focusable so keyboard users can scroll the history with the arrow keys.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        tabIndex={0}
        aria-label={t('messages.label')}
      >
        {hasMore || older === 'error' ? (
          <LoadOlderMessages state={older} error={olderError} onLoad={onLoadOlder} />
        ) : null}
        {messages.length === 0 ? <p className="chat-empty muted">{emptyHint}</p> : null}
        <ol className="messages">
          {messages.map((message) => (
            <MessageBubble
              key={message.id}
              message={message}
              conversation={conversation}
              events={events[message.id] ?? noEvents}
              canRetry={message.id === retryable}
              onRetry={onRetry}
            />
          ))}
        </ol>
      </section>
      {awayFromEnd ? (
        <button
          type="button"
          className="button button-secondary button-small jump-latest"
          onClick={jumpToLatest}
        >
          <span aria-hidden="true">↓</span> {t('messages.jumpToLatest')}
        </button>
      ) : null}
    </div>
  );
}

const noEvents: readonly TurnEvent[] = [];

/** "Load older messages" above a conversation, with what went wrong on the last try. */
export function LoadOlderMessages({
  state,
  error,
  onLoad,
}: {
  state: 'idle' | 'loading' | 'error';
  error: string | null;
  onLoad: () => void;
}) {
  const t = useT('conversations');
  return (
    <div className="older">
      {state === 'error' ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={onLoad}
        disabled={state === 'loading'}
        aria-busy={state === 'loading'}
      >
        {state === 'loading' ? t('messages.loadingOlder') : t('messages.loadOlder')}
      </button>
    </div>
  );
}
