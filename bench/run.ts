import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench [-- name-filter]`: runs every benchmark module in bench/ (each exports a default
 * async function returning result rows), prints one table per benchmark and writes all rows as JSON
 * to bench/results/<timestamp>.json (not committed).
 *
 * A row is a flat record; by convention it has `benchmark`, `database` where it matters, the
 * measured figures, and `goal` / `pass` when the architecture sets a goal.
 */
export type BenchRow = Record<string, string | number | boolean | null>;
export type Benchmark = (options: { databases: Array<'sqlite' | 'postgres'> }) => Promise<BenchRow[]>;

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const databases: Array<'sqlite' | 'postgres'> =
  process.env.BENCH_DB === 'sqlite'
    ? ['sqlite']
    : process.env.BENCH_DB === 'postgres'
      ? ['postgres']
      : ['sqlite', 'postgres'];

function printTable(title: string, rows: BenchRow[]) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) =>
    typeof value === 'number'
      ? Number.isInteger(value)
        ? String(value)
        : value.toFixed(2)
      : String(value ?? '');
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row[column]).length)),
  );
  const line = (values: string[]) =>
    values.map((value, index) => value.padEnd(widths[index] ?? 0)).join('  ');
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map((column) => cell(row[column]))));
}

const modules = readdirSync(benchDir)
  .filter(
    (file) =>
      file.endsWith('.ts') && file !== 'run.ts' && !file.startsWith('lib-') && !file.endsWith('.test.ts'),
  )
  .filter((file) => !filter || file.includes(filter))
  .sort();

const results: Record<string, BenchRow[] | { error: string }> = {};
let failed = false;
for (const file of modules) {
  const name = file.replace(/\.ts$/, '');
  const module = (await import(pathToFileURL(join(benchDir, file)).href)) as { default?: Benchmark };
  if (typeof module.default !== 'function') continue;
  console.log(`\n▶ ${name}`);
  try {
    const rows = await module.default({ databases });
    results[name] = rows;
    printTable(name, rows);
  } catch (error) {
    failed = true;
    results[name] = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    console.error(`${name} failed:`, error);
  }
}

const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      results,
    },
    null,
    2,
  ),
);
console.log(`\nResults written to ${file}`);
process.exit(failed ? 1 : 0);
