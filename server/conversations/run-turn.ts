import type { TurnEvent } from '../../contracts/conversations.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { translate } from '../i18n/messages.ts';
import { acceptOpening, assertProvider } from '../tutor/conversation-setup.ts';
import { type FeedbackDeps, startTurnFeedback } from '../tutor/feedback.ts';
import { loadTutorContext } from '../tutor/tutor-context.ts';
import { findOwnConversation } from './conversations.ts';
import { promptBytes } from './memory.ts';
import { type AcceptedTurn, composeReplyPrompt, streamTutorReply, type TurnDeps } from './turn.ts';
import { holdReplyBudget } from './turn-hold.ts';

/**
 * Accepts the tutor's opening of a conversation that has no messages: like a turn, the exact
 * prompt, then the hold — a refusal (402) comes before the placeholder is stored.
 */
export async function acceptOpeningTurn(
  deps: TurnDeps,
  input: { userId: string; conversationId: string },
): Promise<AcceptedTurn> {
  const conversation = await findOwnConversation(deps.db, input.userId, input.conversationId);
  assertProvider(deps.gateway.isAvailable('conversation', conversation.language));
  const prompt = await composeReplyPrompt(deps, input.userId, conversation);
  const hold = await holdReplyBudget(
    deps,
    { userId: input.userId, conversationId: conversation.id, language: conversation.language },
    promptBytes(prompt.memory),
  );
  const { tutorMessageId } = await acceptOpening(deps.db, deps.clock, {
    userId: input.userId,
    conversation,
    ownerId: deps.ownerId,
  }).catch(async (error: unknown) => {
    await hold?.release();
    throw error;
  });
  return { userId: input.userId, conversation, learnerMessageId: '', tutorMessageId, hold, prompt };
}

/**
 * Runs an accepted turn to its end as events: accepted, the reply's deltas and end, the analysis
 * of the learner's message, done. The analysis starts once the reply's request has gone out (after
 * the reply on a single-slot local model) and its first token has been sent, and is sent after
 * reply-end, so it never holds the reply back. Anything unexpected ends the turn with an error event — the learner's message is stored.
 */
export async function runTurn(
  deps: TurnDeps & { feedback: FeedbackDeps; log?: { error(object: unknown, message: string): void } },
  turn: AcceptedTurn,
  options: { signal: AbortSignal; emit(event: TurnEvent): void; language?: InterfaceLanguage },
): Promise<void> {
  const { emit } = options;
  const language = options.language ?? 'en';
  // An opening has no learner message (its learnerMessageId is ''): nothing to analyse.
  const isOpening = turn.learnerMessageId === '';
  // `accepted` goes out before the provider is called, in its own write (with the stream's head):
  // the web app renders the streaming placeholder from it at once, however long the provider (a
  // local model on a CPU: seconds) takes to its first token. Held back until the provider's request
  // had gone out, it made no measurable difference to the first token here.
  emit({ type: 'accepted', learnerMessageId: turn.learnerMessageId, tutorMessageId: turn.tutorMessageId });
  try {
    const tutor =
      turn.prompt?.tutor ?? (await loadTutorContext(deps.db, deps.clock, turn.userId, turn.conversation));
    let feedback: ReturnType<typeof startTurnFeedback> | undefined;
    const startFeedback = () => {
      if (isOpening || feedback) return;
      feedback = startTurnFeedback(deps.feedback, {
        userId: turn.userId,
        conversationId: turn.conversation.id,
        language: turn.conversation.language,
        learnerMessageId: turn.learnerMessageId,
        newLearnerText: turn.learnerText,
        previousTutorText: turn.prompt?.memory.previousTutorText,
        tutor,
        readerLanguage: language,
      });
    };
    // The analysis starts once the reply's request has gone out (after the reply on a single-slot
    // local model) AND its first token is on its way to the learner: the analysis's own setup (its
    // prompt, its hold, its request) then never sits between the provider's first token and the
    // learner. It is sent after reply-end anyway; starting it one first-token time later rarely
    // delays it.
    let requestSent = false;
    let firstDelta = false;
    const startWhenReady = () => {
      if (requestSent && firstDelta) setImmediate(startFeedback);
    };
    await streamTutorReply(deps, turn, {
      signal: options.signal,
      emit,
      tutor,
      onRequestSent: () => {
        requestSent = true;
        startWhenReady();
      },
      onFirstDelta: () => {
        firstDelta = true;
        startWhenReady();
      },
      language,
    });
    startFeedback();
    if (feedback) emit(await feedback.result());
  } catch (error) {
    deps.log?.error({ err: error }, 'turn failed after acceptance');
    emit({
      type: 'error',
      code: 'internal_error',
      message: translate(language, 'errors.turnFailed'),
    });
  } finally {
    // The reply's call took the turn's budget hold; if it never got that far, the hold goes back.
    await turn.hold?.release();
    emit({ type: 'done' });
  }
}
