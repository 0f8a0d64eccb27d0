import type { Kysely } from 'kysely';
import type { Member, MemberCreate, MemberUpdate } from '../../contracts/admin.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { createAccount } from '../auth/accounts.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import { loadUsers } from '../auth/users.ts';
import type { Database } from '../db/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';

type MemberDeps = { db: Kysely<Database>; clock: Clock; passwordCost: number };

async function lastSeenByUser(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sessions')
    .select(['user_id', (eb) => eb.fn.max('last_seen_at').as('last_seen')])
    .where('user_id', 'in', ids)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((row) => [row.user_id, String(row.last_seen)]));
}

export async function listMembers(db: Kysely<Database>): Promise<Member[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  const users = await loadUsers(db, rows);
  const lastSeen = await lastSeenByUser(
    db,
    rows.map((row) => row.id),
  );
  return users.map((user) => ({ ...user, lastSeenAt: lastSeen.get(user.id) ?? null }));
}

async function findMember(db: Kysely<Database>, id: string): Promise<Member> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('member');
  const [user] = await loadUsers(db, [row]);
  if (!user) throw notFound('member');
  const lastSeen = await lastSeenByUser(db, [id]);
  return { ...user, lastSeenAt: lastSeen.get(id) ?? null };
}

/** An admin adds a family or class member (a learner by default, optionally a child). */
export async function createMember(
  deps: MemberDeps,
  input: MemberCreate,
  creatorLanguage: InterfaceLanguage,
): Promise<Member> {
  const user = await createAccount(deps, {
    username: input.username,
    password: input.password,
    email: input.email,
    role: input.role ?? 'learner',
    isChild: input.isChild ?? false,
    isOwner: false,
    interfaceLanguage: input.interfaceLanguage ?? creatorLanguage,
  });
  return { ...user, lastSeenAt: null };
}

/** Admins still able to act after the change: the last one cannot be demoted, disabled or deleted. */
async function countOtherActiveAdmins(db: Kysely<Database>, excludeId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', '!=', excludeId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function updateMember(deps: MemberDeps, id: string, update: MemberUpdate): Promise<Member> {
  const { db, clock } = deps;
  const member = await findMember(db, id);
  const losesAdmin = member.role === 'admin' && (update.role === 'learner' || update.disabled === true);
  if (member.isOwner && (update.disabled === true || update.role === 'learner')) {
    throw conflict(msg('errors.members.ownerProtected'));
  }
  if (losesAdmin && (await countOtherActiveAdmins(db, id)) === 0) {
    throw conflict(msg('errors.members.lastAdmin'));
  }
  await db
    .updateTable('users')
    .set({
      ...(update.role !== undefined && { role: update.role }),
      ...(update.isChild !== undefined && { is_child: update.isChild ? 1 : 0 }),
      ...(update.disabled !== undefined && { disabled: update.disabled ? 1 : 0 }),
      ...(update.email !== undefined && { email: update.email }),
      ...(update.password !== undefined && {
        password_hash: await hashPassword(update.password, deps.passwordCost),
      }),
      updated_at: clock.now().toISOString(),
    })
    .where('id', '=', id)
    .execute();
  // A disabled member or a reset password ends every session the member had.
  if (update.disabled === true || update.password !== undefined) await revokeUserSessions(db, id);
  return findMember(db, id);
}

/** Deletes a member and all their data (foreign keys cascade). */
export async function deleteMember(db: Kysely<Database>, id: string): Promise<void> {
  const member = await findMember(db, id);
  if (member.isOwner) throw conflict(msg('errors.members.ownerUndeletable'));
  if (member.role === 'admin' && (await countOtherActiveAdmins(db, id)) === 0) {
    throw conflict(msg('errors.members.lastAdmin'));
  }
  await db.deleteFrom('users').where('id', '=', id).execute();
}
