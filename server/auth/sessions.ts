import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type InterfaceLanguage, isInterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';

export const sessionCookieName = 'charla_session';
export const csrfCookieName = 'csrf_token';

/** How often a session's last-seen time is written: not on every request, to keep reads cheap. */
export const lastSeenWriteIntervalMs = 5 * 60 * 1000;

export type ActiveSession = {
  id: string;
  userId: string;
  role: 'admin' | 'learner';
  isChild: boolean;
  csrfToken: string;
  expiresAt: string;
  /** The member's interface language: the language of every message the API sends them. */
  interfaceLanguage: InterfaceLanguage;
};

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Starts a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(
  db: Kysely<Database>,
  clock: Clock,
  input: { userId: string; ttlDays: number; userAgent?: string | undefined },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + input.ttlDays * 24 * 60 * 60 * 1000);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session for a cookie token, or undefined when unknown, expired, or its user is disabled. */
export async function findActiveSession(
  db: Kysely<Database>,
  clock: Clock,
  token: string,
): Promise<ActiveSession | undefined> {
  if (token.length > 100) return undefined;
  const now = clock.now();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.role',
      'users.is_child',
      'profiles.interface_language',
    ])
    .where('sessions.id', '=', hashToken(token))
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  if (now.getTime() - Date.parse(row.last_seen_at) > lastSeenWriteIntervalMs)
    await touchSession(db, row.id, now);
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    isChild: row.is_child === 1,
    interfaceLanguage: isInterfaceLanguage(row.interface_language) ? row.interface_language : 'en',
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

/** Records that a session was used (its last-seen time, shown in the admin's member list). */
export async function touchSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', sessionId)
    .execute();
}

export async function revokeSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a user out everywhere, optionally keeping the session that asked. */
export async function revokeUserSessions(
  db: Kysely<Database>,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, clock: Clock): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', clock.now().toISOString()).execute();
}
