import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/*
 * The one change-notification mechanism: a setting that every process caches (AI providers,
 * chains, prices; later sessions, members, caps) is written, then its topic is published. Every
 * process sharing the database hears it and reloads before its next use.
 *
 * - PostgreSQL: a version counter per topic in `change_versions` plus NOTIFY on one channel; each
 *   process LISTENs on a dedicated connection. After a reconnect it compares every topic's version
 *   with what it last saw, so a notification lost while disconnected still reloads.
 * - SQLite: one process owns the file, so publishing tells this process at once; a version check
 *   (one small indexed read, every second) also picks up writes by another process on the same
 *   file, such as `npm run db:migrate` or a command-line tool.
 */

export type ChangeTopic = 'llm-settings' | 'prices';

export type ChangeNotifier = {
  /** Records that `topic` changed (after the change committed) and tells every process. */
  publish(topic: ChangeTopic): Promise<void>;
  /** Calls `listener` whenever `topic` changes, in this process or another. Returns unsubscribe. */
  subscribe(topic: ChangeTopic, listener: () => void): () => void;
  /** Starts listening for other processes' changes. */
  start(): Promise<void>;
  close(): Promise<void>;
};

const channel = 'charla_changes';

export type ChangeNotifierOptions = {
  db: Kysely<Database>;
  kind: 'sqlite' | 'postgres';
  /** PostgreSQL only: the URL for the dedicated LISTEN connection. */
  databaseUrl?: string | undefined;
  /** SQLite's version check interval; 0 turns it off (tests with one process). */
  pollMs?: number;
  log?: { warn(object: unknown, message: string): void };
};

export function createChangeNotifier(options: ChangeNotifierOptions): ChangeNotifier {
  const { db } = options;
  const listeners = new Map<string, Set<() => void>>();
  /** The newest version this process has acted on, per topic. */
  const seen = new Map<string, number>();
  let closed = false;
  let listenClient: pg.Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;

  function fire(topic: string) {
    for (const listener of listeners.get(topic) ?? []) {
      try {
        listener();
      } catch (error) {
        options.log?.warn({ err: error, topic }, 'a change listener failed');
      }
    }
  }

  /** Acts on a version heard from anywhere; older or already-seen versions are ignored. */
  function observe(topic: string, version: number) {
    if ((seen.get(topic) ?? 0) >= version) return;
    seen.set(topic, version);
    fire(topic);
  }

  async function readVersions(): Promise<Array<{ topic: string; version: number }>> {
    const rows = await db.selectFrom('change_versions').select(['topic', 'version']).execute();
    return rows.map((row) => ({ topic: row.topic, version: Number(row.version) }));
  }

  async function catchUp() {
    for (const { topic, version } of await readVersions()) observe(topic, version);
  }

  async function connectListener() {
    if (closed || !options.databaseUrl) return;
    const client = new pg.Client({ connectionString: options.databaseUrl });
    const retry = () => {
      if (closed || listenClient !== client) return;
      listenClient = undefined;
      client.end().catch(() => {});
      reconnectTimer = setTimeout(() => void connectListener(), 1000);
      reconnectTimer.unref();
    };
    client.on('error', (error) => {
      options.log?.warn({ err: error }, 'lost the change-notification connection; reconnecting');
      retry();
    });
    client.on('end', retry);
    client.on('notification', (message) => {
      const [topic, version] = (message.payload ?? '').split(' ');
      if (topic && version) observe(topic, Number(version));
    });
    listenClient = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      // Whatever changed while no connection listened.
      await catchUp();
    } catch (error) {
      options.log?.warn({ err: error }, 'could not listen for changes; retrying');
      retry();
    }
  }

  return {
    async publish(topic) {
      const row = await db
        .insertInto('change_versions')
        .values({ topic, version: 1 })
        .onConflict((conflict) =>
          conflict.column('topic').doUpdateSet({ version: sql`change_versions.version + 1` }),
        )
        .returning('version')
        .executeTakeFirstOrThrow();
      const version = Number(row.version);
      if (options.kind === 'postgres')
        await sql`select pg_notify(${channel}, ${`${topic} ${version}`})`.execute(db);
      // This process reloads now, not when its own notification comes back.
      observe(topic, version);
    },

    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },

    async start() {
      // What is stored now is what the caches load first: only later versions are news.
      for (const { topic, version } of await readVersions()) seen.set(topic, version);
      if (options.kind === 'postgres') {
        await connectListener();
        return;
      }
      const pollMs = options.pollMs ?? 1000;
      if (pollMs > 0) {
        pollTimer = setInterval(() => {
          catchUp().catch((error) => options.log?.warn({ err: error }, 'could not check for changes'));
        }, pollMs);
        pollTimer.unref();
      }
    },

    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearInterval(pollTimer);
      const client = listenClient;
      listenClient = undefined;
      await client?.end().catch(() => {});
    },
  };
}
