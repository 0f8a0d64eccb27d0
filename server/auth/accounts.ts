import type { Kysely } from 'kysely';
import type { Role, User } from '../../contracts/auth.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Database } from '../db/schema.ts';
import { AppError, conflict, forbidden, unauthenticated } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { readServerSettings } from '../settings/server-settings.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { defaultVoice, findUserById, findUserRowByUsername, isUniqueViolation } from './users.ts';

export type AccountDeps = { db: Kysely<Database>; clock: Clock; passwordCost: number };

type NewAccount = {
  username: string;
  password: string;
  email?: string | undefined;
  role: Role;
  isChild: boolean;
  isOwner: boolean;
  /** The new member's interface language: their own choice, else the creator's request's. */
  interfaceLanguage: InterfaceLanguage;
};

/** Inserts a user with an empty profile. Username uniqueness (and the single owner) are enforced by the database. */
export async function createAccount(deps: AccountDeps, account: NewAccount): Promise<User> {
  const { db, clock } = deps;
  const passwordHash = await hashPassword(account.password, deps.passwordCost);
  const now = clock.now().toISOString();
  const id = newId(clock.now().getTime());
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id,
          username: account.username,
          email: account.email ?? null,
          password_hash: passwordHash,
          role: account.role,
          is_child: account.isChild ? 1 : 0,
          is_owner: account.isOwner ? 1 : 0,
          disabled: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('profiles')
        .values({
          user_id: id,
          native_language: null,
          daily_goal_minutes: 15,
          correction_policy: 'important',
          explanation_language: 'native',
          preferred_persona: null,
          voice_json: JSON.stringify(defaultVoice),
          interface_language: account.interfaceLanguage,
          onboarded_at: null,
          updated_at: now,
        })
        .execute();
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      if (account.isOwner && (await countUsers(db)) > 0) {
        throw forbidden(msg('errors.auth.ownerExists'));
      }
      throw conflict(msg('errors.auth.usernameTaken'));
    }
    throw error;
  }
  const user = await findUserById(db, id);
  if (!user) throw new AppError('internal_error', msg('errors.internal'));
  return user;
}

async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** True until the first account exists: the web app then offers "create the owner account". */
export async function needsSetup(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Public sign-up. The very first account becomes the owner (an admin who can never be disabled or
 * deleted); after that sign-up is open only when an admin has switched it on.
 */
export async function signUp(
  deps: AccountDeps,
  input: {
    username: string;
    password: string;
    email?: string | undefined;
    interfaceLanguage: InterfaceLanguage;
  },
): Promise<User> {
  if (await needsSetup(deps.db)) {
    return createAccount(deps, { ...input, role: 'admin', isChild: false, isOwner: true });
  }
  const settings = await readServerSettings(deps.db);
  if (!settings.openSignup) {
    throw forbidden(msg('errors.auth.signupClosed'));
  }
  return createAccount(deps, { ...input, role: 'learner', isChild: false, isOwner: false });
}

const wrongCredentials = msg('errors.auth.wrongCredentials');

/**
 * Checks a username and password. An unknown user and a wrong password get the same answer in the
 * same time; repeated failures are throttled.
 */
export async function logIn(
  deps: AccountDeps & { throttle: LoginThrottle },
  input: { username: string; password: string; address: string },
): Promise<User> {
  const username = input.username.trim().toLowerCase();
  const now = deps.clock.now().getTime();
  const wait = deps.throttle.check(input.address, username, now);
  if (wait !== undefined) {
    throw new AppError('rate_limited', msg('errors.auth.throttled', { minutes: Math.ceil(wait / 60) }), {
      retryAfterSeconds: wait,
    });
  }
  const row = await findUserRowByUsername(deps.db, username);
  const valid = row
    ? await verifyPassword(input.password, row.password_hash)
    : await verifyAgainstDummy(input.password, deps.passwordCost).then(() => false);
  if (!row || !valid) {
    deps.throttle.recordFailure(input.address, username, now);
    throw unauthenticated(wrongCredentials);
  }
  if (row.disabled === 1) throw forbidden(msg('errors.auth.disabled'));
  deps.throttle.recordSuccess(input.address, username);
  const user = await findUserById(deps.db, row.id);
  if (!user) throw unauthenticated(wrongCredentials);
  return user;
}

/** Verifies the signed-in user's own password (password change, account deletion). */
export async function confirmPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? verifyPassword(password, row.password_hash) : false;
}
