/**
 * The ceiling the conversation benchmarks are read against: a Fastify server doing none of
 * Charla's work, run as its own process and loaded by the same client as the real server.
 *
 *   POST /bare   streams accepted, 20 reply-delta events and done: a bare SSE endpoint.
 *   POST /relay  streams one reply from the fake LLM through the Anthropic adapter (`doStream`,
 *                as the gateway calls it): no database, no session, no budget, no feedback.
 *   POST /relay-hold  the same, after holding the reply's maximum cost on Charla's budget (its
 *                own meter and statement, `{ text, userId }` naming a member of Charla's database),
 *                released once the reply ends: the least work any design that reserves before the
 *                call adds (decision 031). Only when started with DATA_DIR or DATABASE_URL, after
 *                Charla's server has migrated that database.
 *
 * Usage: node bench/lib-ceiling-server.ts <port> <fake-llm-url>
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import Fastify from 'fastify';
import { createBudgetMeter } from '../server/budget/meter.ts';
import { createPriceTable, maximumCallCost } from '../server/budget/prices.ts';
import { loadConfig } from '../server/config.ts';
import { connectDatabase } from '../server/db/connect.ts';
import { systemClock } from '../server/lib/clock.ts';

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

/** Holds a reply's maximum on Charla's budget; undefined when no database was given. */
function budgetHolds() {
  if (!process.env.DATA_DIR && !process.env.DATABASE_URL) return undefined;
  const config = loadConfig(process.env);
  const database = connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: 2,
  });
  const meter = createBudgetMeter({
    db: database.db,
    kind: database.kind,
    config,
    clock: systemClock,
    prices: createPriceTable({ fallback: config.PRICE_FALLBACK }),
  });
  const link = { provider: 'anthropic', model: 'claude-haiku-4-5', local: false };
  return async (userId: string, text: string) => {
    const reservation = await meter.reserve(
      { userId, purpose: 'reply', role: 'conversation', language: 'es' },
      link,
      maximumCallCost(meter.priceOf(link).rates, {
        promptBytes: Buffer.byteLength(text) + 64,
        maxOutputTokens: 600,
      }),
    );
    return { release: () => meter.release(reservation) };
  };
}
const hold = budgetHolds();

app.post('/relay', async (request, reply) => {
  reply.hijack();
  await relay(request.body as { text: string }, reply.raw);
});

app.post('/relay-hold', async (request, reply) => {
  const body = request.body as { text: string; userId: string };
  if (!hold) return reply.code(404).send({ error: 'started without a database' });
  const reservation = await hold(body.userId, body.text);
  try {
    reply.hijack();
    await relay(body, reply.raw);
  } finally {
    await reservation.release();
  }
});

async function relay(body: { text: string }, raw: import('node:http').ServerResponse) {
  const send = sse(raw);
  send({ type: 'accepted' });
  const { text } = body;
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
  raw.end();
}

await app.listen({ host: '127.0.0.1', port: Number(portArgument) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
