import type { Kysely } from 'kysely';
import type { ProfileUpdate, User, VoiceSettings, VoiceSettingsUpdate } from '../../contracts/auth.ts';
import type { LanguageCode } from '../../contracts/languages.ts';
import { findUserById } from '../auth/users.ts';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';

/** Fields left out keep their value; voice names merge per language and `null` forgets one. */
export function mergeVoice(current: VoiceSettings, update: VoiceSettingsUpdate): VoiceSettings {
  const voiceNames: VoiceSettings['voiceNames'] = { ...current.voiceNames };
  for (const [language, name] of Object.entries(update.voiceNames ?? {}) as [LanguageCode, string | null][]) {
    if (name === null) delete voiceNames[language];
    else voiceNames[language] = name;
  }
  const serverVoices: VoiceSettings['serverVoices'] = { ...current.serverVoices };
  for (const [language, name] of Object.entries(update.serverVoices ?? {}) as [
    LanguageCode,
    string | null,
  ][]) {
    if (name === null) delete serverVoices[language];
    else serverVoices[language] = name;
  }
  return {
    rate: update.rate ?? current.rate,
    voiceNames,
    autoSpeak: update.autoSpeak ?? current.autoSpeak,
    engine: update.engine ?? current.engine,
    serverVoices,
    storeAudio: update.storeAudio ?? current.storeAudio,
  };
}

/**
 * Applies a learner's profile changes in one transaction. Target languages are replaced as a list
 * (their order is the learner's order of preference). Onboarding completes only once a native and a
 * target language exist.
 */
export async function updateProfile(
  db: Kysely<Database>,
  clock: Clock,
  userId: string,
  update: ProfileUpdate,
): Promise<User> {
  const now = clock.now().toISOString();
  const current = await findUserById(db, userId);
  if (!current) throw notFound('account');
  const nativeLanguage = update.nativeLanguage ?? current.profile.nativeLanguage;
  const targets = update.targetLanguages ?? current.profile.targetLanguages;
  if (nativeLanguage && targets.some((target) => target.language === nativeLanguage)) {
    throw validationFailed(msg('errors.profile.targetIsNative'), {
      issues: [{ path: 'targetLanguages', message: 'must differ from your native language' }],
    });
  }
  if (update.completeOnboarding && (!nativeLanguage || targets.length === 0)) {
    throw validationFailed(msg('errors.profile.chooseFirst'), {
      issues: [
        ...(nativeLanguage ? [] : [{ path: 'nativeLanguage', message: 'is required' }]),
        ...(targets.length ? [] : [{ path: 'targetLanguages', message: 'add at least one language' }]),
      ],
    });
  }

  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('profiles')
      .set({
        ...(update.nativeLanguage !== undefined && { native_language: update.nativeLanguage }),
        ...(update.dailyGoalMinutes !== undefined && { daily_goal_minutes: update.dailyGoalMinutes }),
        ...(update.correctionPolicy !== undefined &&
          (update.correctionPolicy === null
            ? // Back to the defaults: the modes' own and the server's.
              { correction_policy_explicit: 0 }
            : {
                correction_policy: update.correctionPolicy,
                // From now on the learner's choice wins over a tutor mode's default.
                correction_policy_explicit: 1,
              })),
        ...(update.explanationLanguage !== undefined && { explanation_language: update.explanationLanguage }),
        ...(update.preferredPersona !== undefined && { preferred_persona: update.preferredPersona }),
        ...(update.interfaceLanguage !== undefined && { interface_language: update.interfaceLanguage }),
        ...(update.voice !== undefined && {
          voice_json: JSON.stringify(mergeVoice(current.profile.voice, update.voice)),
        }),
        ...(update.completeOnboarding && !current.profile.onboarded && { onboarded_at: now }),
        updated_at: now,
      })
      .where('user_id', '=', userId)
      .execute();
    if (
      update.dailyGoalMinutes !== undefined &&
      update.dailyGoalMinutes !== current.profile.dailyGoalMinutes
    ) {
      // Progress judges each past day against the goal it had (XP for the daily goal), not today's.
      await trx
        .insertInto('daily_goal_changes')
        .values({
          id: newId(Date.parse(now)),
          user_id: userId,
          from_minutes: current.profile.dailyGoalMinutes,
          to_minutes: update.dailyGoalMinutes,
          changed_at: now,
        })
        .execute();
    }
    if (update.targetLanguages) {
      await trx.deleteFrom('user_languages').where('user_id', '=', userId).execute();
      if (update.targetLanguages.length) {
        await trx
          .insertInto('user_languages')
          .values(
            update.targetLanguages.map((target, position) => ({
              user_id: userId,
              language: target.language,
              level: target.level,
              position,
              created_at: now,
            })),
          )
          .execute();
      }
    }
  });
  const user = await findUserById(db, userId);
  if (!user) throw notFound('account');
  return user;
}
