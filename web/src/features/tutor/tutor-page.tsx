import { type FormEvent, useId, useRef, useState } from 'react';
import type { Persona, Scenario, ScenarioSummary, TutorPreferences } from '../../../../contracts/tutor.ts';
import {
  CheckboxField,
  FormAlert,
  SelectField,
  SubmitButton,
  TextField,
} from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { type FormErrors, formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { languageCatalogue, languageName, levelOptions } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { scenarioCategories, scenarioCategoryLabel } from './tutor-api.ts';
import './tutor.css';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function TextArea({
  label,
  name,
  value,
  onChange,
  hint,
  error,
  optional,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  optional?: boolean;
}) {
  const tc = useT('common');
  const id = useId();
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional ? <span className="field-optional"> {tc('form.optional')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={4}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

/**
 * The learner's own tutor material: custom personas (admins may share one with everyone) and
 * role-play scenarios they write and may share with the other members of the server.
 */
export function TutorPage() {
  const t = useT('tutor-page');
  return (
    <section className="page tutor-page">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      <DefaultsSection />
      <PersonasSection />
      <ScenariosSection />
    </section>
  );
}

/** The learner's defaults for new conversations: what to talk about and the level the tutor speaks at. */
function DefaultsSection() {
  const query = useApiQuery<{ preferences: TutorPreferences }>('/api/me/tutor-preferences');
  if (query.loading && !query.data) return <PageLoading />;
  if (query.error) return <LoadError message={query.error.message} onRetry={query.reload} />;
  if (!query.data) return null;
  return (
    <DefaultsForm
      key={JSON.stringify(query.data.preferences)}
      preferences={query.data.preferences}
      onSaved={(preferences) => query.setData(() => ({ preferences }))}
    />
  );
}

function DefaultsForm({
  preferences,
  onSaved,
}: {
  preferences: TutorPreferences;
  onSaved: (preferences: TutorPreferences) => void;
}) {
  const t = useT('tutor-page');
  const [subject, setSubject] = useState(preferences.subject ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const result = await api.patch<{ preferences: TutorPreferences }>('/api/me/tutor-preferences', {
        subject: subject.trim() === '' ? null : subject.trim(),
      });
      setErrors(noErrors);
      setSaved(true);
      onSaved(result.preferences);
    } catch (error) {
      setErrors(formErrorsFrom(error, ['subject', 'learnerLevel']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="defaults-heading" className="tutor-section">
      <h2 id="defaults-heading">{t('defaults.heading')}</h2>
      <form className="form card" onSubmit={save} noValidate aria-label={t('defaults.form')}>
        <FormAlert message={errors.form} />
        <TextField
          label={t('defaults.subject')}
          name="subject"
          value={subject}
          onChange={setSubject}
          optional
          maxLength={200}
          hint={t('defaults.subjectHint')}
          error={errors.fields.subject}
        />
        <p className="field-hint">{t('defaults.levelNote')}</p>
        <div className="form-actions">
          <SubmitButton busy={busy}>{t('defaults.save')}</SubmitButton>
          {saved ? <span role="status">{t('defaults.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}

function PersonasSection() {
  const t = useT('tutor-page');
  const user = useCurrentUser();
  const query = useApiQuery<{ personas: Persona[] }>('/api/personas');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [rules, setRules] = useState('');
  const [previewLine, setPreviewLine] = useState('');
  const [everyone, setEveryone] = useState(false);
  // The persona being edited in the form below, or null when the form creates a new one.
  const [editing, setEditing] = useState<Persona | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLDivElement>(null);

  function fillForm(persona: Persona | null) {
    setEditing(persona);
    setName(persona?.name ?? '');
    setDescription(persona?.description ?? '');
    setRules(persona?.styleRules.join('\n') ?? '');
    setPreviewLine(persona?.previewLine ?? '');
    setEveryone(persona?.visibility === 'everyone');
    setErrors(noErrors);
  }

  function startEditing(persona: Persona) {
    fillForm(persona);
    setStatus(null);
    // The form is below the list: take the learner to it, ready to type.
    requestAnimationFrame(() => {
      const input = nameInput.current?.querySelector('input');
      input?.focus();
      input?.scrollIntoView({ block: 'center' });
    });
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    const body = {
      name,
      description,
      styleRules: lines(rules),
      previewLine,
      visibility: everyone ? 'everyone' : 'private',
    };
    try {
      if (editing) {
        const result = await api.patch<{ persona: Persona }>(
          `/api/personas/${encodeURIComponent(editing.id)}`,
          body,
        );
        query.setData(
          (previous) =>
            previous && {
              personas: previous.personas.map((item) => (item.id === editing.id ? result.persona : item)),
            },
        );
        setStatus(t('status.saved', { name: result.persona.name }));
      } else {
        const result = await api.post<{ persona: Persona }>('/api/personas', body);
        query.setData((previous) => previous && { personas: [...previous.personas, result.persona] });
        setStatus(t('status.created', { name: result.persona.name }));
      }
      fillForm(null);
    } catch (error) {
      setErrors(formErrorsFrom(error, ['name', 'description', 'styleRules', 'previewLine']));
    } finally {
      setBusy(false);
    }
  }

  async function remove(persona: Persona) {
    await api.delete(`/api/personas/${encodeURIComponent(persona.id)}`);
    query.setData(
      (previous) => previous && { personas: previous.personas.filter((item) => item.id !== persona.id) },
    );
    if (editing?.id === persona.id) fillForm(null);
    setStatus(t('status.deleted', { name: persona.name }));
  }

  return (
    <section aria-labelledby="personas-heading" className="tutor-section">
      <h2 id="personas-heading">{t('personas.heading')}</h2>
      {query.loading && !query.data ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
      <ul className="persona-cards">
        {query.data?.personas.map((persona) => (
          <li key={persona.id} className="card persona-card">
            <h3>
              {persona.name}{' '}
              {persona.isDefault ? <span className="badge">{t('personas.default')}</span> : null}
              {persona.visibility === 'everyone' ? (
                <span className="badge">{t('personas.everyone')}</span>
              ) : null}
              {persona.visibility === 'private' ? <span className="badge">{t('personas.yours')}</span> : null}
            </h3>
            <p lang={persona.textLanguage}>{persona.description}</p>
            <p className="persona-preview">
              <q lang={persona.builtIn ? 'en' : undefined}>{persona.previewLine}</q>
            </p>
            {persona.editable ? (
              <p className="row-actions">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => startEditing(persona)}
                >
                  {t('personas.edit', { name: persona.name })}
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => void remove(persona)}
                >
                  {t('personas.delete', { name: persona.name })}
                </button>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <form
        className="form card"
        onSubmit={save}
        noValidate
        aria-label={editing ? t('personas.editTitle', { name: editing.name }) : t('personas.create')}
      >
        <h3>{editing ? t('personas.editTitle', { name: editing.name }) : t('personas.create')}</h3>
        <FormAlert message={errors.form} />
        <div ref={nameInput}>
          <TextField
            label={t('personas.name')}
            name="name"
            value={name}
            onChange={setName}
            maxLength={60}
            error={errors.fields.name}
          />
        </div>
        <TextField
          label={t('personas.description')}
          name="description"
          value={description}
          onChange={setDescription}
          maxLength={300}
          error={errors.fields.description}
        />
        <TextArea
          label={t('personas.style')}
          name="styleRules"
          value={rules}
          onChange={setRules}
          hint={t('personas.styleHint')}
          error={errors.fields.styleRules}
        />
        <TextField
          label={t('personas.previewLine')}
          name="previewLine"
          value={previewLine}
          onChange={setPreviewLine}
          maxLength={200}
          error={errors.fields.previewLine}
        />
        {user.role === 'admin' ? (
          <CheckboxField
            label={t('personas.shareAll')}
            name="everyone"
            checked={everyone}
            onChange={setEveryone}
          />
        ) : null}
        <div className="form-actions">
          <SubmitButton busy={busy}>{editing ? t('personas.save') : t('personas.submit')}</SubmitButton>
          {editing ? (
            <button type="button" className="button" onClick={() => fillForm(null)}>
              {t('cancelEditing')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

const emptyScenarioForm = {
  title: '',
  description: '',
  category: 'daily-life',
  level: 'A2',
  learnerRole: '',
  tutorRole: '',
  setting: '',
  goals: '',
  culturalNotes: '',
  vocabularyLanguage: 'es',
  vocabulary: '',
  shared: false,
};

/** A stored scenario as the form's texts: one goal, note or "word = meaning" per line. */
function scenarioForm(scenario: Scenario): typeof emptyScenarioForm {
  const [vocabularyLanguage = 'es', vocabulary = []] = Object.entries(scenario.vocabulary)[0] ?? [];
  return {
    title: scenario.title,
    description: scenario.description,
    category: scenario.category,
    level: scenario.level,
    learnerRole: scenario.learnerRole,
    tutorRole: scenario.tutorRole,
    setting: scenario.setting,
    goals: scenario.goals.map((goal) => goal.text).join('\n'),
    culturalNotes: scenario.culturalNotes.join('\n'),
    vocabularyLanguage,
    vocabulary: vocabulary
      .map((item) =>
        item.meaning && item.meaning !== item.text ? `${item.text} = ${item.meaning}` : item.text,
      )
      .join('\n'),
    shared: scenario.shared,
  };
}

/**
 * The form edits one language's key words (the first one stored); an edit keeps the other
 * languages' lists as they were.
 */
function keptVocabulary(editing: Scenario | null): Scenario['vocabulary'] {
  if (!editing) return {};
  return Object.fromEntries(
    Object.keys(editing.vocabulary)
      .slice(1)
      .map((language) => [language, editing.vocabulary[language] ?? []]),
  );
}

function ScenariosSection() {
  const t = useT('tutor-page');
  const query = useApiQuery<{ scenarios: ScenarioSummary[] }>('/api/scenarios');
  const [form, setForm] = useState(emptyScenarioForm);
  // The scenario being edited (loaded in full: the list has no goals or words), or null to write one.
  const [editing, setEditing] = useState<Scenario | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const titleInput = useRef<HTMLDivElement>(null);
  const set = (field: keyof typeof form) => (value: string | boolean) => setForm({ ...form, [field]: value });
  const own = query.data?.scenarios.filter((scenario) => !scenario.builtIn) ?? [];

  function stopEditing() {
    setEditing(null);
    setForm(emptyScenarioForm);
    setErrors(noErrors);
  }

  async function startEditing(summary: ScenarioSummary) {
    setStatus(null);
    try {
      const { scenario } = await api.get<{ scenario: Scenario }>(
        `/api/scenarios/${encodeURIComponent(summary.id)}`,
      );
      setEditing(scenario);
      setForm(scenarioForm(scenario));
      setErrors(noErrors);
      requestAnimationFrame(() => {
        const input = titleInput.current?.querySelector('input');
        input?.focus();
        input?.scrollIntoView({ block: 'center' });
      });
    } catch (error) {
      setErrors(formErrorsFrom(error, []));
    }
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const vocabulary = lines(form.vocabulary).map((line) => {
        const [text = '', meaning = ''] = line.split('=').map((part) => part.trim());
        return { text, meaning: meaning || text };
      });
      const body = {
        title: form.title,
        description: form.description,
        category: form.category,
        level: form.level,
        learnerRole: form.learnerRole,
        tutorRole: form.tutorRole,
        setting: form.setting,
        goals: lines(form.goals),
        culturalNotes: lines(form.culturalNotes),
        vocabulary: {
          ...keptVocabulary(editing),
          ...(vocabulary.length ? { [form.vocabularyLanguage]: vocabulary } : {}),
        },
        // The form has no field for phrases: an edit keeps the ones the scenario has.
        ...(editing ? { phrases: editing.phrases } : {}),
        shared: form.shared,
      };
      if (editing) {
        const result = await api.put<{ scenario: ScenarioSummary }>(
          `/api/scenarios/${encodeURIComponent(editing.id)}`,
          body,
        );
        query.setData(
          (previous) =>
            previous && {
              scenarios: previous.scenarios.map((item) => (item.id === editing.id ? result.scenario : item)),
            },
        );
        setStatus(t('status.saved', { name: result.scenario.title }));
        stopEditing();
      } else {
        const result = await api.post<{ scenario: ScenarioSummary }>('/api/scenarios', body);
        query.setData((previous) => previous && { scenarios: [...previous.scenarios, result.scenario] });
        setStatus(t('status.saved', { name: result.scenario.title }));
        setErrors(noErrors);
        setForm({
          ...form,
          title: '',
          description: '',
          goals: '',
          setting: '',
          vocabulary: '',
          culturalNotes: '',
        });
      }
    } catch (error) {
      setErrors(
        formErrorsFrom(error, [
          'title',
          'description',
          'learnerRole',
          'tutorRole',
          'setting',
          'goals',
          'culturalNotes',
          'vocabulary',
        ]),
      );
    } finally {
      setBusy(false);
    }
  }

  async function remove(scenario: ScenarioSummary) {
    await api.delete(`/api/scenarios/${encodeURIComponent(scenario.id)}`);
    query.setData(
      (previous) => previous && { scenarios: previous.scenarios.filter((item) => item.id !== scenario.id) },
    );
    if (editing?.id === scenario.id) stopEditing();
    setStatus(t('status.deleted', { name: scenario.title }));
  }

  return (
    <section aria-labelledby="scenarios-heading" className="tutor-section">
      <h2 id="scenarios-heading">{t('scenarios.heading')}</h2>
      <p className="muted">
        {query.data ? t('scenarios.builtIn', { count: query.data.scenarios.length - own.length }) : null}
      </p>
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
      {own.length ? (
        <ul className="persona-cards">
          {own.map((scenario) => (
            <li key={scenario.id} className="card persona-card">
              <h3>
                {scenario.title} <span className="badge badge-level">{scenario.level}</span>{' '}
                <span className="badge">{scenarioCategoryLabel(scenario.category)}</span>
                {scenario.shared ? <span className="badge">{t('scenarios.shared')}</span> : null}
              </h3>
              <p>{scenario.description}</p>
              <p className="muted">
                {t('scenarios.by', { author: scenario.author ?? t('scenarios.aMember') })}
              </p>
              {scenario.editable ? (
                <p className="row-actions">
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => void startEditing(scenario)}
                  >
                    {t('scenarios.edit', { title: scenario.title })}
                  </button>
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => void remove(scenario)}
                  >
                    {t('scenarios.delete', { title: scenario.title })}
                  </button>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('scenarios.none')}</p>
      )}
      <form
        className="form card"
        onSubmit={save}
        noValidate
        aria-label={editing ? t('scenarios.editTitle', { title: editing.title }) : t('scenarios.write')}
      >
        <h3>{editing ? t('scenarios.editTitle', { title: editing.title }) : t('scenarios.write')}</h3>
        <FormAlert message={errors.form} />
        <div ref={titleInput}>
          <TextField
            label={t('scenarios.title')}
            name="title"
            value={form.title}
            onChange={set('title')}
            maxLength={80}
            error={errors.fields.title}
          />
        </div>
        <TextField
          label={t('scenarios.description')}
          name="description"
          value={form.description}
          onChange={set('description')}
          maxLength={300}
          error={errors.fields.description}
        />
        <div className="scenario-filters">
          <SelectField
            label={t('scenarios.category')}
            name="category"
            value={form.category}
            onChange={set('category')}
            options={scenarioCategories.map((value) => ({ value, label: scenarioCategoryLabel(value) }))}
          />
          <SelectField
            label={t('scenarios.level')}
            name="level"
            value={form.level}
            onChange={set('level')}
            options={levelOptions()}
          />
        </div>
        <TextField
          label={t('scenarios.learnerRole')}
          name="learnerRole"
          value={form.learnerRole}
          onChange={set('learnerRole')}
          maxLength={120}
          error={errors.fields.learnerRole}
        />
        <TextField
          label={t('scenarios.tutorRole')}
          name="tutorRole"
          value={form.tutorRole}
          onChange={set('tutorRole')}
          maxLength={120}
          error={errors.fields.tutorRole}
        />
        <TextField
          label={t('scenarios.setting')}
          name="setting"
          value={form.setting}
          onChange={set('setting')}
          maxLength={500}
          error={errors.fields.setting}
        />
        <TextArea
          label={t('scenarios.goals')}
          name="goals"
          value={form.goals}
          onChange={set('goals')}
          hint={t('scenarios.goalsHint')}
          error={errors.fields.goals}
        />
        <TextArea
          label={t('scenarios.culturalNotes')}
          name="culturalNotes"
          value={form.culturalNotes}
          onChange={set('culturalNotes')}
          optional
          error={errors.fields.culturalNotes}
        />
        <SelectField
          label={t('scenarios.keyWordsLanguage')}
          name="vocabularyLanguage"
          value={form.vocabularyLanguage}
          onChange={set('vocabularyLanguage')}
          options={languageCatalogue.map((language) => ({
            value: language.code,
            label: languageName(language.code),
          }))}
        />
        <TextArea
          label={t('scenarios.keyWords')}
          name="vocabulary"
          value={form.vocabulary}
          onChange={set('vocabulary')}
          optional
          hint={t('scenarios.keyWordsHint')}
          error={errors.fields.vocabulary}
        />
        <CheckboxField
          label={t('scenarios.shareAll')}
          name="shared"
          checked={form.shared}
          onChange={set('shared')}
        />
        <div className="form-actions">
          <SubmitButton busy={busy}>{t('scenarios.submit')}</SubmitButton>
          {editing ? (
            <button type="button" className="button" onClick={stopEditing}>
              {t('cancelEditing')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
