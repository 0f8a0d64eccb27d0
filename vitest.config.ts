import { defineConfig } from 'vitest/config';

const allTests = [
  'server/**/*.test.ts',
  'contracts/**/*.test.ts',
  'tools/**/*.test.ts',
  'web/**/*.test.{ts,tsx}',
  'tests/harness/**/*.test.ts',
];

// The PostgreSQL pass re-runs only what touches the database; unit tests already ran on the SQLite pass.
const apiTests = allTests.map((pattern) => pattern.replace(/\.test\.(ts|\{ts,tsx\})$/, '.api.test.$1'));

export default defineConfig({
  test: {
    include: process.env.TEST_DB === 'postgres' ? apiTests : allTests,
    exclude: ['**/node_modules/**', 'web/dist/**', 'tests/e2e/**'],
    setupFiles: ['tests/harness/outbound-guard.ts', 'tests/harness/web-i18n.ts'],
    globalSetup: ['tests/harness/global-setup.ts'],
    // Two cores on the machines here: more workers only add contention (and PostgreSQL needs a core).
    pool: 'forks',
    maxWorkers: 2,
    // API tests boot the real app on a real database; on a loaded two-core machine that can take seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // Vitest keeps transformed modules in node_modules/.vitest-cache by default and never prunes it:
    // every edited file adds entries, and after a day of runs it held 158 MB, past the install's
    // size limit. Transforming is a few percent of a run here.
    fsModuleCache: false,
  },
});
