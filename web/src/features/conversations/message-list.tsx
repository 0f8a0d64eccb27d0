import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import { MessageExtras } from './extension-points.tsx';
import { formatMessageTime } from './format.ts';
import { Markdown } from './markdown.tsx';

/** Within this many pixels of the end counts as "at the end": sub-pixel rounding and a little slack. */
const bottomSlack = 48;
/** Older messages start loading this close to the top, before the reader actually hits it. */
const topTrigger = 120;

/** The badge a tutor reply shows when it is not simply complete. */
function statusBadge(message: Message): { label: string; tone: 'info' | 'warning' | 'error' } | null {
  if (message.role !== 'tutor') return null;
  switch (message.status) {
    case 'streaming':
      return { label: 'Writing…', tone: 'info' };
    case 'partial':
      return { label: message.failureReason === 'stopped' ? 'Stopped' : 'Incomplete', tone: 'warning' };
    case 'failed':
      return { label: message.failureReason === 'stopped' ? 'Stopped' : 'Failed', tone: 'error' };
    default:
      return null;
  }
}

/**
 * What happened to a reply that did not complete, in words that fit what the learner sees: text that
 * arrived and then stopped was cut mid-reply (the provider was reached), whatever the transport's own
 * message says; a reply with no text keeps the server's reason (it names the key, the limit, the status).
 */
export function describeFailure(message: Message): string | null {
  if (message.role !== 'tutor' || (message.status !== 'failed' && message.status !== 'partial')) return null;
  const arrived = message.text !== '';
  switch (message.failureReason) {
    case 'stopped':
      return arrived ? 'Stopped before the end; what arrived is kept.' : 'Stopped before it began.';
    case 'interrupted':
      return arrived
        ? 'The server restarted while writing this reply; the part it saved is kept.'
        : 'The server restarted before this reply began.';
    case 'timeout':
      return arrived
        ? 'The provider stopped sending in the middle of this reply (it timed out); what arrived is kept.'
        : (message.failureMessage ?? 'The provider took too long to answer.');
    case 'provider_error':
      return arrived
        ? 'The connection to the provider broke in the middle of this reply; what arrived is kept.'
        : (message.failureMessage ?? 'The provider could not answer.');
    default:
      return (
        message.failureMessage ??
        (arrived ? 'This reply stopped before it was complete.' : 'No reply arrived.')
      );
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
  const badge = statusBadge(message);
  const time = formatMessageTime(message.createdAt);
  const failure = describeFailure(message);
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
      {failure ? <p className="message-failure">{failure}</p> : null}
    </>
  );
}

export function MessageBubble({ message, conversation, events, canRetry, onRetry }: BubbleProps) {
  const isTutor = message.role === 'tutor';
  const streaming = message.status === 'streaming';
  return (
    <li
      className={`message message-${message.role}`}
      data-status={message.status}
      data-message-id={message.id}
    >
      <div className="message-bubble">
        <span className="visually-hidden">{isTutor ? 'Tutor:' : 'You:'}</span>
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
              <span className="typing" role="img" aria-label="The tutor is writing">
                <span />
                <span />
                <span />
              </span>
            ) : message.text === '' && message.status === 'failed' ? (
              // Not an empty bubble: the reason is right below it.
              <p className="message-empty">No reply.</p>
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
          Retry
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
        aria-label="Messages"
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
          <span aria-hidden="true">↓</span> Jump to latest
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
        {state === 'loading' ? 'Loading older messages…' : 'Load older messages'}
      </button>
    </div>
  );
}
