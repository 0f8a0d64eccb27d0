import type { Kysely } from 'kysely';
import { confirmPassword } from '../auth/accounts.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import { findUserById } from '../auth/users.ts';
import type { Database } from '../db/schema.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';

/**
 * One section of a learner's export. Each domain that stores learner data adds its section here,
 * so "export all my data" stays complete as features arrive.
 */
type ExportSection = (db: Kysely<Database>, userId: string) => Promise<unknown>;

const exportSections: Record<string, ExportSection> = {
  sessions: (db, userId) =>
    db
      .selectFrom('sessions')
      .select(['created_at', 'expires_at', 'last_seen_at', 'user_agent'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  vocabularySettings: (db, userId) =>
    db.selectFrom('vocabulary_settings').selectAll().where('user_id', '=', userId).execute(),
  vocabularyDecks: (db, userId) =>
    db
      .selectFrom('vocabulary_decks')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  vocabularyCards: (db, userId) =>
    db.selectFrom('vocabulary_cards').selectAll().where('user_id', '=', userId).orderBy('id').execute(),
  vocabularyReviews: (db, userId) =>
    db
      .selectFrom('vocabulary_review_logs')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('reviewed_at')
      .execute(),
  grammarResults: (db, userId) =>
    db
      .selectFrom('grammar_results')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  grammarExercises: (db, userId) =>
    db
      .selectFrom('grammar_exercises')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  personas: (db, userId) =>
    db.selectFrom('personas').selectAll().where('owner_id', '=', userId).orderBy('created_at').execute(),
  scenarios: (db, userId) =>
    db.selectFrom('scenarios').selectAll().where('author_id', '=', userId).orderBy('created_at').execute(),
  tutorPreferences: (db, userId) =>
    db.selectFrom('tutor_preferences').selectAll().where('user_id', '=', userId).execute(),
  messageFeedback: (db, userId) =>
    db
      .selectFrom('message_feedback')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('message_id')
      .execute(),
  errorEvents: (db, userId) =>
    db.selectFrom('error_events').selectAll().where('user_id', '=', userId).orderBy('created_at').execute(),
  /** Every model call made for the learner, with its tokens and cost (micro-dollars). */
  usageLedger: (db, userId) =>
    db.selectFrom('ledger_entries').selectAll().where('user_id', '=', userId).orderBy('id').execute(),
  budget: (db, userId) => db.selectFrom('member_budgets').selectAll().where('user_id', '=', userId).execute(),
  dailyGoalChanges: (db, userId) =>
    db
      .selectFrom('daily_goal_changes')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('changed_at')
      .execute(),
  budgetAlerts: (db, userId) =>
    db.selectFrom('budget_alerts').selectAll().where('user_id', '=', userId).orderBy('created_at').execute(),
};

/** Everything stored about one learner, as one JSON document (secrets such as hashes excluded). */
export async function exportAccount(db: Kysely<Database>, clock: Clock, userId: string) {
  const user = await findUserById(db, userId);
  if (!user) throw notFound('Your account');
  const sections: Record<string, unknown> = {};
  for (const [name, load] of Object.entries(exportSections)) sections[name] = await load(db, userId);
  return { format: 'charla-export', version: 1, exportedAt: clock.now().toISOString(), user, ...sections };
}

const wrongPassword = (path: string) =>
  validationFailed('The password is not correct.', { issues: [{ path, message: 'is not correct' }] });

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
  if (!user) throw notFound('Your account');
  if (user.isOwner) throw conflict('The owner account cannot be deleted.');
  if (!(await confirmPassword(db, input.userId, input.password))) throw wrongPassword('password');
  await db.deleteFrom('users').where('id', '=', input.userId).execute();
}
