import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import {
  type CorrectionPolicy,
  type Profile,
  type TargetLanguage,
  type User,
  type VoiceSettings,
  voiceSettingsSchema,
} from '../../contracts/auth.ts';
import { isInterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Database, ProfilesTable, UsersTable } from '../db/schema.ts';
import { readDefaultCorrectionPolicy } from '../settings/server-settings.ts';

export const defaultVoice: VoiceSettings = Object.freeze({
  rate: 1,
  voiceNames: Object.freeze({}),
  autoSpeak: false,
  engine: 'auto',
  serverVoices: Object.freeze({}),
  storeAudio: false,
});

type UserRow = Selectable<UsersTable>;

function valid<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const result = schema.safeParse(value);
  return result.success ? result.data : fallback;
}

/**
 * Reads the stored speech preferences field by field: a field that is missing or no longer valid falls
 * back to its default and unknown fields are dropped, so an older shape (the single `voiceName` of
 * before voices were chosen per language) can never make the strict profile response fail.
 */
function parseVoice(json: string): VoiceSettings {
  let stored: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(json);
    if (value !== null && typeof value === 'object') stored = value as Record<string, unknown>;
  } catch {
    // Unreadable JSON: every field takes its default.
  }
  const { shape } = voiceSettingsSchema;
  return {
    rate: valid(shape.rate, stored.rate, defaultVoice.rate),
    voiceNames: valid(shape.voiceNames, stored.voiceNames, {}),
    autoSpeak: valid(shape.autoSpeak, stored.autoSpeak, defaultVoice.autoSpeak),
    engine: valid(shape.engine, stored.engine, defaultVoice.engine),
    serverVoices: valid(shape.serverVoices, stored.serverVoices, {}),
    storeAudio: valid(shape.storeAudio, stored.storeAudio, defaultVoice.storeAudio),
  };
}

export function presentProfile(
  profile: Selectable<ProfilesTable> | undefined,
  languages: TargetLanguage[],
  defaultCorrectionPolicy: CorrectionPolicy,
): Profile {
  return {
    nativeLanguage: profile?.native_language ?? null,
    targetLanguages: languages,
    dailyGoalMinutes: profile?.daily_goal_minutes ?? 15,
    correctionPolicy:
      profile?.correction_policy_explicit === 1 ? (profile.correction_policy as CorrectionPolicy) : null,
    defaultCorrectionPolicy,
    explanationLanguage: (profile?.explanation_language ?? 'native') as Profile['explanationLanguage'],
    preferredPersona: profile?.preferred_persona ?? null,
    voice: parseVoice(profile?.voice_json ?? '{}'),
    interfaceLanguage: isInterfaceLanguage(profile?.interface_language) ? profile.interface_language : 'en',
    onboarded: Boolean(profile?.onboarded_at),
  };
}

export function presentUser(row: UserRow, profile: Profile): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role,
    isChild: row.is_child === 1,
    isOwner: row.is_owner === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    profile,
  };
}

/** Loads users with their profiles in three queries, whatever the number of users. */
export async function loadUsers(db: Kysely<Database>, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [profiles, languages, defaultCorrectionPolicy] = await Promise.all([
    db.selectFrom('profiles').selectAll().where('user_id', 'in', ids).execute(),
    db
      .selectFrom('user_languages')
      .select(['user_id', 'language', 'level'])
      .where('user_id', 'in', ids)
      .orderBy('user_id')
      .orderBy('position')
      .execute(),
    readDefaultCorrectionPolicy(db),
  ]);
  return rows.map((row) =>
    presentUser(
      row,
      presentProfile(
        profiles.find((profile) => profile.user_id === row.id),
        languages
          .filter((language) => language.user_id === row.id)
          .map((language) => ({ language: language.language, level: language.level }) as TargetLanguage),
        defaultCorrectionPolicy,
      ),
    ),
  );
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [user] = await loadUsers(db, [row]);
  return user;
}

export async function findUserRowByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

/** True when a database error is a unique-constraint violation (either dialect). */
export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return (error as { code?: string })?.code === '23505' || /UNIQUE constraint failed/i.test(text);
}
