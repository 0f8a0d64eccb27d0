import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import type { ProfileUpdate, User } from '../../../../contracts/auth.ts';
import type { CefrLevel } from '../../../../contracts/languages.ts';
import type { InterfaceLanguage } from '../../../../contracts/messages/languages.ts';
import { FormAlert, SelectField, SubmitButton } from '../../components/form-field.tsx';
import { InterfaceLanguagePicker } from '../../components/language-picker.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { useAuth, useCurrentUser } from '../../lib/auth-context.tsx';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import {
  browserLanguage,
  dailyGoalChoices,
  isCefrLevel,
  languageName,
  languageOptions,
  levelOptions,
} from '../../lib/languages.ts';

const fields = [
  'nativeLanguage',
  'targetLanguages.0.language',
  'targetLanguages.0.level',
  'targetLanguages',
  'dailyGoalMinutes',
] as const;

export function OnboardingPage() {
  const t = useT('onboarding');
  const user = useCurrentUser();
  const [interfaceLanguage, setInterfaceLanguage] = useState<InterfaceLanguage>(
    user.profile.interfaceLanguage,
  );
  const goalOptions = dailyGoalChoices.map((minutes) => ({
    value: String(minutes),
    label: t('goal.option', { minutes }),
  }));
  const { setUser, logout } = useAuth();
  const navigate = useNavigate();
  const existingTarget = user.profile.targetLanguages[0];
  const [nativeLanguage, setNativeLanguage] = useState(user.profile.nativeLanguage ?? browserLanguage());
  const [targetLanguage, setTargetLanguage] = useState(existingTarget?.language ?? '');
  const [level, setLevel] = useState<CefrLevel>(existingTarget?.level ?? 'A1');
  const [dailyGoal, setDailyGoal] = useState(
    (dailyGoalChoices as readonly number[]).includes(user.profile.dailyGoalMinutes)
      ? String(user.profile.dailyGoalMinutes)
      : '10',
  );
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  if (user.profile.onboarded) return <Navigate to="/" replace />;

  function chooseNative(code: string) {
    setNativeLanguage(code);
    // A language cannot be both: clear the target rather than silently keep an impossible pair.
    if (code === targetLanguage) setTargetLanguage('');
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({
      nativeLanguage: nativeLanguage ? null : t('native.required'),
      'targetLanguages.0.language': !targetLanguage
        ? t('target.required')
        : targetLanguage === nativeLanguage
          ? t('target.notNative')
          : null,
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    const update: ProfileUpdate = {
      nativeLanguage,
      targetLanguages: [{ language: targetLanguage, level }],
      dailyGoalMinutes: Number(dailyGoal),
      interfaceLanguage,
      completeOnboarding: true,
    };
    try {
      const result = await api.patch<{ user: User }>('/api/me/profile', update);
      setUser(result.user);
      navigate('/', { replace: true });
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
      setBusy(false);
    }
  }

  return (
    <div className="card auth-card onboarding-card">
      <title>{t('documentTitle')}</title>
      <p className="auth-brand">Charla</p>
      <h1>{t('welcome', { name: user.username })}</h1>
      <p className="lead">{t('lead')}</p>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <InterfaceLanguagePicker value={interfaceLanguage} onChange={setInterfaceLanguage} hint />
        <SelectField
          label={t('native.label')}
          name="nativeLanguage"
          value={nativeLanguage}
          onChange={chooseNative}
          options={languageOptions()}
          placeholder={t('chooseLanguage')}
          hint={t('native.hint')}
          error={errors.fields.nativeLanguage}
          required
        />
        <SelectField
          label={t('target.label')}
          name="targetLanguage"
          value={targetLanguage}
          onChange={setTargetLanguage}
          options={languageOptions(nativeLanguage ? [nativeLanguage] : [])}
          placeholder={t('chooseLanguage')}
          error={errors.fields['targetLanguages.0.language'] ?? errors.fields.targetLanguages}
          required
        />
        <SelectField
          label={t('level.label')}
          name="level"
          value={level}
          onChange={(value) => {
            if (isCefrLevel(value)) setLevel(value);
          }}
          options={levelOptions()}
          hint={
            targetLanguage ? t('level.hintFor', { language: languageName(targetLanguage) }) : t('level.hint')
          }
          error={errors.fields['targetLanguages.0.level']}
        />
        <SelectField
          label={t('goal.label')}
          name="dailyGoal"
          value={dailyGoal}
          onChange={setDailyGoal}
          options={goalOptions}
          hint={t('goal.hint')}
          error={errors.fields.dailyGoalMinutes}
        />
        <SubmitButton busy={busy}>{t('submit')}</SubmitButton>
      </form>
      <p className="auth-switch muted">
        {t('notYou', { name: user.username })}{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => logout(() => navigate('/login', { replace: true }))}
        >
          {t('signOut')}
        </button>
      </p>
    </div>
  );
}
