// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, eventStreamResponse, mockFetch } from '../test/dom.tsx';
import { ApiError } from './api-client.ts';
import { EventStreamParser, postEventStream, readEventStream, type ServerSentEvent } from './event-stream.ts';

function parseChunks(chunks: readonly string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = new EventStreamParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

const turn = [
  'event: accepted\ndata: {"type":"accepted","learnerMessageId":"l1","tutorMessageId":"t1"}\n\n',
  'event: reply-delta\ndata: {"type":"reply-delta","text":"¡Hola"}\n\n',
  'event: reply-delta\ndata: {"type":"reply-delta","text":", ¿qué tal?"}\n\n',
  'event: done\ndata: {"type":"done"}\n\n',
].join('');

const expected = [
  { event: 'accepted', data: '{"type":"accepted","learnerMessageId":"l1","tutorMessageId":"t1"}', id: null },
  { event: 'reply-delta', data: '{"type":"reply-delta","text":"¡Hola"}', id: null },
  { event: 'reply-delta', data: '{"type":"reply-delta","text":", ¿qué tal?"}', id: null },
  { event: 'done', data: '{"type":"done"}', id: null },
];

describe('event stream parser', () => {
  it('reads several events from one chunk', () => {
    expect(parseChunks([turn])).toEqual(expected);
  });

  it('gives the same events wherever the chunks are cut', () => {
    for (let cut = 0; cut <= turn.length; cut += 1) {
      expect(parseChunks([turn.slice(0, cut), turn.slice(cut)])).toEqual(expected);
    }
    for (let first = 1; first < turn.length; first += 7) {
      for (let second = first; second <= turn.length; second += 11) {
        expect(parseChunks([turn.slice(0, first), turn.slice(first, second), turn.slice(second)])).toEqual(
          expected,
        );
      }
    }
    // One character at a time: the worst case a slow connection can produce.
    expect(parseChunks([...turn])).toEqual(expected);
  });

  it('accepts CRLF and CR line ends, also with a CRLF split between chunks', () => {
    const crlf = turn.replaceAll('\n', '\r\n');
    for (let cut = 0; cut <= crlf.length; cut += 1) {
      expect(parseChunks([crlf.slice(0, cut), crlf.slice(cut)])).toEqual(expected);
    }
    expect(parseChunks([turn.replaceAll('\n', '\r')])).toEqual(expected);
  });

  it('joins multi-line data, skips comments, defaults the event name and drops an unfinished event', () => {
    const events = parseChunks([
      '\uFEFF: keep-alive\n',
      'data: first line\ndata:second line\n\n',
      'id: 7\nevent: note\ndata: x\n\n',
      'event: cut\ndata: never finished',
    ]);
    expect(events).toEqual([
      { event: 'message', data: 'first line\nsecond line', id: null },
      { event: 'note', data: 'x', id: '7' },
    ]);
  });

  it('decodes a character whose bytes are split across network chunks', async () => {
    const bytes = new TextEncoder().encode('data: ¿Qué tal, señor? 你好\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // One byte at a time cuts every multi-byte character in the middle.
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    await readEventStream(body, (event) => events.push(event));
    expect(events.map((event) => event.data)).toEqual(['¿Qué tal, señor? 你好']);
  });
});

describe('postEventStream', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('streams the events of an accepted request, with the CSRF header and an event-stream accept', async () => {
    const calls = mockFetch({
      'POST /api/conversations/c1/messages': (call) => {
        const stream = eventStreamResponse(call.signal);
        stream.write(turn.slice(0, 40));
        stream.write(turn.slice(40));
        stream.close();
        return stream.response;
      },
    });
    const events: ServerSentEvent[] = [];
    await postEventStream('/api/conversations/c1/messages', {
      body: { text: 'Hola' },
      onEvent: (event) => events.push(event),
    });
    expect(events).toEqual(expected);
    expect(calls[0]?.headers.accept).toBe('text/event-stream');
    expect(calls[0]?.body).toEqual({ text: 'Hola' });
  });

  it('throws the server’s error when the request is refused before the stream starts', async () => {
    mockFetch({
      'POST /api/conversations/c1/messages': () =>
        apiError(402, 'budget_exceeded', 'Your monthly budget of $5.00 is used up; it resets on 1 December.'),
    });
    const onEvent = vi.fn();
    const error = await postEventStream('/api/conversations/c1/messages', {
      body: { text: 'x' },
      onEvent,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 402, code: 'budget_exceeded' });
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('rejects with an AbortError when aborted mid-stream, after delivering what arrived', async () => {
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    mockFetch({
      'POST /api/conversations/c1/messages': (call) => {
        stream = eventStreamResponse(call.signal);
        return stream.response;
      },
    });
    const controller = new AbortController();
    const events: string[] = [];
    const done = postEventStream('/api/conversations/c1/messages', {
      body: { text: 'x' },
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event.event);
        if (event.event === 'reply-delta') controller.abort();
      },
    }).catch((caught: unknown) => caught);
    await vi.waitFor(() => expect(stream).not.toBeNull());
    stream!.write(turn);
    const error = await done;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(events).toEqual(['accepted', 'reply-delta']);
  });
});
