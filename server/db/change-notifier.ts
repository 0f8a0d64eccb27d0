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
 *   with what it last saw, so a notification lost while disconnected still reloads. Every process
 *   acknowledges each change it has acted on (a NOTIFY on a second channel), and publish waits for
 *   as many acknowledgements as there are listening connections: when publish returns, every live
 *   process has already emptied its caches, so a revoked session fails on its very next request
 *   wherever it lands (a process that does not answer within `ackTimeoutMs` is logged, not awaited).
 *   A process whose listening connection is down is not `live`, and its caches serve nothing.
 * - SQLite: one process owns the file, so publishing tells this process at once; a version check
 *   (one small indexed read, every second) also picks up writes by another process on the same
 *   file, such as `npm run db:migrate` or a command-line tool.
 */

export type ChangeTopic = 'llm-settings' | 'prices' | 'sessions';

export type ChangeNotifier = {
  /** Records that `topic` changed (after the change committed) and tells every process. */
  publish(topic: ChangeTopic): Promise<void>;
  /** Calls `listener` whenever `topic` changes, in this process or another. Returns unsubscribe. */
  subscribe(topic: ChangeTopic, listener: () => void): () => void;
  /**
   * Whether this process hears other processes' changes now (always on SQLite; on PostgreSQL while
   * its listening connection is up). A cache stores nothing while it is not.
   */
  live(): boolean;
  /** Starts listening for other processes' changes. */
  start(): Promise<void>;
  close(): Promise<void>;
};

const channel = 'charla_changes';
const ackChannel = 'charla_change_acks';
/** The listening connections' name in pg_stat_activity: publish counts them to know whom to wait for. */
const listenerName = 'charla-changes';

export type ChangeNotifierOptions = {
  db: Kysely<Database>;
  kind: 'sqlite' | 'postgres';
  /** PostgreSQL only: the URL for the dedicated LISTEN connection. */
  databaseUrl?: string | undefined;
  /** SQLite's version check interval; 0 turns it off (tests with one process). */
  pollMs?: number;
  /** PostgreSQL only: the longest publish waits for the other processes' acknowledgements. */
  ackTimeoutMs?: number;
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
  let listening = false;
  /** Publishes waiting for acknowledgements, by "topic version". */
  const waiting = new Map<string, { heard: number; expected: number; done(): void }>();

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
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: listenerName });
    const retry = () => {
      if (closed || listenClient !== client) return;
      listenClient = undefined;
      // Changes may now go unheard: caches empty themselves and stay empty until the catch-up.
      listening = false;
      for (const topic of listeners.keys()) fire(topic);
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
      const payload = message.payload ?? '';
      if (message.channel === ackChannel) {
        const waiter = waiting.get(payload);
        if (waiter) {
          waiter.heard += 1;
          if (waiter.heard >= waiter.expected) waiter.done();
        }
        return;
      }
      const [topic, version] = payload.split(' ');
      if (!topic || !version) return;
      observe(topic, Number(version));
      // Acted on (listeners run synchronously): tell the publisher.
      client.query('select pg_notify($1, $2)', [ackChannel, payload]).catch(() => {});
    });
    listenClient = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}; LISTEN ${ackChannel}`);
      // Whatever changed while no connection listened.
      await catchUp();
      if (listenClient === client) listening = true;
    } catch (error) {
      options.log?.warn({ err: error }, 'could not listen for changes; retrying');
      retry();
    }
  }

  /** NOTIFY, then wait until every listening connection (this one included) has acknowledged it. */
  async function notifyAndWait(payload: string) {
    let done = () => {};
    const acknowledged = new Promise<void>((resolve) => {
      done = resolve;
    });
    const waiter = { heard: 0, expected: Number.POSITIVE_INFINITY, done };
    waiting.set(payload, waiter);
    const timer = setTimeout(done, options.ackTimeoutMs ?? 2000);
    try {
      const { rows } = await sql<{ listeners: number | string }>`select pg_notify(${channel}, ${payload}),
        (select count(*) from pg_stat_activity
          where application_name = ${listenerName} and datname = current_database()) as listeners`.execute(
        db,
      );
      waiter.expected = Number(rows[0]?.listeners ?? 0);
      if (waiter.heard >= waiter.expected) done();
      await acknowledged;
      if (waiter.heard < waiter.expected)
        options.log?.warn(
          { change: payload, acknowledged: waiter.heard, listeners: waiter.expected },
          'not every process acknowledged a change in time',
        );
    } finally {
      clearTimeout(timer);
      waiting.delete(payload);
    }
  }

  return {
    live: () => options.kind !== 'postgres' || listening,

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
      // This process reloads now, not when its own notification comes back.
      observe(topic, version);
      if (options.kind === 'postgres') await notifyAndWait(`${topic} ${version}`);
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
