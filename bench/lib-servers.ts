import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** `npm start`'s server (no web build) as a child process, on a database and a fake LLM. */
export async function startServerProcess(env: Record<string, string>): Promise<Process> {
  const port = freePort();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'server/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SERVE_WEB: 'false',
      OLLAMA_DETECT: 'false',
      PASSWORD_HASH_LOG2_COST: '12',
      ...env,
    },
  });
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
export async function createLearners(url: string, count: number, language = 'es') {
  const password = 'benchmark password';
  const owner = await signUp(url, 'owner', password);
  const learners: Array<{ session: Session; conversationId: string }> = [];
  for (let index = 0; index < count; index++) {
    const username = `learner${index}`;
    await api(url, owner, 'POST', '/api/admin/members', { username, password });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const session = sessionFrom(login);
    const created = (await api(url, session, 'POST', '/api/conversations', { language })) as {
      conversation: { id: string };
    };
    learners.push({ session, conversationId: created.conversation.id });
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
 * Streams one turn and returns the time to the first reply delta and to the end (ms), reading the
 * SSE body as a browser would.
 */
export async function timedTurn(url: string, session: Session, conversationId: string, text: string) {
  const started = performance.now();
  const response = await fetch(`${url}/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (!response.ok || !response.body)
    throw new Error(`turn refused: ${response.status} ${await response.text()}`);
  let firstDelta = Number.NaN;
  let body = '';
  const decoder = new TextDecoder();
  for await (const chunk of readChunks(response.body)) {
    const text = decoder.decode(chunk, { stream: true });
    if (Number.isNaN(firstDelta) && text.includes('event: reply-delta'))
      firstDelta = performance.now() - started;
    body += text;
  }
  if (!body.includes('"status":"complete"')) throw new Error(`turn did not complete: ${body.slice(-300)}`);
  return { ttft: firstDelta, total: performance.now() - started };
}
