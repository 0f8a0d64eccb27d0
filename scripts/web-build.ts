import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = join(root, 'web', 'dist', '.build-stamp');
const inputs = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'web/public',
  'contracts',
  'package-lock.json',
];

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/** True when web/dist is missing or older than any of its sources. */
export function webBuildIsStale(): boolean {
  if (!existsSync(join(root, 'web', 'index.html'))) return false;
  if (!existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  return inputs.some((input) => newestModification(join(root, input)) > built);
}

/** Builds the web app with Vite when it is missing or stale; returns false if the build failed. */
export function buildWebIfStale(): boolean {
  if (!webBuildIsStale()) return true;
  console.log('Building the web app (first start or sources changed)…');
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) return false;
  writeFileSync(stampFile, new Date().toISOString());
  return true;
}
