import { useEffect, useId, useState } from 'react';
import type { CefrLevel } from '../../../../contracts/languages.ts';
import type { KeyIn } from '../../../../contracts/messages/catalogues.ts';
import type { Persona, Scenario, ScenarioSummary, TutorModeInfo } from '../../../../contracts/tutor.ts';
import { SelectField, TextField } from '../../components/form-field.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { levelOptions } from '../../lib/languages.ts';
import {
  conversationPolicyOptions,
  fetchModes,
  fetchPersonas,
  fetchScenario,
  fetchScenarios,
  scenarioCategories,
  scenarioCategoryLabel,
} from './tutor-api.ts';

type Props = {
  language: string;
  level: CefrLevel;
  value: Readonly<Record<string, unknown>>;
  onChange: (value: Record<string, unknown>) => void;
};

const modeIds = [
  'free',
  'scenario',
  'interview',
  'negotiation',
  'teacher',
  'vocabulary',
  'grammar',
  'explain',
] as const;
type KnownMode = (typeof modeIds)[number];
const isKnownMode = (id: string): id is KnownMode => (modeIds as readonly string[]).includes(id);

type SubjectKey = Extract<KeyIn<'tutor-page'>, `mode.${string}.subject`>;
const subjectKeys: ReadonlySet<string> = new Set<SubjectKey>([
  'mode.free.subject',
  'mode.interview.subject',
  'mode.negotiation.subject',
  'mode.teacher.subject',
  'mode.vocabulary.subject',
  'mode.grammar.subject',
]);

/**
 * A mode's name, description and subject label in the interface language (the contract's
 * tutorModeCatalogue, by id); a mode this version does not know keeps the server's English words.
 */
function modeText(mode: TutorModeInfo, t: Translate<'tutor-page'>): TutorModeInfo {
  if (!isKnownMode(mode.id)) return mode;
  const subject = `mode.${mode.id}.subject`;
  return {
    ...mode,
    name: t(`mode.${mode.id}.name`),
    description: t(`mode.${mode.id}.description`),
    subjectLabel:
      mode.subjectLabel !== null && subjectKeys.has(subject) ? t(subject as SubjectKey) : mode.subjectLabel,
  };
}

const policyNames: Record<string, KeyIn<'tutor-page'>> = {
  important: 'options.policy.important',
  all: 'options.policy.all',
  'on-request': 'options.policy.on-request',
  off: 'options.policy.off',
  vocabulary: 'options.policy.vocabulary',
};

/**
 * The tutor part of the new-conversation dialog: mode, persona (with its preview line), a scenario
 * browser for role-plays, the subject and the correction policy. Everything chosen goes into `value`,
 * which the dialog sends with the create request.
 */
export function NewConversationOptions({ language, level, value, onChange }: Props) {
  const t = useT('tutor-page');
  // The corrections choices' words (conversationPolicyOptions).
  useT('tutor-session');
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [modes, setModes] = useState<TutorModeInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  const mode = typeof value.mode === 'string' ? value.mode : 'free';
  const personaId = typeof value.personaId === 'string' ? value.personaId : '';
  const found = modes?.find((item) => item.id === mode);
  const modeInfo = found ? modeText(found, t) : undefined;

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchPersonas(controller.signal), fetchModes(controller.signal)])
      .then(([loadedPersonas, loadedModes]) => {
        setPersonas(loadedPersonas);
        setModes(loadedModes);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, []);

  function update(change: Record<string, unknown>) {
    const next: Record<string, unknown> = { ...value, ...change };
    for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '') delete next[key];
    if (next.mode === 'free') delete next.mode;
    onChange(next);
  }

  if (failed) return <p className="field-hint">{t('options.failed')}</p>;
  if (!personas || !modes) return <p className="field-hint">{t('options.loading')}</p>;

  const persona = personas.find((item) => item.id === personaId) ?? personas.find((item) => item.isDefault);
  return (
    <div className="tutor-options">
      <ModePicker
        modes={modes}
        value={mode}
        onChange={(next) =>
          update({
            mode: next,
            scenarioId: next === 'scenario' ? value.scenarioId : undefined,
            subject: undefined,
          })
        }
      />
      {mode === 'scenario' ? (
        <ScenarioBrowser
          language={language}
          level={level}
          selected={typeof value.scenarioId === 'string' ? value.scenarioId : null}
          onSelect={(scenarioId) => update({ scenarioId })}
        />
      ) : null}
      <SelectField
        label={t('options.persona')}
        name="personaId"
        value={persona?.id ?? ''}
        onChange={(next) => update({ personaId: next })}
        options={personas.map((item) => ({
          value: item.id,
          label: item.builtIn ? item.name : t('options.custom', { name: item.name }),
        }))}
        hint={persona ? <PersonaPreview persona={persona} /> : undefined}
      />
      {modeInfo?.subjectLabel ? (
        <TextField
          label={modeInfo.subjectLabel}
          name="subject"
          value={typeof value.subject === 'string' ? value.subject : ''}
          onChange={(next) => update({ subject: next })}
          optional
          maxLength={200}
        />
      ) : null}
      <SelectField
        label={t('options.corrections')}
        name="correctionPolicy"
        value={typeof value.correctionPolicy === 'string' ? value.correctionPolicy : ''}
        onChange={(next) => update({ correctionPolicy: next })}
        options={conversationPolicyOptions().map((option) => {
          const policy = modeInfo ? policyNames[modeInfo.defaultCorrectionPolicy] : undefined;
          return option.value === '' && policy
            ? { ...option, label: t('options.modeDefault', { policy: t(policy) }) }
            : option;
        })}
        hint={t('options.correctionsHint')}
      />
    </div>
  );
}

function PersonaPreview({ persona }: { persona: Persona }) {
  return (
    <span className="persona-preview">
      <span lang={persona.textLanguage}>{persona.description}</span>{' '}
      <q data-testid="persona-preview" lang={persona.builtIn ? 'en' : undefined}>
        {persona.previewLine}
      </q>
    </span>
  );
}

function ModePicker({
  modes,
  value,
  onChange,
}: {
  modes: TutorModeInfo[];
  value: string;
  onChange: (mode: string) => void;
}) {
  const t = useT('tutor-page');
  const name = useId();
  return (
    <fieldset className="field mode-picker">
      <legend className="field-label">{t('options.mode')}</legend>
      <div className="mode-options">
        {modes.map((mode) => (
          <label key={mode.id} className="mode-option" data-selected={mode.id === value || undefined}>
            <input
              type="radio"
              name={name}
              value={mode.id}
              checked={mode.id === value}
              onChange={() => onChange(mode.id)}
            />
            <span className="mode-name">{modeText(mode, t).name}</span>
            <span className="mode-description">{modeText(mode, t).description}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

function ScenarioBrowser({
  language,
  level,
  selected,
  onSelect,
}: {
  language: string;
  /** Scenarios nearest the conversation's level are listed first. */
  level: CefrLevel;
  selected: string | null;
  onSelect: (scenarioId: string) => void;
}) {
  const t = useT('tutor-page');
  const [category, setCategory] = useState('');
  // All levels at first: a learner often wants a scenario a little below or above their own.
  const [levelFilter, setLevelFilter] = useState('');
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [detail, setDetail] = useState<Scenario | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setScenarios(null);
    const distance = (item: ScenarioSummary) => Math.abs(levels.indexOf(item.level) - levels.indexOf(level));
    fetchScenarios({ category, level: levelFilter }, controller.signal)
      .then((found) => setScenarios([...found].sort((a, b) => distance(a) - distance(b))))
      .catch(() => {
        if (!controller.signal.aborted) setScenarios([]);
      });
    return () => controller.abort();
  }, [category, levelFilter, level]);

  useEffect(() => {
    if (!selected) {
      setDetail(null);
      return;
    }
    const controller = new AbortController();
    fetchScenario(selected, controller.signal)
      .then(setDetail)
      .catch(() => setDetail(null));
    return () => controller.abort();
  }, [selected]);

  return (
    <div className="scenario-browser">
      <div className="scenario-filters">
        <SelectField
          label={t('options.category')}
          name="scenarioCategory"
          value={category}
          onChange={setCategory}
          options={[
            { value: '', label: t('options.allCategories') },
            ...scenarioCategories.map((value) => ({ value, label: scenarioCategoryLabel(value) })),
          ]}
        />
        <SelectField
          label={t('options.scenarioLevel')}
          name="scenarioLevel"
          value={levelFilter}
          onChange={setLevelFilter}
          options={[{ value: '', label: t('options.allLevels') }, ...levelOptions()]}
        />
      </div>
      {scenarios === null ? (
        <p className="field-hint">{t('options.loadingScenarios')}</p>
      ) : scenarios.length === 0 ? (
        <p className="field-hint">{t('options.noScenario')}</p>
      ) : (
        <ul className="scenario-list" aria-label={t('options.scenarios')}>
          {scenarios.map((scenario) => (
            <li key={scenario.id}>
              <button
                type="button"
                className="scenario-item"
                aria-pressed={scenario.id === selected}
                onClick={() => onSelect(scenario.id)}
              >
                <span className="scenario-title">{scenario.title}</span>
                <span className="badges">
                  <span className="badge">{scenarioCategoryLabel(scenario.category)}</span>
                  <span className="badge badge-level">{scenario.level}</span>
                  {scenario.builtIn ? null : (
                    <span className="badge">
                      {t('scenarios.by', { author: scenario.author ?? t('scenarios.aMember') })}
                    </span>
                  )}
                </span>
                <span className="scenario-description" lang={scenario.textLanguage}>
                  {scenario.description}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {detail ? <ScenarioDetail scenario={detail} language={language} /> : null}
    </div>
  );
}

function ScenarioDetail({ scenario, language }: { scenario: Scenario; language: string }) {
  const t = useT('tutor-page');
  const vocabulary = scenario.vocabulary[language] ?? [];
  // A built-in's brief for the tutor (roles, setting, goals) is written in English only.
  const brief = scenario.builtIn ? 'en' : undefined;
  return (
    <section className="scenario-detail" aria-label={t('options.about', { title: scenario.title })}>
      <p>
        <strong>{t('options.you')}</strong> <span lang={brief}>{scenario.learnerRole}</span>.{' '}
        <strong>{t('options.tutor')}</strong> <span lang={brief}>{scenario.tutorRole}</span>.
      </p>
      <p className="scenario-setting" lang={brief}>
        {scenario.setting}
      </p>
      <p className="field-label">{t('options.goals')}</p>
      <ul className="scenario-goals" lang={brief}>
        {scenario.goals.map((goal) => (
          <li key={goal.id}>{goal.text}</li>
        ))}
      </ul>
      {vocabulary.length ? (
        <p className="scenario-vocabulary">
          <strong>{t('options.keyWords')}</strong> {vocabulary.map((item) => item.text).join(', ')}
        </p>
      ) : (
        <p className="field-hint">{t('options.improvises')}</p>
      )}
    </section>
  );
}
