/**
 * `npm test`: the whole suite, in sequence — unit and API tests on SQLite, the API tests again on
 * PostgreSQL, then the Playwright journeys. Ends with one plain line, `N passed, N failed` (plus
 * `, N skipped`), summed over every runner; CI tooling reads that line, so nothing is printed after it.
 *
 *   npm test                                 everything
 *   npm test -- --only=unit [vitest args]    one part; extra arguments go to that part's runner
 *   npm test -- --only=postgres [vitest args]
 *   npm test -- --only=e2e [playwright args]
 *
 * Outside CI, a part whose system dependency is missing (PostgreSQL, Chromium) is skipped with a
 * loud notice; with CI=true it fails the run instead.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBinaries } from '../tests/harness/postgres-cluster.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDirectory = join(root, 'test-results');
const isCi = process.env.CI === 'true';

const partNames = ['unit', 'postgres', 'e2e'] as const;
type PartName = (typeof partNames)[number];

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface PartResult {
  name: PartName;
  outcome: 'ran' | 'skipped' | 'missing' | 'interrupted';
  counts: Counts;
  note: string;
  seconds: number;
}

interface Part {
  name: PartName;
  /** Why the part cannot run on this machine, with what to install; null when it can. */
  missingDependency(): string | null;
  command(extraArguments: string[]): {
    script: string;
    args: string[];
    env: NodeJS.ProcessEnv;
    reportFile: string;
  };
  readCounts(reportFile: string): Counts;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function zeroCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0 };
}

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

function readVitestCounts(reportFile: string): Counts {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJsonReport;
  // A file that fails to load (syntax error, throwing import, failing beforeAll) fails no single
  // test; count it once so it cannot hide behind "0 failed".
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

interface PlaywrightJsonReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
}

function readPlaywrightCounts(reportFile: string): Counts {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as PlaywrightJsonReport;
  // Top-level errors (a web server that never came up, a broken config) fail no single test.
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + (report.errors?.length ?? 0),
    skipped: report.stats.skipped,
  };
}

const vitestScript = join(root, 'node_modules', '.bin', 'vitest');
const playwrightScript = join(root, 'node_modules', '.bin', 'playwright');

function vitestPart(name: 'unit' | 'postgres', testDb: 'sqlite' | 'postgres'): Part {
  return {
    name,
    missingDependency: () => {
      if (testDb !== 'postgres' || (process.env.TEST_DATABASE_URL ?? '') !== '') return null;
      return findPostgresBinaries() === null
        ? 'PostgreSQL (initdb, pg_ctl) was not found: apt-get install postgresql (or set TEST_DATABASE_URL)'
        : null;
    },
    command: (extraArguments) => {
      const reportFile = join(resultsDirectory, `vitest-${name}.json`);
      return {
        script: vitestScript,
        args: [
          'run',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${reportFile}`,
          ...extraArguments,
        ],
        env: { ...process.env, TEST_DB: testDb },
        reportFile,
      };
    },
    readCounts: readVitestCounts,
  };
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const parts: Part[] = [
  vitestPart('unit', 'sqlite'),
  vitestPart('postgres', 'postgres'),
  {
    name: 'e2e',
    missingDependency: () =>
      isExecutable(chromiumPath)
        ? null
        : `no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`,
    command: (extraArguments) => {
      const reportFile = join(resultsDirectory, 'playwright.json');
      return {
        script: playwrightScript,
        args: ['test', '--reporter=list,json', ...extraArguments],
        env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile },
        reportFile,
      };
    },
    readCounts: readPlaywrightCounts,
  },
];

function printBanner(lines: string[]): void {
  const rule = '!'.repeat(100);
  console.error(['', rule, ...lines.map((line) => `!! ${line}`), rule, ''].join('\n'));
}

function parseArguments(argv: string[]): { only: PartName | null; extraArguments: string[] } {
  let only: PartName | null = null;
  const extraArguments: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    let value: string | undefined;
    if (argument.startsWith('--only=')) value = argument.slice('--only='.length);
    else if (argument === '--only') value = argv[++index];
    else {
      extraArguments.push(argument);
      continue;
    }
    if (!partNames.includes(value as PartName)) {
      throw new Error(`--only must be one of ${partNames.join(', ')}; got "${value ?? ''}"`);
    }
    only = value as PartName;
  }
  if (only === null && extraArguments.length > 0) {
    // A file filter means different things to Vitest and Playwright: make the caller pick a runner.
    throw new Error(`extra arguments (${extraArguments.join(' ')}) need --only=unit|postgres|e2e`);
  }
  return { only, extraArguments };
}

let interrupted = false;
let runningChild: ReturnType<typeof spawn> | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    // Ctrl-C already reached the child through the terminal's process group; SIGTERM did not.
    if (signal === 'SIGTERM') runningChild?.kill('SIGTERM');
  });
}

function runChild(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise) => {
    // process.execPath is the Node 24 running this script, whatever `node` the runner's shebang
    // would find on PATH; node_modules/.bin first on PATH for the commands the runners spawn.
    const path = [join(root, 'node_modules', '.bin'), dirname(process.execPath), env.PATH ?? ''].join(':');
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      env: { ...env, PATH: path },
      stdio: 'inherit',
    });
    runningChild = child;
    child.on('error', (error) => {
      console.error(`could not start ${script}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('close', (code, signal) => {
      runningChild = null;
      resolvePromise(code ?? (signal === null ? 1 : 128));
    });
  });
}

async function runPart(part: Part, extraArguments: string[]): Promise<PartResult> {
  const startedAt = performance.now();
  const seconds = () => Math.round((performance.now() - startedAt) / 100) / 10;
  const missing = part.missingDependency();
  if (missing !== null) {
    if (isCi) {
      printBanner([`CI=true: the ${part.name} tests cannot run: ${missing}.`]);
      return {
        name: part.name,
        outcome: 'missing',
        counts: { ...zeroCounts(), failed: 1 },
        note: missing,
        seconds: 0,
      };
    }
    printBanner([
      `The ${part.name} tests are SKIPPED: ${missing}.`,
      'CI runs them; install it to run them here.',
    ]);
    return {
      name: part.name,
      outcome: 'skipped',
      counts: zeroCounts(),
      note: `skipped: ${missing}`,
      seconds: 0,
    };
  }

  const { script, args, env, reportFile } = part.command(extraArguments);
  console.log(`\n=== ${part.name}: ${[script.replace(`${root}/`, ''), ...args].join(' ')}\n`);
  rmSync(reportFile, { force: true }); // never count a previous run's report
  const exitCode = await runChild(script, args, env);
  if (interrupted) {
    return {
      name: part.name,
      outcome: 'interrupted',
      counts: zeroCounts(),
      note: 'interrupted',
      seconds: seconds(),
    };
  }

  let counts: Counts;
  let note = `exit code ${exitCode}`;
  try {
    counts = part.readCounts(reportFile);
  } catch {
    counts = zeroCounts();
    note = `exit code ${exitCode}, no readable report at ${reportFile.replace(`${root}/`, '')}`;
  }
  // A runner can fail outside any test (unhandled error, crash, bad filter): make it count.
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return { name: part.name, outcome: 'ran', counts, note, seconds: seconds() };
}

function formatCounts(counts: Counts): string {
  const base = `${counts.passed} passed, ${counts.failed} failed`;
  return counts.skipped > 0 ? `${base}, ${counts.skipped} skipped` : base;
}

async function main(): Promise<number> {
  let selection: ReturnType<typeof parseArguments>;
  try {
    selection = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`scripts/test.ts: ${(error as Error).message}`);
    return 2;
  }
  mkdirSync(resultsDirectory, { recursive: true });

  const results: PartResult[] = [];
  for (const part of parts) {
    if (selection.only !== null && part.name !== selection.only) continue;
    results.push(await runPart(part, selection.extraArguments));
    if (interrupted) break;
  }

  const total = zeroCounts();
  console.log('\n=== summary');
  for (const result of results) {
    total.passed += result.counts.passed;
    total.failed += result.counts.failed;
    total.skipped += result.counts.skipped;
    const counts = result.outcome === 'skipped' ? 'not run' : formatCounts(result.counts);
    console.log(`${result.name.padEnd(9)} ${counts.padEnd(40)} ${result.note} (${result.seconds} s)`);
  }
  if (interrupted) total.failed = Math.max(total.failed, 1);
  console.log(formatCounts(total));
  return total.failed > 0 || interrupted ? 1 : 0;
}

process.exitCode = await main();
