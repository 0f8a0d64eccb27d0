import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';

/**
 * The process environment over an optional `.env` in the working directory: a variable set in the
 * real environment always wins, so `PORT=4000 npm start` works even when `.env` sets PORT.
 */
export function loadEnvironment(
  env: Record<string, string | undefined> = process.env,
  envFile = resolve('.env'),
): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  return { ...fromFile, ...env };
}
