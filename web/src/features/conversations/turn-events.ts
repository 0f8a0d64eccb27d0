import type { MessageStatus, TurnEvent, Usage } from '../../../../contracts/conversations.ts';
import { type TurnFailureCode, turnFailureCodes } from '../../../../contracts/turn-failures.ts';
import type { ServerSentEvent } from '../../lib/event-stream.ts';

/*
 * The turn events are checked by hand rather than with the contract's zod schema: importing the schema
 * would pull the rest of zod into the chunk every page shares (about 12 kB gzip) for six small shapes.
 * `turn-events.test.ts` holds this guard to the contract's `turnEventSchema`, so the two cannot drift.
 */

type Fields = Record<string, unknown>;

const statuses: readonly MessageStatus[] = ['complete', 'partial', 'failed', 'streaming'];
const isString = (value: unknown): value is string => typeof value === 'string';
const stringOrNull = (value: unknown): string | null => (isString(value) ? value : null);

function isUsage(value: unknown): value is Usage {
  if (typeof value !== 'object' || value === null) return false;
  const usage = value as Fields;
  return (
    ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'].every(
      (key) => typeof usage[key] === 'number',
    ) && typeof usage.estimated === 'boolean'
  );
}

function toTurnEvent(fields: Fields): TurnEvent | null {
  switch (fields.type) {
    case 'accepted':
      return isString(fields.learnerMessageId) && isString(fields.tutorMessageId)
        ? {
            type: 'accepted',
            learnerMessageId: fields.learnerMessageId,
            tutorMessageId: fields.tutorMessageId,
          }
        : null;
    case 'reply-delta':
      return isString(fields.text) ? { type: 'reply-delta', text: fields.text } : null;
    case 'reply-end': {
      const status = statuses.find((candidate) => candidate === fields.status);
      if (!isString(fields.tutorMessageId) || !status) return null;
      return {
        type: 'reply-end',
        tutorMessageId: fields.tutorMessageId,
        status,
        usage: isUsage(fields.usage) ? fields.usage : null,
        provider: stringOrNull(fields.provider),
        model: stringOrNull(fields.model),
      };
    }
    case 'feedback':
      // The Tutor feature owns the rest of this payload (and checks it where it is shown): passed through.
      return isString(fields.learnerMessageId)
        ? ({ ...fields, type: 'feedback', learnerMessageId: fields.learnerMessageId } as Extract<
            TurnEvent,
            { type: 'feedback' }
          >)
        : null;
    case 'error':
      // A code this version does not know (a newer server) reads as the generic failure.
      return isString(fields.message)
        ? {
            type: 'error',
            code: (turnFailureCodes as readonly string[]).includes(fields.code as string)
              ? (fields.code as TurnFailureCode)
              : 'provider_error',
            message: fields.message,
          }
        : null;
    case 'done':
      return { type: 'done' };
    default:
      return null;
  }
}

/**
 * One event of a streamed turn, in the contract's shape. Returns null for anything the contract does not
 * describe (an event type added by a newer server, a malformed payload): a turn must never break because
 * the server learned something new, so such events are skipped, not thrown.
 */
export function parseTurnEvent(event: ServerSentEvent): TurnEvent | null {
  let payload: unknown;
  try {
    payload = JSON.parse(event.data);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  return toTurnEvent(payload as Fields);
}
