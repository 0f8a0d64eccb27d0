/**
 * Vitest globalSetup (runs once, in the main Vitest process): with TEST_DB=postgres, starts the run's
 * throwaway PostgreSQL cluster and hands its URL to the workers as `inject('postgresUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, startPostgresCluster } from './postgres-cluster.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('postgresUrl', '');
  if (process.env.TEST_DB !== 'postgres') return undefined;

  const hasServer = (process.env.TEST_DATABASE_URL ?? '') !== '';
  if (!hasServer && findPostgresBinaries() === null) {
    const problem =
      'TEST_DB=postgres but PostgreSQL binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin';
    if (process.env.CI === 'true') {
      throw new Error(`${problem}. CI must run the PostgreSQL suite: apt-get install postgresql`);
    }
    console.warn(
      [
        '',
        '!'.repeat(100),
        `!! ${problem}.`,
        '!! PostgreSQL API tests are SKIPPED. Install it with: apt-get install postgresql',
        '!! (or set TEST_DATABASE_URL to an existing server).',
        '!'.repeat(100),
        '',
      ].join('\n'),
    );
    return undefined;
  }

  const startedAt = performance.now();
  const cluster = await startPostgresCluster();
  if (!hasServer) {
    console.log(`PostgreSQL test cluster ready in ${Math.round(performance.now() - startedAt)} ms`);
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
