import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run dev`: the API with --watch on :3000 and Vite's dev server (proxying /api) on :5173.
const root = fileURLToPath(new URL('..', import.meta.url));
const children = [
  spawn(process.execPath, ['--watch', 'server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { NODE_ENV: 'development', SERVE_WEB: 'false', ...process.env },
  }),
  spawn(
    join(root, 'node_modules', '.bin', 'vite'),
    ['--config', 'web/vite.config.ts', '--host', '127.0.0.1'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  ),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
