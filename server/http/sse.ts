import type { FastifyReply, FastifyRequest } from 'fastify';

export type SseStream = {
  /** Writes one event as `event: <type>` plus one `data:` line of JSON; ignored once the client is gone. */
  send(event: { type: string }): void;
  /** Writes what this tick has sent now instead of at the tick's end (the reply's first token). */
  flush(): void;
  end(): void;
  /** Aborted when the client disconnects before the stream ends. */
  signal: AbortSignal;
};

/**
 * Takes the response over for Server-Sent Events. Fastify's reply is hijacked, so nothing after
 * this may use `reply.send`; errors must be sent as events.
 */
export function openSseStream(request: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Reverse proxies (nginx) must not buffer the stream.
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  // The head is not flushed on its own: it leaves with the first event, one system call instead of
  // two on the way to the reply's first token (a write on loopback cost about 0.3 ms here).
  const controller = new AbortController();
  let ended = false;
  raw.on('close', () => {
    if (!ended) controller.abort();
  });
  // Events sent in the same tick (a burst of reply deltas from one network chunk) leave in one
  // write: the socket is corked at the first and uncorked once the tick's work is done. A write per
  // event was a system call per token, the largest single item of a turn's CPU in a profile.
  let corked = false;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    raw.uncork();
  };
  return {
    signal: controller.signal,
    send(event) {
      if (raw.destroyed || raw.writableEnded) return;
      if (!corked) {
        corked = true;
        raw.cork();
        process.nextTick(uncork);
      }
      raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    },
    flush: uncork,
    end() {
      // What this tick sent goes out before the end of the stream.
      uncork();
      ended = true;
      if (!raw.writableEnded) raw.end();
    },
  };
}
