import { buildWebIfStale } from './web-build.ts';

// `npm start`: build the web app if it is missing or stale, then run the server in this process.
if (!buildWebIfStale()) {
  console.error('The web app failed to build; see the errors above.');
  process.exit(1);
}
await import('../server/main.ts');
