import { createBenchDatabase, percentile, rssMbOf, startServerProcess } from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/**
 * Goal: start to ready < 2 s on SQLite. Measured from spawning the server process until
 * `/api/health` answers 200 — Node's own start-up, migrations (applied on the first run only) and
 * listening included; the web build is not (npm start does it only when web/dist is stale).
 * Reported beside it: the server's resident memory at that moment (what a server costs before
 * anyone talks to it; the spelling worker starts with the first check, not here).
 */
export default async function startupBenchmark({ databases }: { databases: Array<'sqlite' | 'postgres'> }) {
  const rows: BenchRow[] = [];
  for (const kind of databases) {
    const database = await createBenchDatabase(kind);
    try {
      const times: number[] = [];
      const rss: number[] = [];
      for (let run = 0; run < 6; run++) {
        const started = performance.now();
        const server = await startServerProcess(database.env);
        times.push(performance.now() - started);
        rss.push(rssMbOf(server.child.pid as number));
        await server.stop();
      }
      rss.sort((a, b) => a - b);
      const [first, ...warm] = times;
      warm.sort((a, b) => a - b);
      rows.push({
        benchmark: 'start to ready (process spawn → /api/health 200)',
        database: kind,
        'first start ms (migrations)': Math.round(first ?? 0),
        'restart p50 ms': Math.round(percentile(warm, 50)),
        'restart max ms': Math.round(warm.at(-1) ?? 0),
        'rss MB at ready (p50)': Math.round(percentile(rss, 50)),
        goal: kind === 'sqlite' ? '< 2000 ms' : 'reported',
        pass:
          kind === 'sqlite' ? (first ?? Number.POSITIVE_INFINITY) < 2000 && (warm.at(-1) ?? 0) < 2000 : true,
      });
    } finally {
      await database.cleanup();
    }
  }
  return rows;
}
