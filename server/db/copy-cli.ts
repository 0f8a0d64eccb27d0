import { loadConfig } from '../config.ts';
import { loadEnvironment } from '../environment.ts';
import { CopyRefused, copyDatabase, parseEndpoint } from './copy.ts';

/**
 * `npm run db:copy -- --to postgres://…` copies the embedded database (DATA_DIR) into an empty
 * PostgreSQL database; `npm run db:copy -- --from postgres://… --to sqlite:<dir>` copies back into a
 * new directory. See server/db/copy.ts.
 */
function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index !== -1) return process.argv[index + 1];
  return process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const to = argument('to');
if (!to) {
  console.error(
    'Usage: npm run db:copy -- --to postgres://… [--from sqlite:<dir>]\n       npm run db:copy -- --from postgres://… --to sqlite:<dir>',
  );
  process.exit(2);
}
try {
  const config = loadConfig(loadEnvironment());
  const from = parseEndpoint(argument('from') ?? `sqlite:${config.DATA_DIR}`);
  const report = await copyDatabase(from, parseEndpoint(to));
  for (const { table, rows } of report.tables) console.log(`${table.padEnd(28)} ${rows}`);
  console.log(
    `Copied ${report.rows} rows in ${report.tables.length} tables in ${report.seconds.toFixed(1)} s; row counts and the ledger's and budgets' sums verified.`,
  );
  console.log(
    report.nulCharactersRemoved
      ? `Removed ${report.nulCharactersRemoved} NUL characters from text (PostgreSQL cannot store them).`
      : 'No NUL characters needed removing.',
  );
} catch (error) {
  console.error(
    error instanceof CopyRefused ? `Refused: ${error.message}` : `Copy failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
