import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The owner of the cluster's files when the harness runs as root (initdb refuses to run as root). */
const clusterOwnerWhenRoot = 'postgres';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
}

export interface PostgresCluster {
  /** Superuser URL of the cluster's `postgres` database, e.g. `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  /** Stops the server immediately and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds `initdb` and a `pg_ctl` of the same installation: first on PATH, then in Debian's
 * `/usr/lib/postgresql/<version>/bin` (not on PATH by default), newest version first.
 * Returns null when PostgreSQL is not installed.
 */
export function findPostgresBinaries(): PostgresBinaries | null {
  const candidates: string[] = [];
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (directory !== '') candidates.push(directory);
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(join('/usr/lib/postgresql', version, 'bin'));
  } catch {
    // No Debian-style installation.
  }
  for (const directory of candidates) {
    const initdb = join(directory, 'initdb');
    if (!isExecutable(initdb)) continue;
    // /usr/local/bin/initdb may be a symlink into /usr/lib/postgresql/NN/bin: take pg_ctl from the
    // real directory so both (and the postgres server pg_ctl starts) come from one version.
    const realDirectory = dirname(realpathSync(initdb));
    for (const pgCtl of [join(realDirectory, 'pg_ctl'), join(directory, 'pg_ctl')]) {
      if (isExecutable(pgCtl)) return { initdb: join(realDirectory, 'initdb'), pgCtl };
    }
  }
  return null;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function lookupOwner(user: string): Promise<{ uid: number; gid: number }> {
  try {
    const uid = Number((await execFileAsync('id', ['-u', user])).stdout.trim());
    const gid = Number((await execFileAsync('id', ['-g', user])).stdout.trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `The test harness runs as root, and PostgreSQL refuses to run as root, so the throwaway cluster ` +
        `must belong to an OS user named "${user}", which does not exist. Install PostgreSQL ` +
        `(apt-get install postgresql creates it), create it (useradd --system --user-group ${user}), ` +
        `run the tests as a regular user, or set TEST_DATABASE_URL to an existing server.`,
    );
  }
}

/**
 * Starts a throwaway PostgreSQL cluster for one test run (or returns TEST_DATABASE_URL's server).
 * Tuned for speed over durability: its data is deleted when the run ends. A detached watchdog stops
 * it and deletes its files when the calling process dies, even by SIGKILL.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const existing = process.env.TEST_DATABASE_URL;
  if (existing !== undefined && existing !== '') {
    return { url: existing, stop: async () => {} };
  }
  const binaries = findPostgresBinaries();
  if (binaries === null) {
    throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql');
  }

  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? await lookupOwner(clusterOwnerWhenRoot) : null;
  // The unix socket lives in this directory too: its path must stay under ~100 bytes.
  const directory = await mkdtemp('/tmp/pg-');
  const dataDirectory = join(directory, 'data');
  const logFile = join(directory, 'server.log');
  if (owner !== null) await chown(directory, owner.uid, owner.gid);

  const asOwner = (command: string, args: string[]): [string, string[]] =>
    isRoot ? ['runuser', ['-u', clusterOwnerWhenRoot, '--', command, ...args]] : [command, args];
  const run = async (command: string, args: string[]): Promise<void> => {
    const [file, fileArgs] = asOwner(command, args);
    try {
      // cwd: the owner may not be allowed into the repository directory.
      await execFileAsync(file, fileArgs, { cwd: directory, timeout: 60_000 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`${[file, ...fileArgs].join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
    }
  };
  const stopArgs = ['stop', '-D', dataDirectory, '-m', 'immediate', '-s'];

  let watchdogPid: number | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (watchdogPid !== undefined) {
      try {
        process.kill(-watchdogPid, 'SIGKILL'); // its own process group: the shell and its `sleep`
      } catch {
        // Already gone.
      }
    }
    try {
      await run(binaries.pgCtl, stopArgs);
    } catch {
      // Not running (start failed, or already stopped): the files still go.
    }
    await rm(directory, { recursive: true, force: true });
  };

  try {
    await run(binaries.initdb, [
      '-D',
      dataDirectory,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    // Written after initdb because initdb before version 16 has no -c option.
    await appendFile(
      join(dataDirectory, 'postgresql.conf'),
      [
        '',
        '# Throwaway test cluster: durability off for speed.',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${directory}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        '',
      ].join('\n'),
    );

    const [watchdogFile, watchdogStopArgs] = asOwner(binaries.pgCtl, stopArgs);
    const watchdog = spawn(
      'sh',
      [
        '-c',
        'parent=$1; dir=$2; shift 2; while kill -0 "$parent" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf "$dir"',
        'charla-pg-watchdog',
        String(process.pid),
        directory,
        watchdogFile,
        ...watchdogStopArgs,
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
    watchdogPid = watchdog.pid;

    // Another process may take the free port between the probe and the bind: retry on a new one.
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      try {
        await run(binaries.pgCtl, [
          'start',
          '-D',
          dataDirectory,
          '-l',
          logFile,
          '-w',
          '-t',
          '60',
          '-s',
          '-o',
          `-p ${port}`,
        ]);
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
      } catch (error) {
        if (attempt >= 3) {
          const log = await readFile(logFile, 'utf8').catch(() => '(no server log)');
          throw new Error(`PostgreSQL did not start; server log:\n${log.slice(-4000)}`, { cause: error });
        }
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
