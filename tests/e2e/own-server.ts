import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, expect } from '@playwright/test';

/**
 * A Charla server of a journey's own, for journeys that need a configuration the shared e2e server
 * does not have (no provider, a downgrade chain): it gets a fresh data folder and a free port, and
 * is stopped and removed by `stop()`, so nothing it changes can reach another journey.
 */
export type OwnServer = { base: string; dataDir: string; stop: () => Promise<void> };

export const root = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startOwnServer(
  name: string,
  env: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
): Promise<OwnServer> {
  const dataDir = await mkdtemp(join(tmpdir(), `charla-e2e-${name}-`));
  await prepare?.(dataDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'server/main.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      // Only what a fresh install has, plus what the journey asks for: no key, no secret by default.
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        OLLAMA_DETECT: 'false',
        LOG_LEVEL: 'warn',
        ...env,
      },
    },
  );
  async function stop() {
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, dataDir, stop };
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`the journey’s own server (${name}) did not start`);
}

/**
 * Creates the owner of a fresh server through the API and onboards them; `request` is left signed
 * in as the owner. Returns the CSRF token for further calls.
 */
export async function createOwnerByApi(
  request: APIRequestContext,
  base: string,
  username: string,
  password: string,
): Promise<string> {
  const signup = await request.post(`${base}/api/auth/signup`, { data: { username, password } });
  expect(signup.status(), await signup.text()).toBe(201);
  const csrf = ((await signup.json()) as { csrfToken: string }).csrfToken;
  const onboarded = await request.patch(`${base}/api/me/profile`, {
    data: {
      nativeLanguage: 'en',
      targetLanguages: [{ language: 'es', level: 'A2' }],
      dailyGoalMinutes: 15,
      completeOnboarding: true,
    },
    headers: { 'x-csrf-token': csrf },
  });
  expect(onboarded.ok()).toBe(true);
  return csrf;
}
