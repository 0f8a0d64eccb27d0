import { useMemo } from 'react';
import type { Conversation, Message } from '../../../../contracts/conversations.ts';
import { ListenButton } from './listen-button.tsx';
import { PractiseToggle } from './practise-toggle.tsx';
import { speechSentences } from './speech-text.ts';

/** The owner key of a reply's speech: the reply's Listen button and voice mode share it. */
export function replySpeechOwner(messageId: string): string {
  return `reply:${messageId}`;
}

/**
 * Under a tutor reply: Listen, and "Practise saying this" with the reply's sentences to choose from.
 * Nothing while it streams, and nothing for a reply with no text (a failure's message is never spoken).
 */
export function MessageSpeech({ message, conversation }: { message: Message; conversation: Conversation }) {
  const settled = message.role === 'tutor' && message.status !== 'streaming' && message.text.trim() !== '';
  // Every bubble re-renders with each delta of a streaming reply: split a settled reply once.
  const sentences = useMemo(
    () => (settled ? speechSentences(message.text, { final: true }).sentences : []),
    [settled, message.text],
  );
  if (!settled) return null;
  const owner = replySpeechOwner(message.id);
  return (
    <div className="speech-actions">
      <ListenButton text={message.text} language={conversation.language} owner={owner} />
      <PractiseToggle sentences={sentences} language={conversation.language} owner={owner} />
    </div>
  );
}
