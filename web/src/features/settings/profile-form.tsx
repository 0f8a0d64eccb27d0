import { type FormEvent, useEffect, useState } from 'react';
import type { CorrectionPolicy, ProfileUpdate, User } from '../../../../contracts/auth.ts';
import type { CefrLevel } from '../../../../contracts/languages.ts';
import type { Persona } from '../../../../contracts/tutor.ts';
import {
  FormAlert,
  RadioGroup,
  type RadioOption,
  SelectField,
  StatusMessage,
  SubmitButton,
} from '../../components/form-field.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { useAuth, useCurrentUser } from '../../lib/auth-context.tsx';
import {
  correctionPolicyLabel,
  correctionPolicyOptions,
  isCorrectionPolicy,
} from '../../lib/correction-policies.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import {
  dailyGoalChoices,
  isCefrLevel,
  languageCatalogue,
  languageName,
  languageOptions,
  levelOptions,
} from '../../lib/languages.ts';

type TargetRow = { key: number; language: string; level: CefrLevel };

const maxTargetLanguages = 10;

export function ProfileForm() {
  const t = useT('settings');
  // The policies' names and descriptions (lib/correction-policies.ts) come from this catalogue.
  useT('corrections');
  const explanationOptions: RadioOption[] = [
    { value: 'native', label: t('profile.explainNative'), description: t('profile.explainNativeText') },
    { value: 'target', label: t('profile.explainTarget'), description: t('profile.explainTargetText') },
  ];
  const user = useCurrentUser();
  const { setUser } = useAuth();
  const profile = user.profile;
  const [nextKey, setNextKey] = useState(profile.targetLanguages.length + 1);
  const [nativeLanguage, setNativeLanguage] = useState(profile.nativeLanguage ?? '');
  const [targets, setTargets] = useState<TargetRow[]>(() =>
    profile.targetLanguages.map((target, index) => ({ key: index, ...target })),
  );
  const [dailyGoal, setDailyGoal] = useState(String(profile.dailyGoalMinutes));
  // '' is "no choice of my own": the modes' defaults and the server's apply.
  const [correctionPolicy, setCorrectionPolicy] = useState<CorrectionPolicy | ''>(
    profile.correctionPolicy ?? '',
  );
  const [explanationLanguage, setExplanationLanguage] = useState(profile.explanationLanguage);
  // '' is Charla's default persona; a conversation's own choice (the Tutor dialog) still wins.
  const [preferredPersona, setPreferredPersona] = useState(profile.preferredPersona ?? '');
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    // Called here rather than through the Tutor feature's module, which would split it into a chunk of
    // its own and add a file to the conversation screen's first load.
    api
      .get<{ personas: Persona[] }>('/api/personas', { signal: controller.signal })
      .then((result) => setPersonas(result.personas))
      // Without the list the field stays disabled on the stored choice; the rest of the form still saves.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  const builtInDefault = personas?.find((persona) => persona.isDefault);

  const goalChoices = [...new Set([...dailyGoalChoices, 45, 60, profile.dailyGoalMinutes])].sort(
    (a, b) => a - b,
  );
  const goalOptions = goalChoices.map((minutes) => ({
    value: String(minutes),
    label: t('profile.goalOption', { minutes }),
  }));
  const fieldNames = [
    'nativeLanguage',
    'targetLanguages',
    ...targets.flatMap((_, index) => [`targetLanguages.${index}.language`, `targetLanguages.${index}.level`]),
    'dailyGoalMinutes',
    'correctionPolicy',
    'explanationLanguage',
    'preferredPersona',
  ];

  function updateTarget(key: number, change: Partial<TargetRow>) {
    setTargets((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
    setSaved(null);
  }

  function addTarget() {
    setTargets((rows) => [...rows, { key: nextKey, language: '', level: 'A1' }]);
    setNextKey((key) => key + 1);
    setSaved(null);
  }

  function removeTarget(key: number) {
    setTargets((rows) => rows.filter((row) => row.key !== key));
    setSaved(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const clientChecks: Record<string, string | null> = {
      targetLanguages: targets.length === 0 ? t('profile.keepOne') : null,
    };
    targets.forEach((row, index) => {
      clientChecks[`targetLanguages.${index}.language`] = !row.language
        ? t('profile.chooseLanguage')
        : row.language === nativeLanguage
          ? t('profile.isNative')
          : null;
    });
    const clientErrors = fieldErrors(clientChecks);
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;

    setBusy(true);
    const update: ProfileUpdate = {
      ...(nativeLanguage ? { nativeLanguage } : {}),
      targetLanguages: targets.map(({ language, level }) => ({ language, level })),
      dailyGoalMinutes: Number(dailyGoal),
      correctionPolicy: correctionPolicy === '' ? null : correctionPolicy,
      explanationLanguage,
      preferredPersona: preferredPersona === '' ? null : preferredPersona,
    };
    try {
      const result = await api.patch<{ user: User }>('/api/me/profile', update);
      setUser(result.user);
      setSaved(t('profile.saved'));
    } catch (error) {
      setErrors(formErrorsFrom(error, fieldNames));
    } finally {
      setBusy(false);
    }
  }

  const chosen = targets.map((row) => row.language);

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="settings-profile">
      <h2 id="settings-profile">{t('profile.heading')}</h2>
      <FormAlert message={errors.form} />
      <SelectField
        label={t('profile.native')}
        name="nativeLanguage"
        value={nativeLanguage}
        onChange={(value) => {
          setNativeLanguage(value);
          setSaved(null);
        }}
        options={languageOptions()}
        placeholder={t('profile.chooseLanguage')}
        error={errors.fields.nativeLanguage}
      />

      <fieldset className="field target-languages">
        <legend className="field-label">{t('profile.targets')}</legend>
        {targets.map((row, index) => {
          const rowName = row.language
            ? languageName(row.language)
            : t('profile.languageN', { number: index + 1 });
          return (
            // biome-ignore lint/a11y/useSemanticElements: a nested fieldset per row would repeat the legend styling.
            <div className="target-row" key={row.key} role="group" aria-label={rowName}>
              <SelectField
                label={t('profile.language')}
                name={`targetLanguages.${index}.language`}
                value={row.language}
                onChange={(value) => updateTarget(row.key, { language: value })}
                options={languageOptions([...chosen.filter((code) => code !== row.language), nativeLanguage])}
                placeholder={t('profile.chooseLanguage')}
                error={errors.fields[`targetLanguages.${index}.language`]}
              />
              <SelectField
                label={t('profile.level')}
                name={`targetLanguages.${index}.level`}
                value={row.level}
                onChange={(value) => {
                  if (isCefrLevel(value)) updateTarget(row.key, { level: value });
                }}
                options={levelOptions()}
                error={errors.fields[`targetLanguages.${index}.level`]}
              />
              <button
                type="button"
                className="button button-quiet target-remove"
                onClick={() => removeTarget(row.key)}
                disabled={targets.length === 1}
              >
                {t('profile.remove')}
                <span className="visually-hidden"> {rowName}</span>
              </button>
            </div>
          );
        })}
        {errors.fields.targetLanguages ? (
          <p className="field-error">{errors.fields.targetLanguages}</p>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          onClick={addTarget}
          disabled={targets.length >= Math.min(maxTargetLanguages, languageCatalogue.length - 1)}
        >
          {t('profile.add')}
        </button>
      </fieldset>

      <SelectField
        label={t('profile.goal')}
        name="dailyGoalMinutes"
        value={dailyGoal}
        onChange={(value) => {
          setDailyGoal(value);
          setSaved(null);
        }}
        options={goalOptions}
        error={errors.fields.dailyGoalMinutes}
      />

      <SelectField
        label={t('profile.tutor')}
        name="preferredPersona"
        value={preferredPersona}
        onChange={(value) => {
          setPreferredPersona(value);
          setSaved(null);
        }}
        options={[
          {
            value: '',
            label: builtInDefault
              ? t('profile.tutorDefaultNamed', { name: builtInDefault.name })
              : t('profile.tutorDefault'),
          },
          ...(personas ?? []).map((persona) => ({ value: persona.id, label: persona.name })),
        ]}
        disabled={personas === null}
        hint={
          personas?.find((persona) => persona.id === preferredPersona)?.description ?? t('profile.tutorHint')
        }
        error={errors.fields.preferredPersona}
      />

      <RadioGroup
        legend={t('profile.corrections')}
        name="correctionPolicy"
        value={correctionPolicy}
        onChange={(value) => {
          if (value === '' || isCorrectionPolicy(value)) setCorrectionPolicy(value);
          setSaved(null);
        }}
        options={[
          {
            value: '',
            label: t('profile.correctionsDefault'),
            description: t('profile.correctionsDefaultText', {
              policy: correctionPolicyLabel(profile.defaultCorrectionPolicy),
            }),
          },
          ...correctionPolicyOptions(),
        ]}
        hint={t('profile.correctionsHint')}
        error={errors.fields.correctionPolicy}
      />

      <RadioGroup
        legend={t('profile.explanations')}
        name="explanationLanguage"
        value={explanationLanguage}
        onChange={(value) => {
          if (value === 'native' || value === 'target') setExplanationLanguage(value);
          setSaved(null);
        }}
        options={explanationOptions}
        hint={t('profile.explanationsHint')}
        error={errors.fields.explanationLanguage}
      />

      <div className="form-actions">
        <SubmitButton busy={busy}>{t('profile.save')}</SubmitButton>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
