/**
 * The ceiling the conversation benchmarks are read against: a Fastify server doing none of
 * Charla's work, run as its own process and loaded by the same client as the real server.
 *
 *   POST /bare   streams accepted, 20 reply-delta events and done: a bare SSE endpoint.
 *   POST /relay  streams one reply from the fake LLM through the Anthropic adapter (`doStream`,
 *                as the gateway calls it): no database, no session, no budget, no feedback.
 *
 * Usage: node bench/lib-ceiling-server.ts <port> <fake-llm-url>
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import Fastify from 'fastify';

const [portArgument, fakeUrl] = process.argv.slice(2);
const model = createAnthropic({ apiKey: 'bench-key', baseURL: `${fakeUrl}/anthropic/v1` })(
  'claude-haiku-4-5',
);
const app = Fastify({ logger: false });

function sse(raw: import('node:http').ServerResponse) {
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  return (event: { type: string; [key: string]: unknown }) =>
    raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

app.get('/health', async () => ({ ok: true }));

app.post('/bare', (_request, reply) => {
  reply.hijack();
  const send = sse(reply.raw);
  send({ type: 'accepted' });
  for (let index = 0; index < 20; index++) send({ type: 'reply-delta', text: `palabra${index} ` });
  send({ type: 'reply-end', status: 'complete' });
  send({ type: 'done' });
  reply.raw.end();
});

app.post('/relay', async (request, reply) => {
  reply.hijack();
  const send = sse(reply.raw);
  send({ type: 'accepted' });
  const { text } = request.body as { text: string };
  const { stream } = await model.doStream({
    prompt: [
      { role: 'system', content: 'You are a friendly Spanish tutor.' },
      { role: 'user', content: [{ type: 'text', text }] },
    ],
    maxOutputTokens: 600,
  });
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (value.type === 'text-delta') send({ type: 'reply-delta', text: value.delta });
  }
  send({ type: 'reply-end', status: 'complete' });
  send({ type: 'done' });
  reply.raw.end();
});

await app.listen({ host: '127.0.0.1', port: Number(portArgument) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
