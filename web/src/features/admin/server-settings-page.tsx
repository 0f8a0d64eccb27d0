import { useState } from 'react';
import type { ServerSettings } from '../../../../contracts/admin.ts';
import { CheckboxField, FormAlert, RadioGroup } from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import {
  correctionPolicyLabel,
  correctionPolicyOptions,
  isCorrectionPolicy,
} from '../../lib/correction-policies.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

export function ServerSettingsPage() {
  const t = useT('admin');
  // The policies' names and descriptions (lib/correction-policies.ts) come from this catalogue.
  useT('corrections');
  const query = useApiQuery<ServerSettings>('/api/admin/settings');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  // Each setting saves as soon as it changes: there is nothing else to submit with it. It changes at
  // once (the click is the admin's intent) and changes back if the server refuses.
  async function save(update: Partial<ServerSettings>, describe: (settings: ServerSettings) => string) {
    const before = query.data;
    if (!before) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    query.setData(() => ({ ...before, ...update }));
    try {
      const result = await api.patch<ServerSettings>('/api/admin/settings', update);
      query.setData(() => result);
      setStatus(describe(result));
    } catch (caught) {
      query.setData(() => before);
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page">
      <PageTitle lead={t('settings.lead')}>{t('settings.title')}</PageTitle>
      {query.loading && !query.data ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {query.data ? (
        <div className="card form" aria-busy={busy}>
          <FormAlert message={error} />
          <h2>{t('settings.accounts')}</h2>
          <CheckboxField
            label={t('settings.openSignup')}
            name="openSignup"
            checked={query.data.openSignup}
            onChange={(openSignup) =>
              save({ openSignup }, (result) =>
                result.openSignup ? t('settings.openSignupOn') : t('settings.openSignupOff'),
              )
            }
            disabled={busy}
            hint={t('settings.openSignupHint')}
          />
          <h2>{t('settings.tutor')}</h2>
          <RadioGroup
            legend={t('settings.corrections')}
            name="defaultCorrectionPolicy"
            value={query.data.defaultCorrectionPolicy}
            onChange={(value) => {
              if (!isCorrectionPolicy(value)) return;
              void save({ defaultCorrectionPolicy: value }, (result) =>
                t('settings.correctionsSaved', {
                  policy: correctionPolicyLabel(result.defaultCorrectionPolicy),
                }),
              );
            }}
            options={correctionPolicyOptions()}
            disabled={busy}
            hint={t('settings.correctionsHint')}
          />
          <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
            {status}
          </div>
        </div>
      ) : null}
    </section>
  );
}
