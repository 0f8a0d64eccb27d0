import type { Kysely } from 'kysely';
import { confirmPassword } from '../auth/accounts.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import { findUserById } from '../auth/users.ts';
import type { Database } from '../db/schema.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';

const wrongPassword = (path: string) =>
  validationFailed(msg('errors.auth.wrongPassword'), { issues: [{ path, message: 'is not correct' }] });

/** Changes the password and signs out every other session of the user. */
export async function changePassword(
  db: Kysely<Database>,
  clock: Clock,
  input: {
    userId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
    passwordCost: number;
  },
): Promise<void> {
  if (!(await confirmPassword(db, input.userId, input.currentPassword)))
    throw wrongPassword('currentPassword');
  await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(input.newPassword, input.passwordCost),
      updated_at: clock.now().toISOString(),
    })
    .where('id', '=', input.userId)
    .execute();
  await revokeUserSessions(db, input.userId, input.sessionId);
}

/**
 * Deletes the account and, through foreign-key cascades, every row that belongs to it. The owner
 * cannot delete their own account: the server would be left without anyone to run it.
 */
export async function deleteOwnAccount(
  db: Kysely<Database>,
  input: { userId: string; password: string },
): Promise<void> {
  const user = await findUserById(db, input.userId);
  if (!user) throw notFound('account');
  if (user.isOwner) throw conflict(msg('errors.members.ownerUndeletable'));
  if (!(await confirmPassword(db, input.userId, input.password))) throw wrongPassword('password');
  await db.deleteFrom('users').where('id', '=', input.userId).execute();
}
