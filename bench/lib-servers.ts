import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgresCluster } from '../tests/harness/postgres-cluster.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Percentile of already-sorted numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

async function waitFor(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function freePort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}

export type Process = { url: string; child: ChildProcess; stop(): Promise<void> };

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** The fake LLM in its own process, like a real vendor on the other end of a socket. */
export async function startFakeProcess(args: string[] = []): Promise<Process> {
  const port = freePort();
  const child = spawn(
    process.execPath,
    ['tools/fake-llm/main.ts', '--port', String(port), '--no-record', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/__control/health`);
  return { url, child, stop: () => stopChild(child) };
}

/** bench/lib-ceiling-server.ts (Fastify doing none of Charla's work) as its own process. */
export async function startCeilingProcess(
  fakeUrl: string,
  /** A database's env (`Database.env`, already migrated by Charla's server) enables `/relay-hold`. */
  database?: Record<string, string>,
): Promise<Process> {
  const port = freePort();
  const child = spawn(process.execPath, ['bench/lib-ceiling-server.ts', String(port), fakeUrl], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    // Only what is given: a DATABASE_URL in the caller's environment must not switch /relay-hold on.
    env: { PATH: process.env.PATH ?? '', ...database },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health`);
  return { url, child, stop: () => stopChild(child) };
}

export type Database = { kind: 'sqlite' | 'postgres'; env: Record<string, string>; cleanup(): Promise<void> };

/** A fresh database: a temp SQLite directory, or a new database on a throwaway PostgreSQL cluster. */
export async function createBenchDatabase(kind: 'sqlite' | 'postgres'): Promise<Database> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
    return {
      kind,
      env: { DATA_DIR: dir },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const cluster = await startPostgresCluster();
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query('create database charla_bench');
  await client.end();
  const url = new URL(cluster.url);
  url.pathname = '/charla_bench';
  return {
    kind,
    env: { DATABASE_URL: url.toString(), DATA_DIR: '/nonexistent' },
    cleanup: () => cluster.stop(),
  };
}

/** Resident memory of a process, in MB, from /proc/<pid>/status. */
export function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? Number.NaN) / 1024;
}

/**
 * The memory settings `npm start` runs the server with (package.json, decisions 029 and 030): V8's
 * young generation capped at 16 MB semi-spaces, its old generation grown by at most 2× the live
 * heap, and glibc's malloc at two arenas. Kept in step with the start script, since what
 * `npm start` runs is what the benchmarks measure.
 */
const startNodeArgs = ['--max-semi-space-size=16', '--heap-growing-percent=100'];
const startEnv = { MALLOC_ARENA_MAX: '2' };

/** `npm start`'s server (no web build) as a child process, on a database and a fake LLM. */
export async function startServerProcess(env: Record<string, string>): Promise<Process> {
  const port = freePort();
  // BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server under load;
  // it comes after the start script's settings, so it may override them.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...startNodeArgs, ...nodeArgs, '--disable-warning=ExperimentalWarning', 'server/main.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        PATH: process.env.PATH ?? '',
        ...startEnv,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SERVE_WEB: 'false',
        OLLAMA_DETECT: 'false',
        PASSWORD_HASH_LOG2_COST: '12',
        ...env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`);
  return { url, child, stop: () => stopChild(child) };
}

/** A signed-in client for the benchmark's learners (cookie + CSRF header, as the web app sends). */
export type Session = { cookie: string; csrf: string };

export async function signUp(url: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return sessionFrom(response);
}

function sessionFrom(response: Response): Session {
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  const csrf = cookies.find((cookie) => cookie.startsWith('csrf_token='))?.slice('csrf_token='.length) ?? '';
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return { cookie: cookies.join('; '), csrf };
}

export async function api(url: string, session: Session, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Creates `count` learners with one conversation each; returns their sessions and conversation ids. */
export async function createLearners(
  url: string,
  count: number,
  language = 'es',
  conversation: Record<string, string> = {},
) {
  const password = 'benchmark password';
  const owner = await signUp(url, 'owner', password);
  const learners: Array<{ session: Session; conversationId: string; userId: string }> = [];
  for (let index = 0; index < count; index++) {
    const username = `learner${index}`;
    await api(url, owner, 'POST', '/api/admin/members', { username, password });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const session = sessionFrom(login);
    const { user } = (await login.json()) as { user: { id: string } };
    const created = (await api(url, session, 'POST', '/api/conversations', {
      language,
      ...conversation,
    })) as {
      conversation: { id: string };
    };
    learners.push({ session, conversationId: created.conversation.id, userId: user.id });
  }
  return learners;
}

/** The chunks of a fetch body (the DOM typings of ReadableStream have no async iterator). */
export async function* readChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * POSTs `body` to an SSE endpoint and reads the stream as a browser would; returns the time to the
 * first reply delta and to the end (ms), and the whole body.
 */
export async function timedStream(url: string, headers: Record<string, string>, body: unknown) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok || !response.body)
    throw new Error(`turn refused: ${response.status} ${await response.text()}`);
  let firstDelta = Number.NaN;
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of readChunks(response.body)) {
    const part = decoder.decode(chunk, { stream: true });
    if (Number.isNaN(firstDelta) && part.includes('event: reply-delta'))
      firstDelta = performance.now() - started;
    text += part;
  }
  return { ttft: firstDelta, total: performance.now() - started, body: text };
}

/** Streams one turn through Charla; throws unless the reply completed. */
export async function timedTurn(url: string, session: Session, conversationId: string, text: string) {
  const turn = await timedStream(
    `${url}/api/conversations/${conversationId}/messages`,
    { cookie: session.cookie, 'x-csrf-token': session.csrf },
    { text },
  );
  if (!turn.body.includes('"status":"complete"'))
    throw new Error(`turn did not complete: ${turn.body.slice(-300)}`);
  return { ttft: turn.ttft, total: turn.total };
}
