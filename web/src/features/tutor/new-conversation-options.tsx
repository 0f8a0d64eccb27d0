import { useEffect, useId, useState } from 'react';
import type { CefrLevel } from '../../../../contracts/languages.ts';
import type { Persona, Scenario, ScenarioSummary, TutorModeInfo } from '../../../../contracts/tutor.ts';
import { SelectField, TextField } from '../../components/form-field.tsx';
import {
  categoryLabels,
  conversationPolicyOptions,
  fetchModes,
  fetchPersonas,
  fetchScenario,
  fetchScenarios,
} from './tutor-api.ts';

type Props = {
  language: string;
  level: CefrLevel;
  value: Readonly<Record<string, unknown>>;
  onChange: (value: Record<string, unknown>) => void;
};

const policyNames: Record<string, string> = {
  important: 'important only',
  all: 'every mistake',
  'on-request': 'only when asked',
  off: 'off',
  vocabulary: 'word choice and spelling',
};

/**
 * The tutor part of the new-conversation dialog: mode, persona (with its preview line), a scenario
 * browser for role-plays, the subject and the correction policy. Everything chosen goes into `value`,
 * which the dialog sends with the create request.
 */
export function NewConversationOptions({ language, level, value, onChange }: Props) {
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [modes, setModes] = useState<TutorModeInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  const mode = typeof value.mode === 'string' ? value.mode : 'free';
  const personaId = typeof value.personaId === 'string' ? value.personaId : '';
  const modeInfo = modes?.find((item) => item.id === mode);

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

  if (failed)
    return <p className="field-hint">Tutor options could not be loaded; the default tutor will be used.</p>;
  if (!personas || !modes) return <p className="field-hint">Loading tutor options…</p>;

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
        label="Tutor persona"
        name="personaId"
        value={persona?.id ?? ''}
        onChange={(next) => update({ personaId: next })}
        options={personas.map((item) => ({
          value: item.id,
          label: item.builtIn ? item.name : `${item.name} (custom)`,
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
        label="Corrections"
        name="correctionPolicy"
        value={typeof value.correctionPolicy === 'string' ? value.correctionPolicy : ''}
        onChange={(next) => update({ correctionPolicy: next })}
        options={conversationPolicyOptions.map((option) =>
          option.value === '' && modeInfo
            ? { ...option, label: `The mode’s default (${policyNames[modeInfo.defaultCorrectionPolicy]})` }
            : option,
        )}
        hint="Your choice in Settings wins over a mode’s default; this one wins for this conversation only."
      />
    </div>
  );
}

function PersonaPreview({ persona }: { persona: Persona }) {
  return (
    <span className="persona-preview">
      {persona.description} <q data-testid="persona-preview">{persona.previewLine}</q>
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
  const name = useId();
  return (
    <fieldset className="field mode-picker">
      <legend className="field-label">Mode</legend>
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
            <span className="mode-name">{mode.name}</span>
            <span className="mode-description">{mode.description}</span>
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
          label="Category"
          name="scenarioCategory"
          value={category}
          onChange={setCategory}
          options={[
            { value: '', label: 'All categories' },
            ...Object.entries(categoryLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
        <SelectField
          label="Scenario level"
          name="scenarioLevel"
          value={levelFilter}
          onChange={setLevelFilter}
          options={[
            { value: '', label: 'All levels' },
            ...levels.map((item) => ({ value: item, label: item })),
          ]}
        />
      </div>
      {scenarios === null ? (
        <p className="field-hint">Loading scenarios…</p>
      ) : scenarios.length === 0 ? (
        <p className="field-hint">No scenario matches these filters.</p>
      ) : (
        <ul className="scenario-list" aria-label="Scenarios">
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
                  <span className="badge">{categoryLabels[scenario.category] ?? scenario.category}</span>
                  <span className="badge badge-level">{scenario.level}</span>
                  {scenario.builtIn ? null : (
                    <span className="badge">by {scenario.author ?? 'a member'}</span>
                  )}
                </span>
                <span className="scenario-description">{scenario.description}</span>
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
  const vocabulary = scenario.vocabulary[language] ?? [];
  return (
    <section className="scenario-detail" aria-label={`About “${scenario.title}”`}>
      <p>
        <strong>You:</strong> {scenario.learnerRole}. <strong>Tutor:</strong> {scenario.tutorRole}.
      </p>
      <p className="scenario-setting">{scenario.setting}</p>
      <p className="field-label">Goals</p>
      <ul className="scenario-goals">
        {scenario.goals.map((goal) => (
          <li key={goal.id}>{goal.text}</li>
        ))}
      </ul>
      {vocabulary.length ? (
        <p className="scenario-vocabulary">
          <strong>Key words:</strong> {vocabulary.map((item) => item.text).join(', ')}
        </p>
      ) : (
        <p className="field-hint">The tutor improvises the key words for this language.</p>
      )}
    </section>
  );
}
