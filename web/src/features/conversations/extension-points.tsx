import { lazy, Suspense } from 'react';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import type { CefrLevel } from '../../../../contracts/languages.ts';
import { MessageSpeech } from '../speech/message-speech.tsx';
import { MessageFeedback } from '../tutor/message-feedback.tsx';
import { ScenarioAside } from '../tutor/scenario-aside.tsx';
import '../tutor/tutor.css';

// Only the new-conversation dialog shows these pickers: loaded with it, not with the conversation screen
// (whose first-load budget has no room for them).
const NewConversationOptions = lazy(async () => ({
  default: (await import('../tutor/new-conversation-options.tsx')).NewConversationOptions,
}));

/**
 * Extension points for the Tutor feature (feedback, personas, scenarios, goals). Each is a component
 * the conversation screens already render in the right place; today they render nothing. To add a
 * feature, fill in the component body here (or re-export one from `features/tutor/`): the screens need
 * no change, and the props below are all they are given.
 */

export type MessageExtrasProps = {
  message: Message;
  conversation: Conversation;
  /**
   * Events of the turn streamed during this visit that concern this message — today `feedback`, keyed
   * by its `learnerMessageId`. After a reload they are gone: read what the server stored with the
   * message instead (the Tutor feature extends `Message` in the contract).
   */
  events: readonly TurnEvent[];
  /**
   * Set where someone else reads the learner's conversation (an admin reading a child's transcript):
   * show the same things, but nothing that writes ("add to deck", revealing corrections, "Finish").
   */
  readOnly?: boolean | undefined;
};

/**
 * Rendered under every message, inside its bubble column (full width on phones). Meant for inline
 * corrections and a better phrasing under learner messages, or "listen" and "add to deck" buttons under
 * tutor messages. Keep it quiet while `message.status` is `streaming`.
 */
export function MessageExtras(props: MessageExtrasProps) {
  return (
    <>
      <MessageFeedback {...props} />
      {/* Listen and pronunciation practice under tutor replies: they write nothing, so transcripts have them too. */}
      <MessageSpeech message={props.message} conversation={props.conversation} />
    </>
  );
}

export type NewConversationExtrasProps = {
  language: string;
  level: CefrLevel;
  /** Extra fields merged into the `POST /api/conversations` body, e.g. `{ personaId, scenarioId }`. */
  value: Readonly<Record<string, unknown>>;
  onChange: (value: Record<string, unknown>) => void;
};

/**
 * Rendered inside the new-conversation dialog, after the language and level and before the title. Meant
 * for the persona, scenario and tutor-mode pickers: whatever they put in `value` is sent with the
 * create request (the server contract must accept those fields first). Use the shared form fields from
 * `components/form-field.tsx` so the dialog stays consistent.
 */
export function NewConversationExtras(props: NewConversationExtrasProps) {
  return (
    <Suspense fallback={null}>
      <NewConversationOptions {...props} />
    </Suspense>
  );
}

export type ConversationAsideProps = {
  conversation: Conversation;
  messages: readonly Message[];
  /** Turn events of this visit keyed by message id (feedback carries the scenario goals met). */
  events?: Readonly<Record<string, TurnEvent[]>>;
  /** As for `MessageExtras`: someone else's transcript, so nothing that writes. */
  readOnly?: boolean | undefined;
};

/**
 * Rendered beside the chat on wide screens and above the messages on phones, e.g. a scenario's goal
 * checklist. Return `<aside className="chat-aside" aria-label="…">…</aside>`: the layout makes room for
 * a `.chat-aside` when there is one, and the chat keeps the full width while this returns null.
 */
export function ConversationAside(props: ConversationAsideProps) {
  return <ScenarioAside {...props} />;
}
