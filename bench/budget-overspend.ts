import { createPriceTable, maximumCallCost } from '../server/budget/prices.ts';
import { loadConfig } from '../server/config.ts';
import {
  api,
  createBenchDatabase,
  type Process,
  type Session,
  signUp,
  startFakeProcess,
  startServerProcess,
} from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/*
 * Goal (architecture, "Zero overspend"): 200 concurrent requests against a nearly exhausted
 * budget, across two server processes on one PostgreSQL, never push spend past the cap.
 * Each round: a fresh member whose cap covers about ten replies at their reserved maximum, 200
 * concurrent turns spread over the processes, then the ledger total against the cap.
 */

const requests = 200;
const rounds = 3;
const password = 'benchmark password';
const text = 'Hola, ¿qué tal estás hoy?';

/** About one reply's hold: a short conversation's exact prompt stays under 8 KiB with the new text. */
function replyHold(): number {
  const config = loadConfig({});
  const rates = createPriceTable({}).resolve({ provider: 'anthropic', model: 'claude-haiku-4-5' }).rates;
  return maximumCallCost(rates, {
    promptBytes: 8192 + Buffer.byteLength(text),
    maxOutputTokens: config.REPLY_MAX_OUTPUT_TOKENS,
    cacheWrite: '5m',
  });
}

async function login(url: string, username: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  const csrf = cookies.find((cookie) => cookie.startsWith('csrf_token='))?.slice('csrf_token='.length) ?? '';
  return { cookie: cookies.join('; '), csrf };
}

/** One turn: 'accepted' (a complete reply), 'refused' (the clear 402), or 'other'. */
async function turn(url: string, session: Session, conversationId: string) {
  const response = await fetch(`${url}/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body = await response.text();
  if (response.status === 402 && body.includes('"budget_exceeded"') && body.includes('monthly AI budget'))
    return 'refused' as const;
  if (response.status === 200 && body.includes('"status":"complete"')) return 'accepted' as const;
  return 'other' as const;
}

async function round(servers: Process[], owner: Session, index: number, cap: number) {
  const url = servers[0]!.url;
  const username = `racer${index}`;
  const created = (await api(url, owner, 'POST', '/api/admin/members', { username, password })) as {
    member: { id: string };
  };
  const session = await login(url, username);
  await api(url, session, 'PATCH', '/api/me/profile', {
    nativeLanguage: 'en',
    targetLanguages: [{ language: 'es', level: 'A2' }],
    dailyGoalMinutes: 15,
    completeOnboarding: true,
  });
  const conversation = (await api(url, session, 'POST', '/api/conversations', { language: 'es' })) as {
    conversation: { id: string };
  };
  await api(url, owner, 'PUT', `/api/admin/members/${created.member.id}/budget`, { monthlyCapMicros: cap });
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: requests }, (_, request) =>
      turn(servers[request % servers.length]!.url, session, conversation.conversation.id),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  // Feedback calls settle just after their turn's stream ends.
  let member: { spentMicros: number; reservedMicros: number } | undefined;
  for (let attempt = 0; attempt < 100; attempt++) {
    const usage = (await api(url, owner, 'GET', '/api/admin/usage')) as {
      members: Array<{ id: string; spentMicros: number; reservedMicros: number }>;
    };
    member = usage.members.find((candidate) => candidate.id === created.member.id);
    if (member && member.reservedMicros === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    accepted: outcomes.filter((outcome) => outcome === 'accepted').length,
    refused: outcomes.filter((outcome) => outcome === 'refused').length,
    other: outcomes.filter((outcome) => outcome === 'other').length,
    spent: member?.spentMicros ?? Number.NaN,
    reservedLeft: member?.reservedMicros ?? Number.NaN,
    seconds,
  };
}

/**
 * `computed`: the fake reports usage from what it received (ceil(bytes / 4)), so replies cost far
 * less than their reservation and the holds are what refuses. `heavy`: every reply reports 1,000
 * cache-write tokens and the full 600-token output cap, close to its maximum, so spending itself
 * runs into the cap while requests keep arriving.
 */
type Scenario = 'computed' | 'heavy';

async function measure(kind: 'sqlite' | 'postgres', scenario: Scenario): Promise<BenchRow> {
  const processes = kind === 'postgres' ? 2 : 1;
  const database = await createBenchDatabase(kind);
  const fake = await startFakeProcess(['--token-delay-ms', '5']);
  const servers: Process[] = [];
  try {
    const env = {
      ...database.env,
      ANTHROPIC_API_KEY: 'bench-key',
      ANTHROPIC_BASE_URL: `${fake.url}/anthropic/v1`,
      LLM_MAX_RETRIES: '0',
    };
    // One at a time: the first migrates, the next finds the database ready.
    for (let index = 0; index < processes; index++) servers.push(await startServerProcess(env));
    if (scenario === 'heavy') {
      const scripted = await fetch(`${fake.url}/__control/script`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          provider: 'anthropic',
          structured: false,
          usage: { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 1000, outputTokens: 600 },
          times: 'always',
        }),
      });
      if (!scripted.ok) throw new Error(`could not script the fake: ${scripted.status}`);
    }
    const owner = await signUp(servers[0]!.url, 'owner', password);
    const cap = replyHold() * 10 + 1000;
    const results: Array<Awaited<ReturnType<typeof round>>> = [];
    for (let index = 0; index < rounds; index++) results.push(await round(servers, owner, index, cap));
    const sum = (pick: (result: (typeof results)[number]) => number) =>
      results.reduce((total, result) => total + pick(result), 0);
    const maxSpent = Math.max(...results.map((result) => result.spent));
    const overspend = Math.max(0, ...results.map((result) => result.spent - cap));
    return {
      benchmark: 'zero overspend',
      database: kind,
      usage: scenario,
      processes,
      rounds,
      requests_per_round: requests,
      cap_micros: cap,
      accepted: sum((result) => result.accepted),
      refused_402: sum((result) => result.refused),
      other: sum((result) => result.other),
      max_spent_micros: maxSpent,
      max_spent_pct_of_cap: Math.round((maxSpent / cap) * 1000) / 10,
      overspend_micros: overspend,
      reserved_left_micros: sum((result) => result.reservedLeft),
      seconds_per_round: sum((result) => result.seconds) / rounds,
      goal: 'overspend 0, every refusal a clear 402',
      pass:
        overspend === 0 && sum((result) => result.other) === 0 && sum((result) => result.reservedLeft) === 0,
    };
  } finally {
    for (const server of servers) await server.stop();
    await fake.stop();
    await database.cleanup();
  }
}

export default async function budgetOverspend(options: {
  databases: Array<'sqlite' | 'postgres'>;
}): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const scenario of ['computed', 'heavy'] as const) {
    for (const kind of options.databases) rows.push(await measure(kind, scenario));
  }
  return rows;
}
