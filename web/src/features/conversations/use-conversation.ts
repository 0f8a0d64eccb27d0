import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import type { KeyIn } from '../../../../contracts/messages/catalogues.ts';
import { currentLanguage, loadNamespace, translate } from '../../i18n/i18n.ts';
import { ApiError, api } from '../../lib/api-client.ts';
import { postEventStream } from '../../lib/event-stream.ts';
import { parseTurnEvent } from './turn-events.ts';

export type ConversationPage = { conversation: Conversation; messages: Message[]; hasMore: boolean };

/** How many messages one page holds, first load and each "older" page alike. */
export const pageSize = 50;

/**
 * `sending`: the request is out, nothing is accepted yet (the draft is still in the box).
 * `streaming`: the turn was accepted and the reply is arriving; Stop is offered.
 */
export type TurnPhase = 'idle' | 'sending' | 'streaming';

export type ConversationState = {
  load: 'loading' | 'ready' | 'error';
  loadError: ApiError | null;
  conversation: Conversation | null;
  /** Oldest first, like the API. */
  messages: Message[];
  hasMore: boolean;
  older: 'idle' | 'loading' | 'error';
  olderError: string | null;
  phase: TurnPhase;
  /** Why the last send or retry was refused before it started (budget, no provider, validation…). */
  refusal: ApiError | null;
  /** Turn events for extension points (`feedback`), keyed by the message they concern. */
  events: Record<string, TurnEvent[]>;
  /**
   * The reply of the latest turn this page ran, counted per accepted turn (a retry of the same message
   * counts again); never a loaded message. Speech reads replies aloud by this, not by their status: a
   * fast reply can arrive accepted, streamed and ended within one render, never seen `streaming`.
   */
  liveReply: { id: string; turn: number } | null;
};

type Action =
  | { type: 'loaded'; page: ConversationPage }
  | { type: 'load-failed'; error: ApiError }
  | { type: 'older-start' }
  | { type: 'older-loaded'; page: ConversationPage }
  | { type: 'older-failed'; message: string }
  | { type: 'turn-start' }
  | { type: 'refused'; error: ApiError }
  | { type: 'dismiss-refusal' }
  | { type: 'accepted'; learner: Message | null; tutorMessageId: string; learnerMessageId: string }
  | { type: 'delta'; tutorMessageId: string; text: string }
  | { type: 'stream-error'; tutorMessageId: string; code: string; message: string }
  | { type: 'reply-end'; event: Extract<TurnEvent, { type: 'reply-end' }> }
  | { type: 'event'; messageId: string; event: TurnEvent }
  | { type: 'closed'; tutorMessageId: string; reason: 'stopped' | 'lost'; message: string }
  | { type: 'released' }
  | { type: 'synced'; messages: Message[] }
  | { type: 'renamed'; conversation: Conversation };

export const initialConversationState: ConversationState = {
  load: 'loading',
  loadError: null,
  conversation: null,
  messages: [],
  hasMore: false,
  older: 'idle',
  olderError: null,
  phase: 'idle',
  refusal: null,
  events: {},
  liveReply: null,
};

function updateMessage(messages: Message[], id: string, change: (message: Message) => Message): Message[] {
  const index = messages.findIndex((message) => message.id === id);
  if (index === -1) return messages;
  const next = messages.slice();
  next[index] = change(messages[index] as Message);
  return next;
}

/**
 * Folds the server's view into ours: settled messages replace local copies (the server may have kept a
 * few more tokens than reached us before a stop), and messages we never saw — a turn accepted while the
 * connection dropped — are added in order. A server copy still `streaming` never overwrites ours.
 */
export function mergeMessages(local: Message[], server: Message[]): Message[] {
  const byId = new Map(server.map((message) => [message.id, message]));
  const merged = local.map((message) => {
    const fresh = byId.get(message.id);
    return fresh && fresh.status !== 'streaming' ? fresh : message;
  });
  const known = new Set(local.map((message) => message.id));
  const added = server.filter((message) => !known.has(message.id));
  if (added.length === 0) return merged;
  return [...merged, ...added].sort((a, b) =>
    a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt),
  );
}

export function conversationReducer(state: ConversationState, action: Action): ConversationState {
  switch (action.type) {
    case 'loaded':
      return {
        ...state,
        load: 'ready',
        loadError: null,
        conversation: action.page.conversation,
        messages: action.page.messages,
        hasMore: action.page.hasMore,
      };
    case 'load-failed':
      return { ...state, load: 'error', loadError: action.error };
    case 'older-start':
      return { ...state, older: 'loading', olderError: null };
    case 'older-loaded': {
      const known = new Set(state.messages.map((message) => message.id));
      const older = action.page.messages.filter((message) => !known.has(message.id));
      return {
        ...state,
        older: 'idle',
        messages: [...older, ...state.messages],
        hasMore: action.page.hasMore,
      };
    }
    case 'older-failed':
      return { ...state, older: 'error', olderError: action.message };
    case 'turn-start':
      return { ...state, phase: 'sending', refusal: null };
    case 'refused':
      return { ...state, phase: 'idle', refusal: action.error };
    case 'dismiss-refusal':
      return { ...state, refusal: null };
    case 'accepted': {
      const placeholder = (message: Message): Message => ({
        ...message,
        text: '',
        status: 'streaming',
        failureReason: null,
        failureMessage: null,
        provider: null,
        model: null,
        usage: null,
        latencyMs: null,
      });
      let messages: Message[];
      if (action.learner) {
        const tutor = placeholder({
          ...action.learner,
          id: action.tutorMessageId,
          role: 'tutor',
          replyTo: action.learnerMessageId,
        });
        messages = [...state.messages, action.learner, tutor];
      } else if (state.messages.some((message) => message.id === action.tutorMessageId)) {
        // A retry: the same tutor message starts again from nothing.
        messages = updateMessage(state.messages, action.tutorMessageId, placeholder);
      } else {
        // The tutor's opening (Tutor feature): a new reply with no learner message before it.
        messages = [
          ...state.messages,
          placeholder({
            id: action.tutorMessageId,
            role: 'tutor',
            text: '',
            status: 'streaming',
            failureReason: null,
            failureMessage: null,
            replyTo: null,
            provider: null,
            model: null,
            usage: null,
            latencyMs: null,
            createdAt: new Date().toISOString(),
          }),
        ];
      }
      return {
        ...state,
        phase: 'streaming',
        messages,
        liveReply: { id: action.tutorMessageId, turn: (state.liveReply?.turn ?? 0) + 1 },
        conversation: state.conversation && {
          ...state.conversation,
          messageCount:
            state.conversation.messageCount +
            (action.learner ? 2 : messages.length > state.messages.length ? 1 : 0),
        },
      };
    }
    case 'delta':
      return {
        ...state,
        messages: updateMessage(state.messages, action.tutorMessageId, (message) => ({
          ...message,
          text: message.text + action.text,
        })),
      };
    case 'stream-error':
      return {
        ...state,
        messages: updateMessage(state.messages, action.tutorMessageId, (message) => ({
          ...message,
          failureReason: action.code,
          failureMessage: action.message,
        })),
      };
    case 'reply-end': {
      const { event } = action;
      return {
        ...state,
        messages: updateMessage(state.messages, event.tutorMessageId, (message) => ({
          ...message,
          status: event.status,
          usage: event.usage,
          provider: event.provider,
          model: event.model,
        })),
      };
    }
    case 'event':
      return {
        ...state,
        events: {
          ...state.events,
          [action.messageId]: [...(state.events[action.messageId] ?? []), action.event],
        },
      };
    case 'closed':
      return {
        ...state,
        messages: updateMessage(state.messages, action.tutorMessageId, (message) =>
          message.status !== 'streaming'
            ? message
            : {
                ...message,
                // Like the server: text that reached the learner is kept as partial, none means failed.
                status: message.text === '' ? 'failed' : 'partial',
                failureReason: action.reason,
                failureMessage: action.message,
              },
        ),
      };
    case 'released':
      return { ...state, phase: 'idle' };
    case 'synced':
      return { ...state, messages: mergeMessages(state.messages, action.messages) };
    case 'renamed':
      return { ...state, conversation: action.conversation };
  }
}

type Turn = {
  controller: AbortController;
  tutorMessageId: string | null;
  /** `reply-end` arrived: the reply is settled, whatever happens to the rest of the stream. */
  replyEnded: boolean;
};

export type SendOptions = {
  /** Called once the server has stored the learner's message: the moment to clear the draft. */
  onAccepted?: () => void;
};

export type ConversationApi = ConversationState & {
  send: (text: string, options?: SendOptions) => Promise<void>;
  /** Streams the tutor's opening line of a conversation that has no messages yet. */
  startOpening: () => Promise<void>;
  retry: (tutorMessageId: string) => Promise<void>;
  stop: () => void;
  loadOlder: () => Promise<void>;
  reload: () => void;
  dismissRefusal: () => void;
  renamed: (conversation: Conversation) => void;
};

/**
 * Why a turn went wrong, in the interface language. These words are not in the screen's first load: a
 * turn starts loading them, and an error waits for them (a failed load leaves the key, still a clue).
 */
function loadFailureWords(): Promise<void> {
  return loadNamespace(currentLanguage(), 'reply-failures').catch(() => undefined);
}

async function failureText(key: KeyIn<'reply-failures'>): Promise<string> {
  await loadFailureWords();
  return translate(`reply-failures.${key}`);
}

/**
 * One conversation's messages and its streamed turns. A turn holds the composer from sending until the
 * reply ends; what follows (`feedback`, `done`) is read in the background so the learner can go on
 * typing. Leaving the screen aborts every open stream, which the server treats like Stop.
 */
export function useConversation(conversationId: string): ConversationApi {
  const [state, dispatch] = useReducer(conversationReducer, initialConversationState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const current = useRef<Turn | null>(null);
  const open = useRef(new Set<AbortController>());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const mounted = useRef(true);
  const [attempt, reload] = useReducer((value: number) => value + 1, 0);
  const base = `/api/conversations/${encodeURIComponent(conversationId)}`;

  useEffect(() => {
    void attempt;
    const controller = new AbortController();
    api
      .get<ConversationPage>(`${base}?limit=${pageSize}`, { signal: controller.signal })
      .then((page) => dispatch({ type: 'loaded', page }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        dispatch({
          type: 'load-failed',
          error:
            error instanceof ApiError
              ? error
              : new ApiError(0, 'network_error', translate('common.errors.loadFailed')),
        });
      });
    return () => controller.abort();
  }, [base, attempt]);

  useEffect(() => {
    const streams = open.current;
    const pending = timers.current;
    mounted.current = true;
    return () => {
      mounted.current = false;
      for (const controller of streams) controller.abort();
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);

  /** Asks the server what it stored, shortly after a stop or a lost connection settled the reply. */
  const reconcile = useCallback(
    (tutorMessageId: string, round = 0) => {
      if (!mounted.current) return;
      const timer = setTimeout(
        async () => {
          timers.current.delete(timer);
          try {
            const page = await api.get<ConversationPage>(`${base}?limit=20`);
            dispatch({ type: 'synced', messages: page.messages });
            const stored = page.messages.find((message) => message.id === tutorMessageId);
            if (stored?.status === 'streaming' && round < 3) reconcile(tutorMessageId, round + 1);
          } catch {
            // Best effort: the local state already says what happened.
          }
        },
        400 * (round + 1),
      );
      timers.current.add(timer);
    },
    [base],
  );

  const release = useCallback((turn: Turn) => {
    if (current.current !== turn) return;
    current.current = null;
    dispatch({ type: 'released' });
  }, []);

  const runTurn = useCallback(
    async (
      path: string,
      body: unknown,
      onAccepted: (event: Extract<TurnEvent, { type: 'accepted' }>) => void,
    ) => {
      const controller = new AbortController();
      const turn: Turn = { controller, tutorMessageId: null, replyEnded: false };
      current.current = turn;
      open.current.add(controller);
      dispatch({ type: 'turn-start' });
      void loadFailureWords();
      try {
        await postEventStream(path, {
          body,
          signal: controller.signal,
          onEvent: (raw) => {
            const event = parseTurnEvent(raw);
            if (!event) return;
            const tutorMessageId = turn.tutorMessageId;
            switch (event.type) {
              case 'accepted':
                turn.tutorMessageId = event.tutorMessageId;
                onAccepted(event);
                break;
              case 'reply-delta':
                if (tutorMessageId) dispatch({ type: 'delta', tutorMessageId, text: event.text });
                break;
              case 'error':
                if (tutorMessageId) {
                  dispatch({
                    type: 'stream-error',
                    tutorMessageId,
                    code: event.code,
                    message: event.message,
                  });
                }
                break;
              case 'reply-end':
                turn.replyEnded = true;
                dispatch({ type: 'reply-end', event });
                // The reply is over: the learner may send again while feedback is still on its way.
                release(turn);
                break;
              case 'feedback':
                dispatch({ type: 'event', messageId: event.learnerMessageId, event });
                break;
              default:
                break;
            }
          },
        });
        if (turn.tutorMessageId === null) {
          dispatch({
            type: 'refused',
            error: new ApiError(0, 'invalid_response', await failureText('turn.notAccepted')),
          });
        } else if (turn.replyEnded) {
          // The turn and its feedback (a role-play goal met) are stored: anything to celebrate? Loaded
          // on demand: this screen's first load has no room for it (decision 017).
          void import('../progress/news.ts').then((module) => module.checkProgressNews());
        } else {
          // The stream closed cleanly but without `reply-end`: ask the server what it stored.
          dispatch({
            type: 'closed',
            tutorMessageId: turn.tutorMessageId,
            reason: 'lost',
            message: await failureText('turn.endedEarly'),
          });
          reconcile(turn.tutorMessageId);
        }
      } catch (error) {
        const tutorMessageId = turn.tutorMessageId;
        if (turn.replyEnded) {
          // Only the feedback part was cut (the learner left, or the connection dropped): the reply is fine.
        } else if (controller.signal.aborted) {
          if (tutorMessageId) {
            const message = await failureText('turn.stoppedByLearner');
            dispatch({ type: 'closed', tutorMessageId, reason: 'stopped', message });
            reconcile(tutorMessageId);
          }
        } else if (tutorMessageId === null) {
          // Refused before anything was stored: the caller keeps the draft and shows why.
          dispatch({
            type: 'refused',
            error:
              error instanceof ApiError
                ? error
                : new ApiError(0, 'network_error', await failureText('turn.sendFailed')),
          });
        } else {
          dispatch({
            type: 'closed',
            tutorMessageId,
            reason: 'lost',
            message: error instanceof ApiError ? error.message : await failureText('turn.interrupted'),
          });
          reconcile(tutorMessageId);
        }
      } finally {
        open.current.delete(controller);
        release(turn);
      }
    },
    [reconcile, release],
  );

  /** Re-reads the conversation itself (not its messages), e.g. the title the server gave it. */
  const refreshConversation = useCallback(async () => {
    try {
      const page = await api.get<ConversationPage>(`${base}?limit=1`);
      if (mounted.current) dispatch({ type: 'renamed', conversation: page.conversation });
    } catch {
      // Cosmetic: the old title stays until the next visit.
    }
  }, [base]);

  const send = useCallback(
    async (text: string, options: SendOptions = {}) => {
      if (current.current) return;
      // The tutor's opening may come before it: first means the learner's first message.
      const first = !stateRef.current.messages.some((message) => message.role === 'learner');
      await runTurn(`${base}/messages`, { text }, (event) => {
        const now = new Date().toISOString();
        dispatch({
          type: 'accepted',
          tutorMessageId: event.tutorMessageId,
          learnerMessageId: event.learnerMessageId,
          learner: {
            id: event.learnerMessageId,
            role: 'learner',
            // The server stores the message trimmed; show exactly what it kept.
            text: text.trim(),
            status: 'complete',
            failureReason: null,
            failureMessage: null,
            replyTo: null,
            provider: null,
            model: null,
            usage: null,
            latencyMs: null,
            createdAt: now,
          },
        });
        options.onAccepted?.();
        // The server names an untitled conversation after its first message, when it accepts it.
        if (first) void refreshConversation();
      });
    },
    [base, runTurn, refreshConversation],
  );

  const retry = useCallback(
    async (tutorMessageId: string) => {
      if (current.current) return;
      await runTurn(`${base}/messages/${encodeURIComponent(tutorMessageId)}/retry`, undefined, (event) =>
        dispatch({
          type: 'accepted',
          tutorMessageId: event.tutorMessageId,
          learnerMessageId: event.learnerMessageId,
          learner: null,
        }),
      );
    },
    [base, runTurn],
  );

  const startOpening = useCallback(async () => {
    if (current.current) return;
    await runTurn(`${base}/opening`, undefined, (event) =>
      dispatch({
        type: 'accepted',
        tutorMessageId: event.tutorMessageId,
        learnerMessageId: event.learnerMessageId,
        learner: null,
      }),
    );
  }, [base, runTurn]);

  const stop = useCallback(() => {
    const turn = current.current;
    if (turn?.tutorMessageId) turn.controller.abort();
  }, []);

  const loadOlder = useCallback(async () => {
    const { older, hasMore, messages, load } = stateRef.current;
    const first = messages[0];
    if (load !== 'ready' || older === 'loading' || !hasMore || !first) return;
    // Mark it at once: scroll events fire faster than React re-renders.
    stateRef.current = { ...stateRef.current, older: 'loading' };
    dispatch({ type: 'older-start' });
    try {
      const page = await api.get<ConversationPage>(
        `${base}?before=${encodeURIComponent(first.id)}&limit=${pageSize}`,
      );
      dispatch({ type: 'older-loaded', page });
    } catch (error) {
      dispatch({
        type: 'older-failed',
        message: error instanceof ApiError ? error.message : translate('conversations.messages.olderFailed'),
      });
    }
  }, [base]);

  const dismissRefusal = useCallback(() => dispatch({ type: 'dismiss-refusal' }), []);
  const renamed = useCallback(
    (conversation: Conversation) => dispatch({ type: 'renamed', conversation }),
    [],
  );

  return { ...state, send, startOpening, retry, stop, loadOlder, reload, dismissRefusal, renamed };
}
