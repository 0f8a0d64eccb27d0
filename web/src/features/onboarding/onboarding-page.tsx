import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import type { ProfileUpdate, User } from '../../../../contracts/auth.ts';
import type { CefrLevel } from '../../../../contracts/languages.ts';
import { FormAlert, SelectField, SubmitButton } from '../../components/form-field.tsx';
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

const goalOptions = dailyGoalChoices.map((minutes) => ({
  value: String(minutes),
  label: `${minutes} minutes a day`,
}));

export function OnboardingPage() {
  const user = useCurrentUser();
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
      nativeLanguage: nativeLanguage ? null : 'Choose your native language',
      'targetLanguages.0.language': !targetLanguage
        ? 'Choose the language you want to learn'
        : targetLanguage === nativeLanguage
          ? 'Choose a language other than your native language'
          : null,
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    const update: ProfileUpdate = {
      nativeLanguage,
      targetLanguages: [{ language: targetLanguage, level }],
      dailyGoalMinutes: Number(dailyGoal),
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
      <title>Welcome · Charla</title>
      <p className="auth-brand">Charla</p>
      <h1>Welcome, {user.username}!</h1>
      <p className="lead">
        Three quick choices and you are ready. You can change all of them later in Profile &amp; settings.
      </p>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <SelectField
          label="Native language"
          name="nativeLanguage"
          value={nativeLanguage}
          onChange={chooseNative}
          options={languageOptions()}
          placeholder="Choose a language"
          hint="Explanations and translations use this language."
          error={errors.fields.nativeLanguage}
          required
        />
        <SelectField
          label="Language you are learning"
          name="targetLanguage"
          value={targetLanguage}
          onChange={setTargetLanguage}
          options={languageOptions(nativeLanguage ? [nativeLanguage] : [])}
          placeholder="Choose a language"
          error={errors.fields['targetLanguages.0.language'] ?? errors.fields.targetLanguages}
          required
        />
        <SelectField
          label="Level"
          name="level"
          value={level}
          onChange={(value) => {
            if (isCefrLevel(value)) setLevel(value);
          }}
          options={levelOptions()}
          hint={
            targetLanguage
              ? `Your level in ${languageName(targetLanguage)} today (CEFR). Not sure? Start lower; the tutor adapts.`
              : 'Your level today (CEFR). Not sure? Start lower; the tutor adapts.'
          }
          error={errors.fields['targetLanguages.0.level']}
        />
        <SelectField
          label="Daily goal"
          name="dailyGoal"
          value={dailyGoal}
          onChange={setDailyGoal}
          options={goalOptions}
          hint="A little every day beats a lot once a week."
          error={errors.fields.dailyGoalMinutes}
        />
        <SubmitButton busy={busy}>Start learning</SubmitButton>
      </form>
      <p className="auth-switch muted">
        Not {user.username}?{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => logout(() => navigate('/login', { replace: true }))}
        >
          Sign out
        </button>
      </p>
    </div>
  );
}
