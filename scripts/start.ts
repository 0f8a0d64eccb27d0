import { buildWebIfStale } from './web-build.ts';

// glibc's malloc reads MALLOC_ARENA_MAX only when the process starts (decision 029: two arenas, not
// eight per core). Setting it in the npm script took POSIX shell syntax, which npm runs through
// cmd.exe on Windows, where `npm start` then failed; so on Linux this process replaces itself once
// with the variable set: the same process id, no wrapper process, the same Node settings. A value
// the environment sets is kept.
if (process.platform === 'linux' && process.execve && process.env.MALLOC_ARENA_MAX === undefined) {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    ...process.env,
    MALLOC_ARENA_MAX: '2',
  });
}

// `npm start`: build the web app if it is missing or stale, then run the server in this process.
if (!buildWebIfStale()) {
  console.error('The web app failed to build; see the errors above.');
  process.exit(1);
}
await import('../server/main.ts');
