import type { Kysely } from 'kysely';
import type { ChangeNotifier } from '../db/change-notifier.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { type ActiveSession, findActiveSession, lastSeenWriteIntervalMs, touchSession } from './sessions.ts';

/**
 * The sessions every API request resolves, kept in memory (decision 025): a hit costs no database
 * round trip. What can end a session early — a logout, a logout everywhere, a password change, a
 * member disabled, demoted or deleted, a change of interface language (the session carries it) —
 * publishes the `sessions` topic after it commits, and every
 * process empties its cache: the publishing one before publish returns (so its next request reads
 * the database), the others before publish returns on PostgreSQL (the notifier waits for every
 * listening process to acknowledge), within SQLite's one-second version check for another process
 * on the same file (one process per SQLite file is the deployment SQLite is for). While a process
 * cannot hear changes (its listening connection is down) it caches nothing.
 * Expiry needs no message: every hit is checked against the clock.
 */
export type SessionCache = {
  find(token: string): Promise<ActiveSession | undefined>;
  /** Empties this process's cache and tells every other process to empty theirs. */
  changed(): Promise<void>;
  close(): void;
};

type Entry = { session: ActiveSession; lastSeenAt: number };

/** Enough for every signed-in browser of a family or a school; the oldest entry goes first. */
const maxEntries = 20_000;

export function createSessionCache(deps: {
  db: Kysely<Database>;
  clock: Clock;
  changes: ChangeNotifier;
}): SessionCache {
  const entries = new Map<string, Entry>();
  /**
   * Bumped by every invalidation: a lookup that started before one does not store what it read, since
   * it may have read the row before the change committed.
   */
  let generation = 0;
  const clear = () => {
    generation += 1;
    entries.clear();
  };
  const unsubscribe = deps.changes.subscribe('sessions', clear);

  return {
    async find(token) {
      const now = deps.clock.now();
      const cached = entries.get(token);
      if (cached) {
        if (cached.session.expiresAt <= now.toISOString()) {
          entries.delete(token);
          return undefined;
        }
        if (now.getTime() - cached.lastSeenAt > lastSeenWriteIntervalMs) {
          cached.lastSeenAt = now.getTime();
          await touchSession(deps.db, cached.session.id, now);
        }
        return cached.session;
      }
      const startedAt = generation;
      const found = await findActiveSession(deps.db, deps.clock, token);
      if (!found || startedAt !== generation || !deps.changes.live()) return found;
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(token, { session: found, lastSeenAt: now.getTime() });
      return found;
    },

    async changed() {
      await deps.changes.publish('sessions');
    },

    close() {
      unsubscribe();
      clear();
    },
  };
}
