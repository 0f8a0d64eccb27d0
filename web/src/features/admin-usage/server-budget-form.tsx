import { type FormEvent, useState } from 'react';
import type { ServerBudget } from '../../../../contracts/budget.ts';
import {
  FormAlert,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
} from '../../components/form-field.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { capText, parseCap } from './cap-input.ts';
import {
  DowngradeChainFields,
  downgradeChainText,
  initialDowngradeLinks,
} from './downgrade-chain-fields.tsx';

/**
 * The server-wide cap, the policy at a cap with its cheaper chain, and the default caps for members. The page remounts it
 * with the saved values after a save (`justSaved`), so the confirmation comes with them.
 */
export function ServerBudgetForm({
  budget,
  justSaved = false,
  onSaved,
}: {
  budget: ServerBudget;
  justSaved?: boolean;
  onSaved: () => void;
}) {
  const t = useT('admin-usage');
  const [monthly, setMonthly] = useState(capText(budget.monthlyCapMicros));
  const [policy, setPolicy] = useState<string>(budget.policy);
  const initialLinks = initialDowngradeLinks(budget.downgradeChain);
  const [links, setLinks] = useState(initialLinks);
  const [memberMonthly, setMemberMonthly] = useState(capText(budget.defaultMemberMonthlyCapMicros));
  const [memberDaily, setMemberDaily] = useState(capText(budget.defaultMemberDailyCapMicros));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(justSaved ? t('budget.saved') : null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    setFormError(null);
    const server = parseCap(monthly);
    const defaultMonthly = parseCap(memberMonthly);
    const defaultDaily = parseCap(memberDaily);
    const found: Record<string, string> = {};
    if ('error' in server) found.monthly = server.error;
    else if (server.micros === null) found.monthly = t('budget.monthlyRequired');
    if ('error' in defaultMonthly) found.memberMonthly = defaultMonthly.error;
    if ('error' in defaultDaily) found.memberDaily = defaultDaily.error;
    if (policy === 'downgrade' && links.some((link) => !link.provider || !link.model.trim()))
      found.downgradeChain =
        'Choose a provider and a model for each link of the cheaper chain, or remove it.';
    setErrors(found);
    setFormError(found.downgradeChain ?? null);
    // The second half only narrows the types: every parse error is already in `found`.
    if (
      Object.keys(found).length > 0 ||
      'error' in server ||
      'error' in defaultMonthly ||
      'error' in defaultDaily
    ) {
      return;
    }
    // The chain is sent only when edited: an untouched one from the environment stays there.
    const chain = links.map((link) => ({ provider: link.provider, model: link.model.trim() }));
    const chainEdited = policy === 'downgrade' && JSON.stringify(chain) !== JSON.stringify(initialLinks);
    setBusy(true);
    try {
      await api.put<ServerBudget>('/api/admin/budget', {
        monthlyCapMicros: server.micros,
        policy,
        defaultMemberMonthlyCapMicros: defaultMonthly.micros,
        defaultMemberDailyCapMicros: defaultDaily.micros,
        ...(chainEdited && { downgradeChain: chain }),
      });
      setStatus(t('budget.saved'));
      onSaved();
    } catch (caught) {
      setFormError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-busy={busy}>
      <h2>{t('budget.title')}</h2>
      <FormAlert message={formError} />
      <TextField
        label={t('budget.monthly')}
        name="serverMonthlyCap"
        value={monthly}
        onChange={setMonthly}
        error={errors.monthly}
        hint={t('budget.monthlyHint')}
      />
      <SelectField
        label={t('budget.policy')}
        name="policy"
        value={policy}
        onChange={setPolicy}
        options={[
          { value: 'block', label: t('budget.block') },
          {
            value: 'downgrade',
            label:
              budget.downgradeChain.effective.length > 0
                ? t('budget.downgradeTo', { chain: downgradeChainText(budget.downgradeChain.effective) })
                : t('budget.downgradeNeedsChain'),
          },
        ]}
        hint={
          policy === 'downgrade' && budget.downgradeChain.effective.length === 0
            ? t('budget.noChain')
            : undefined
        }
      />
      {policy === 'downgrade' ? (
        <DowngradeChainFields chain={budget.downgradeChain} links={links} onChange={setLinks} />
      ) : null}
      <div className="form-columns">
        <TextField
          label={t('budget.memberMonthly')}
          name="defaultMemberMonthlyCap"
          value={memberMonthly}
          onChange={setMemberMonthly}
          error={errors.memberMonthly}
          optional
          hint={t('budget.memberMonthlyHint')}
        />
        <TextField
          label={t('budget.memberDaily')}
          name="defaultMemberDailyCap"
          value={memberDaily}
          onChange={setMemberDaily}
          error={errors.memberDaily}
          optional
        />
      </div>
      <p className="muted">{t('budget.timeZone', { timeZone: budget.timeZone })}</p>
      <SubmitButton busy={busy}>{t('budget.save')}</SubmitButton>
      <StatusMessage message={status} />
    </form>
  );
}
