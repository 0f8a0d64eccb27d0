import { type FormEvent, useId, useState } from 'react';
import type { Persona, ScenarioSummary, TutorPreferences } from '../../../../contracts/tutor.ts';
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
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api.post<{ persona: Persona }>('/api/personas', {
        name,
        description,
        styleRules: lines(rules),
        previewLine,
        visibility: everyone ? 'everyone' : 'private',
      });
      query.setData((previous) => previous && { personas: [...previous.personas, result.persona] });
      setName('');
      setDescription('');
      setRules('');
      setPreviewLine('');
      setErrors(noErrors);
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
  }

  return (
    <section aria-labelledby="personas-heading" className="tutor-section">
      <h2 id="personas-heading">{t('personas.heading')}</h2>
      {query.loading && !query.data ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
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
            <p>{persona.description}</p>
            <p className="persona-preview">
              <q>{persona.previewLine}</q>
            </p>
            {persona.editable ? (
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => void remove(persona)}
              >
                {t('personas.delete', { name: persona.name })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <form className="form card" onSubmit={create} noValidate aria-label={t('personas.create')}>
        <h3>{t('personas.create')}</h3>
        <FormAlert message={errors.form} />
        <TextField
          label={t('personas.name')}
          name="name"
          value={name}
          onChange={setName}
          maxLength={60}
          error={errors.fields.name}
        />
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
          <SubmitButton busy={busy}>{t('personas.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

function ScenariosSection() {
  const t = useT('tutor-page');
  const query = useApiQuery<{ scenarios: ScenarioSummary[] }>('/api/scenarios');
  const [form, setForm] = useState({
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
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (value: string | boolean) => setForm({ ...form, [field]: value });
  const own = query.data?.scenarios.filter((scenario) => !scenario.builtIn) ?? [];

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    try {
      const vocabulary = lines(form.vocabulary).map((line) => {
        const [text = '', meaning = ''] = line.split('=').map((part) => part.trim());
        return { text, meaning: meaning || text };
      });
      const result = await api.post<{ scenario: ScenarioSummary }>('/api/scenarios', {
        title: form.title,
        description: form.description,
        category: form.category,
        level: form.level,
        learnerRole: form.learnerRole,
        tutorRole: form.tutorRole,
        setting: form.setting,
        goals: lines(form.goals),
        culturalNotes: lines(form.culturalNotes),
        vocabulary: vocabulary.length ? { [form.vocabularyLanguage]: vocabulary } : {},
        shared: form.shared,
      });
      query.setData((previous) => previous && { scenarios: [...previous.scenarios, result.scenario] });
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
  }

  return (
    <section aria-labelledby="scenarios-heading" className="tutor-section">
      <h2 id="scenarios-heading">{t('scenarios.heading')}</h2>
      <p className="muted">
        {query.data ? t('scenarios.builtIn', { count: query.data.scenarios.length - own.length }) : null}
      </p>
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
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => void remove(scenario)}
                >
                  {t('scenarios.delete', { title: scenario.title })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('scenarios.none')}</p>
      )}
      <form className="form card" onSubmit={create} noValidate aria-label={t('scenarios.write')}>
        <h3>{t('scenarios.write')}</h3>
        <FormAlert message={errors.form} />
        <TextField
          label={t('scenarios.title')}
          name="title"
          value={form.title}
          onChange={set('title')}
          maxLength={80}
          error={errors.fields.title}
        />
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
        </div>
      </form>
    </section>
  );
}
