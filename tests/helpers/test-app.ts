import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { connectDatabase, type DatabaseHandle } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { type Clock, createManualClock } from '../../server/lib/clock.ts';
import { createLlm, type Llm } from '../../server/model-calls.ts';
import type { ReadingFetch } from '../../server/reading/fetch-url.ts';
import { createTestDatabase } from '../harness/test-database.ts';

export type TestApp = {
  url: string;
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  clock: ReturnType<typeof createManualClock>;
  llm: Llm;
  client(): TestClient;
  close(): Promise<void>;
};

/**
 * A real Charla server on 127.0.0.1 with a fresh database (SQLite or PostgreSQL as TEST_DB says),
 * a manual clock and quiet logs. Tests talk to it over real HTTP.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    clock?: ReturnType<typeof createManualClock>;
    /** Overrides TEST_DB for this app. */
    database?: 'sqlite' | 'postgres';
    /** Serve this folder as the built web app (SERVE_WEB on). */
    webRoot?: string;
    /** The reading room's URL policy (API tests allow exactly their own loopback server). */
    readingFetch?: ReadingFetch;
  } = {},
): Promise<TestApp> {
  const place = await createTestDatabase(options.database);
  for (const name of ['ANTHROPIC_API_KEY', 'MISTRAL_API_KEY', 'CHARLA_SECRET'])
    rememberSecret(options.env?.[name]);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SERVE_WEB: options.webRoot ? 'true' : 'false',
    PASSWORD_HASH_LOG2_COST: '10',
    NODE_ENV: 'test',
    // A background title call would take scripted replies and budget that tests count; the title
    // tests turn it on.
    AUTO_TITLES: 'false',
    ...(place.kind === 'sqlite'
      ? { DATA_DIR: place.dataDir }
      : { DATABASE_URL: place.databaseUrl, DATA_DIR: '/nonexistent' }),
    ...options.env,
  });
  const database = connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: 10,
  });
  await migrateToLatest(database.db);
  const clock = options.clock ?? createManualClock('2026-11-24T10:00:00.000Z');
  const llm = await createLlm(config, database, clock as Clock, { random: () => 0.5 });
  const app = await buildApp({
    config,
    database,
    clock: clock as Clock,
    llm,
    webRoot: options.webRoot,
    ...(options.readingFetch ? { readingFetch: options.readingFetch } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    database,
    config,
    clock,
    llm,
    client: () => new TestClient(url),
    close: async () => {
      await app.close();
      await llm.close();
      await database.close();
      await place.cleanup();
    },
  };
}

/*
 * Secrets must never come back in a response. Every key a test sends (any `apiKey` field of a JSON
 * body) and every vendor key or secret a test app is started with is remembered, and every
 * response any TestClient receives is checked for all of them: the check covers the whole suite.
 */
const knownSecrets = new Set<string>();

/** Remembers a secret that no response may contain (short test placeholders are ignored). */
export function rememberSecret(secret: string | undefined) {
  if (secret && secret.length >= 8) knownSecrets.add(secret);
}

function collectApiKeys(value: unknown) {
  if (Array.isArray(value)) for (const item of value) collectApiKeys(item);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (key === 'apiKey' && typeof item === 'string') rememberSecret(item.trim());
      else collectApiKeys(item);
    }
}

/** Fails when a response body holds a remembered secret (also used by the turn-stream reader). */
export function assertNoSecret(method: string, path: string, text: string) {
  for (const secret of knownSecrets)
    if (text.includes(secret))
      throw new Error(`${method} ${path} returned a secret (…${secret.slice(-4)}) in its response body`);
}

export type TestResponse<T = any> = {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  setCookies: string[];
};

/** A browser-like client: keeps cookies and sends the CSRF header on writes, as the web app does. */
export class TestClient {
  readonly baseUrl: string;
  readonly cookies = new Map<string, string>();
  /** Set false to behave like a cross-site form that cannot read the CSRF cookie. */
  sendCsrf = true;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  get csrfToken(): string | undefined {
    return this.cookies.get('csrf_token');
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (this.sendCsrf && method !== 'GET' && this.csrfToken && !('x-csrf-token' in headers)) {
      headers['x-csrf-token'] = this.csrfToken;
    }
    let body: string | Buffer | undefined = options.body;
    if (options.json !== undefined) {
      collectApiKeys(options.json);
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
    });
    const setCookies = response.headers.getSetCookie();
    for (const cookie of setCookies) {
      const [pair = ''] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    assertNoSecret(method, path, text);
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text, setCookies };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, json?: unknown) {
    return this.request<T>('POST', path, json === undefined ? {} : { json });
  }
  patch<T = any>(path: string, json: unknown) {
    return this.request<T>('PATCH', path, { json });
  }
  put<T = any>(path: string, json: unknown) {
    return this.request<T>('PUT', path, { json });
  }
  delete<T = any>(path: string, json?: unknown) {
    return this.request<T>('DELETE', path, json === undefined ? {} : { json });
  }
}

export const defaultPassword = 'correct horse battery staple';

/** Signs up the owner (the first account) and returns a signed-in client. */
export async function signUpOwner(testApp: TestApp, username = 'owner'): Promise<TestClient> {
  const client = testApp.client();
  const response = await client.post('/api/auth/signup', { username, password: defaultPassword });
  if (response.status !== 201) throw new Error(`owner sign-up failed: ${response.status} ${response.text}`);
  return client;
}

/** As an admin, creates a member and returns a client signed in as that member, plus its id. */
export async function createMember(
  testApp: TestApp,
  admin: TestClient,
  input: { username: string; role?: 'admin' | 'learner'; isChild?: boolean },
): Promise<{ client: TestClient; id: string }> {
  const created = await admin.post('/api/admin/members', { password: defaultPassword, ...input });
  if (created.status !== 201) throw new Error(`member creation failed: ${created.status} ${created.text}`);
  const client = testApp.client();
  const login = await client.post('/api/auth/login', { username: input.username, password: defaultPassword });
  if (login.status !== 200) throw new Error(`member login failed: ${login.status} ${login.text}`);
  return { client, id: created.body.member.id };
}

/** Completes onboarding so feature routes behave as for a real learner. */
export async function onboard(client: TestClient, target = 'es', level = 'A2', native = 'en'): Promise<void> {
  const response = await client.patch('/api/me/profile', {
    nativeLanguage: native,
    targetLanguages: [{ language: target, level }],
    dailyGoalMinutes: 15,
    completeOnboarding: true,
  });
  if (response.status !== 200) throw new Error(`onboarding failed: ${response.status} ${response.text}`);
}

/**
 * Settings that point all three provider kinds at a fake LLM: Anthropic, Mistral, and an
 * OpenAI-compatible endpoint named `local` (model `llama-test`), plus any extra endpoints.
 */
export function fakeProviderEnv(
  fake: { anthropicBaseURL: string; mistralBaseURL: string; openaiBaseURL: string },
  extraEndpoints: Array<{ name: string; models: string[]; parallel?: boolean }> = [],
): Record<string, string> {
  return {
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
    MISTRAL_API_KEY: 'test-key',
    MISTRAL_BASE_URL: fake.mistralBaseURL,
    OPENAI_COMPATIBLE_ENDPOINTS: JSON.stringify(
      [{ name: 'local', models: ['llama-test'] }, ...extraEndpoints].map((endpoint) => ({
        ...endpoint,
        baseURL: fake.openaiBaseURL,
      })),
    ),
  };
}
