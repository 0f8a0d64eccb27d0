import { translate } from '../i18n/i18n.ts';
import { ApiError, send } from './api-client.ts';
/**
 * A Server-Sent Events reader for `fetch` responses. `EventSource` cannot POST, send the CSRF header or
 * be aborted per request, so streamed turns are read from a fetch body with this parser instead.
 * It follows the WHATWG "event stream interpretation" rules that matter here: LF, CR or CRLF line ends
 * (also when a CRLF is split between two chunks), multi-line `data:`, comments, and dropping an
 * unterminated event at the end of the stream.
 */

export type ServerSentEvent = {
  /** The `event:` field, or `message` when the event had none. */
  event: string;
  /** Every `data:` line of the event, joined with "\n". */
  data: string;
  /** The last `id:` seen on the stream, or null. */
  id: string | null;
};

export class EventStreamParser {
  private buffer = '';
  private dataLines: string[] = [];
  private eventType = '';
  private lastEventId: string | null = null;
  private started = false;
  private readonly onEvent: (event: ServerSentEvent) => void;

  constructor(onEvent: (event: ServerSentEvent) => void) {
    this.onEvent = onEvent;
  }

  /** Feeds decoded text; chunk boundaries may fall anywhere, even inside a field name or a CRLF. */
  push(chunk: string): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      // A byte order mark may open the stream; it is not part of the first field name.
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
    }
    this.buffer += chunk;
    let start = 0;
    while (start < this.buffer.length) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A CR at the very end may be the first half of a CRLF: wait for the next chunk to decide.
        if (cr === this.buffer.length - 1) break;
        end = cr;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.line(this.buffer.slice(start, end));
      start = next;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** The stream ended: a pending lone CR still ends its line, but an event without its blank line is dropped. */
  end(): void {
    if (this.buffer.endsWith('\r')) this.line(this.buffer.slice(0, -1));
    this.buffer = '';
    this.dataLines = [];
    this.eventType = '';
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return; // A comment, e.g. a keep-alive.
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataLines.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
        // `retry` and unknown fields: nothing to do for a one-shot stream.
        break;
    }
  }

  private dispatch(): void {
    if (this.dataLines.length > 0) {
      this.onEvent({
        event: this.eventType === '' ? 'message' : this.eventType,
        data: this.dataLines.join('\n'),
        id: this.lastEventId,
      });
    }
    this.dataLines = [];
    this.eventType = '';
  }
}

/**
 * Reads a response body to its end, calling `onEvent` for each event in order. Bytes are decoded in
 * streaming mode so that a multi-byte character split across network chunks arrives whole. Rejects
 * with the reader's error (an AbortError when the request's signal was aborted).
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerSentEvent) => void,
): Promise<void> {
  const parser = new EventStreamParser(onEvent);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end();
  } finally {
    reader.releaseLock();
  }
}

export type StreamOptions = {
  body?: unknown;
  signal?: AbortSignal;
  /** Called for each event as it arrives, in order. */
  onEvent: (event: ServerSentEvent) => void;
};

/**
 * POSTs and reads a `text/event-stream` answer to its end. A refusal before the stream starts is an
 * ordinary error response, so it throws the same `ApiError` as every other call (the caller can keep the
 * learner's draft). Aborting `signal` rejects with the browser's AbortError, during the request or in
 * the middle of the stream; a connection lost mid-stream becomes an `ApiError` with code
 * `stream_interrupted`.
 */
export async function postEventStream(path: string, options: StreamOptions): Promise<void> {
  const response = await send('POST', path, {
    body: options.body,
    signal: options.signal,
    accept: 'text/event-stream',
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream') || !response.body) {
    throw new ApiError(response.status, 'invalid_response', translate('common.errors.unreadable'));
  }
  // A listener that throws is a bug in the app, not a lost connection: it surfaces as itself.
  let listenerFailed = false;
  const onEvent = (event: ServerSentEvent) => {
    // Events already in the buffer when the caller aborted are not theirs any more: Stop means stop.
    if (options.signal?.aborted) return;
    try {
      options.onEvent(event);
    } catch (error) {
      listenerFailed = true;
      throw error;
    }
  };
  try {
    await readEventStream(response.body, onEvent);
  } catch (error) {
    if (listenerFailed || options.signal?.aborted) throw error;
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'stream_interrupted', translate('common.errors.streamLost'));
  }
}
