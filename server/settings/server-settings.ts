import type { Kysely } from 'kysely';
import type { ServerSettings } from '../../contracts/admin.ts';
import { correctionPolicySchema } from '../../contracts/auth.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';

const defaults: ServerSettings = { openSignup: false, defaultCorrectionPolicy: 'important' };

/** The stored value of one setting, or the default when it is unset or no longer valid. */
export function parseDefaultCorrectionPolicy(value: string | null | undefined) {
  if (value === null || value === undefined) return defaults.defaultCorrectionPolicy;
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    return defaults.defaultCorrectionPolicy;
  }
  const parsed = correctionPolicySchema.safeParse(stored);
  return parsed.success ? parsed.data : defaults.defaultCorrectionPolicy;
}

/** The admin's default correction policy alone (the profile shows it beside the learner's choice). */
export async function readDefaultCorrectionPolicy(db: Kysely<Database>) {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'defaultCorrectionPolicy')
    .executeTakeFirst();
  return parseDefaultCorrectionPolicy(row?.value);
}

/** Server-wide settings an admin changes at run time (stored as JSON values by key). */
export async function readServerSettings(db: Kysely<Database>): Promise<ServerSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const settings: ServerSettings = { ...defaults };
  for (const row of rows) {
    if (row.key === 'openSignup') settings.openSignup = JSON.parse(row.value) === true;
    if (row.key === 'defaultCorrectionPolicy')
      settings.defaultCorrectionPolicy = parseDefaultCorrectionPolicy(row.value);
  }
  return settings;
}

export async function updateServerSettings(
  db: Kysely<Database>,
  clock: Clock,
  update: Partial<ServerSettings>,
): Promise<ServerSettings> {
  const now = clock.now().toISOString();
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }),
      )
      .execute();
  }
  return readServerSettings(db);
}
