import type { Kysely } from 'kysely';
import type { TurnEvent } from '../../contracts/conversations.ts';
import type { Database } from '../../server/db/schema.ts';
import { newId } from '../../server/lib/ids.ts';
import { assertNoSecret, type TestClient } from './test-app.ts';

/** Creates a conversation as `client` and returns its id; anything but 201 fails the test. */
export async function startConversation(client: TestClient, body: Record<string, unknown>): Promise<string> {
  const created = await client.post('/api/conversations', body);
  if (created.status !== 201)
    throw new Error(`creating a conversation failed: ${created.status} ${created.text}`);
  return created.body.conversation.id;
}

export type TurnResult = { status: number; events: TurnEvent[]; body?: any };

/** Parses a text/event-stream body into the JSON of its `data:` lines. */
export function parseEvents(text: string): TurnEvent[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => Boolean(line))
    .map((line) => JSON.parse(line.slice(6)) as TurnEvent);
}

/**
 * Sends a learner message and reads the streamed turn. With `stopAfterDeltas`, the client goes away
 * after that many reply deltas, as a learner pressing stop does.
 */
export async function sendTurn(
  client: TestClient,
  conversationId: string,
  text: string,
  options: { stopAfterDeltas?: number; path?: string } = {},
): Promise<TurnResult> {
  const controller = new AbortController();
  const isRetry = (options.path ?? '').endsWith('/retry');
  const headers: Record<string, string> = isRetry ? {} : { 'content-type': 'application/json' };
  headers.cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  if (client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  const path = options.path ?? `/api/conversations/${conversationId}/messages`;
  const response = await fetch(`${client.baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: isRetry ? undefined : JSON.stringify({ text }),
    signal: controller.signal,
  });
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const body = await response.text();
    assertNoSecret('POST', path, body);
    return { status: response.status, events: [], body: JSON.parse(body) };
  }
  const events: TurnEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let deltas = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        const parsed = parseEvents(buffer.slice(0, boundary + 2));
        buffer = buffer.slice(boundary + 2);
        for (const event of parsed) {
          events.push(event);
          if (event.type === 'reply-delta') deltas += 1;
        }
        boundary = buffer.indexOf('\n\n');
      }
      if (options.stopAfterDeltas !== undefined && deltas >= options.stopAfterDeltas) {
        controller.abort();
        break;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  assertNoSecret('POST', path, JSON.stringify(events));
  return { status: response.status, events };
}

export const replyText = (events: TurnEvent[]) =>
  events
    .filter((event): event is Extract<TurnEvent, { type: 'reply-delta' }> => event.type === 'reply-delta')
    .map((event) => event.text)
    .join('');

/** Polls until `check` passes (background work such as a summary refresh or an abort settling). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Stores a learner message in a conversation directly (no model call), for tests that need a
 * message that exists without running a turn. Returns its id.
 */
export async function storeLearnerMessage(
  db: Kysely<Database>,
  input: { conversationId: string; text: string; at?: string },
): Promise<string> {
  const conversation = await db
    .selectFrom('conversations')
    .select('user_id')
    .where('id', '=', input.conversationId)
    .executeTakeFirstOrThrow();
  const id = newId();
  const at = input.at ?? new Date().toISOString();
  await db
    .insertInto('messages')
    .values({
      id,
      conversation_id: input.conversationId,
      user_id: conversation.user_id,
      role: 'learner',
      text: input.text,
      status: 'complete',
      failure_reason: null,
      failure_message: null,
      reply_to: null,
      provider: null,
      model: null,
      input_tokens: null,
      output_tokens: null,
      cache_read_tokens: null,
      cache_write_tokens: null,
      usage_estimated: null,
      latency_ms: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .updateTable('conversations')
    .set((eb) => ({ message_count: eb('message_count', '+', 1), last_message_at: at }))
    .where('id', '=', input.conversationId)
    .execute();
  return id;
}
