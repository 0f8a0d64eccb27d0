import { type FormEvent, useEffect, useState } from 'react';
import type { VocabularySettings } from '../../../../contracts/vocabulary.ts';
import {
  CheckboxField,
  FormAlert,
  SelectField,
  StatusMessage,
  SubmitButton,
} from '../../components/form-field.tsx';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { formatPercent } from '../../i18n/format.ts';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

/** FSRS targets: below 80 % forgetting is the norm, above 97 % reviews multiply for little gain. */
const retentionChoices = [0.8, 0.85, 0.9, 0.93, 0.95, 0.97];
const newCardChoices = [0, 5, 10, 15, 20, 30, 50, 100];

function retentionLabel(t: Translate<'settings'>, value: number): string {
  const percent = formatPercent(value);
  if (value === 0.9) return t('review.recommended', { percent });
  return value < 0.9 ? t('review.fewer', { percent }) : t('review.more', { percent });
}

/**
 * How vocabulary review is scheduled (`/api/vocabulary/settings`): the share of cards the learner wants
 * to remember when they come due, how many new cards a day join the queue, and whether conversations add
 * cards without a click.
 */
export function ReviewSettings() {
  const t = useT('settings');
  const query = useApiQuery<VocabularySettings>('/api/vocabulary/settings');
  const [form, setForm] = useState<VocabularySettings | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (query.data) setForm(query.data);
  }, [query.data]);

  function change(update: Partial<VocabularySettings>) {
    setForm((previous) => (previous ? { ...previous, ...update } : previous));
    setSaved(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    setBusy(true);
    setSaved(null);
    setErrors(noErrors);
    try {
      const result = await api.patch<VocabularySettings>('/api/vocabulary/settings', {
        desiredRetention: form.desiredRetention,
        newCardsPerDay: form.newCardsPerDay,
        autoAddFromConversations: form.autoAddFromConversations,
      });
      setForm(result);
      setSaved(t('review.saved'));
    } catch (error) {
      setErrors(formErrorsFrom(error, ['desiredRetention', 'newCardsPerDay', 'autoAddFromConversations']));
    } finally {
      setBusy(false);
    }
  }

  const heading = <h2 id="settings-review">{t('review.heading')}</h2>;
  if (query.error) {
    return (
      <>
        {heading}
        <LoadError message={query.error.message} onRetry={query.reload} />
      </>
    );
  }
  if (!form) {
    return (
      <>
        {heading}
        <PageLoading label={t('review.loading')} />
      </>
    );
  }
  // A value set through the API outside these choices stays selectable as it is.
  const retention = [...new Set([...retentionChoices, form.desiredRetention])].sort((a, b) => a - b);
  const newCards = [...new Set([...newCardChoices, form.newCardsPerDay])].sort((a, b) => a - b);

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="settings-review">
      {heading}
      <FormAlert message={errors.form} />
      <SelectField
        label={t('review.retention')}
        name="desiredRetention"
        value={String(form.desiredRetention)}
        onChange={(value) => change({ desiredRetention: Number(value) })}
        options={retention.map((value) => ({ value: String(value), label: retentionLabel(t, value) }))}
        hint={t('review.retentionHint')}
        error={errors.fields.desiredRetention}
      />
      <SelectField
        label={t('review.newCards')}
        name="newCardsPerDay"
        value={String(form.newCardsPerDay)}
        onChange={(value) => change({ newCardsPerDay: Number(value) })}
        options={newCards.map((value) => ({
          value: String(value),
          label: value === 0 ? t('review.noNew') : t('review.perDay', { count: value }),
        }))}
        error={errors.fields.newCardsPerDay}
      />
      <CheckboxField
        label={t('review.autoAdd')}
        name="autoAddFromConversations"
        checked={form.autoAddFromConversations}
        onChange={(checked) => change({ autoAddFromConversations: checked })}
        hint={t('review.autoAddHint')}
        error={errors.fields.autoAddFromConversations}
      />
      <div className="form-actions">
        <SubmitButton busy={busy}>{t('review.save')}</SubmitButton>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}
