// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  maxMessageLength as contractMaxLength,
  turnEventSchema,
} from '../../../../contracts/conversations.ts';
import { maxMessageLength } from './limits.ts';
import { parseTurnEvent } from './turn-events.ts';

const sse = (data: unknown, event = 'message') => ({
  event,
  data: typeof data === 'string' ? data : JSON.stringify(data),
  id: null,
});

const valid = [
  { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' },
  { type: 'reply-delta', text: 'Hola' },
  { type: 'error', code: 'provider_error', message: 'The provider stopped answering.' },
  {
    type: 'reply-end',
    tutorMessageId: 't1',
    status: 'partial',
    usage: { inputTokens: 10, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, estimated: true },
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
  },
  { type: 'reply-end', tutorMessageId: 't1', status: 'failed', usage: null, provider: null, model: null },
  { type: 'done' },
];

describe('turn events', () => {
  it('reads every event of the contract as the contract does', () => {
    for (const event of valid) {
      expect(turnEventSchema.parse(event)).toEqual(event);
      expect(parseTurnEvent(sse(event, event.type))).toEqual(event);
    }
  });

  it('passes a feedback event through whole, for the Tutor feature', () => {
    const event = { type: 'feedback', learnerMessageId: 'l1', corrections: [{ original: 'a' }] };
    expect(parseTurnEvent(sse(event))).toEqual(event);
  });

  it('ignores unknown event types and malformed payloads instead of failing the turn', () => {
    expect(parseTurnEvent(sse({ type: 'goal-progress', goals: ['order'] }))).toBeNull();
    expect(parseTurnEvent(sse({ text: 'no type' }))).toBeNull();
    expect(parseTurnEvent(sse({ type: 'reply-delta' }))).toBeNull();
    expect(parseTurnEvent(sse({ type: 'reply-end', tutorMessageId: 't', status: 'weird' }))).toBeNull();
    expect(parseTurnEvent(sse('not json {'))).toBeNull();
    expect(parseTurnEvent(sse('[1,2]'))).toBeNull();
    expect(parseTurnEvent(sse('null'))).toBeNull();
  });

  it('uses the same message length limit as the server', () => {
    expect(maxMessageLength).toBe(contractMaxLength);
  });
});
