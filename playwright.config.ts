import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { clearVendorEnvironment } from './tests/harness/vendor-environment.ts';

// Overridable so that two checkouts on one machine can run their journeys at the same time.
const fakeLlmPort = Number(process.env.E2E_FAKE_LLM_PORT ?? 4610);
const appPort = Number(process.env.E2E_APP_PORT ?? 3610);
const baseURL = `http://127.0.0.1:${appPort}`;

// The web servers inherit this process's environment: a developer's real vendor keys must not
// reach the app under test.
clearVendorEnvironment();

// Playwright evaluates this file again in every worker process; the environment variable makes them
// all agree on the directory the main process created (and that one process removes it at exit).
let dataDir = process.env.CHARLA_E2E_DATA_DIR;
if (dataDir === undefined) {
  const created = mkdtempSync(join(tmpdir(), 'charla-e2e-'));
  dataDir = created;
  process.env.CHARLA_E2E_DATA_DIR = created;
  // 'exit' fires after Playwright has stopped the web servers, so nothing is still writing here.
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}

// A learner's own account, and everything an admin manages (members, server settings, budgets, the
// no-provider state): a project of its own so that it can be run alone (`--project=account-admin`).
const accountAdminJourneys = /(account|admin-members|server-settings|budget-policy)\.spec\.ts/;

/** The system Chromium: `playwright install` downloads browsers, which cannot work here. */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // No --user-data-dir: Playwright manages the profile itself and refuses it in args.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Two cores, one app, one fake: journeys run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI === 'true',
  retries: 0,
  timeout: 30_000,
  // Two cores shared by the app, the fake and the browser: a lazy chunk and a server reply can take
  // longer than Playwright's default 5 s to show under load.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  // The foundation journey creates the owner through the UI, so it runs first; every other journey
  // depends on it and signs in as that owner (tests/e2e/support.ts).
  projects: [
    { name: 'foundation', testMatch: /foundation\.spec\.ts/, use: { browserName: 'chromium' } },
    {
      name: 'features',
      testIgnore: [/(foundation|speech|i18n)\.spec\.ts/, accountAdminJourneys],
      dependencies: ['foundation'],
      use: { browserName: 'chromium' },
    },
    // Issue 18: the journeys in Spanish and German (they switch the shared owner's language and back).
    {
      name: 'i18n',
      testMatch: /i18n\.spec\.ts/,
      dependencies: ['foundation'],
      use: { browserName: 'chromium' },
    },
    {
      name: 'account-admin',
      testMatch: accountAdminJourneys,
      dependencies: ['foundation'],
      use: { browserName: 'chromium' },
    },
    {
      // Server speech: the tutor's audio plays without a gesture (voice mode speaks a reply the
      // learner did not click), and the microphone is a WebAudio tone the journey switches on and off.
      name: 'speech',
      testMatch: /speech\.spec\.ts/,
      dependencies: ['foundation'],
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...chromium,
          args: [...chromium.args, '--autoplay-policy=no-user-gesture-required'],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npm run fake-llm -- --port ${fakeLlmPort}`,
      url: `http://127.0.0.1:${fakeLlmPort}/__control/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'npm start',
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(appPort),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${fakeLlmPort}/anthropic/v1`,
        OLLAMA_DETECT: 'false',
        // Request logs would drown the test output; warnings and errors still show.
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
