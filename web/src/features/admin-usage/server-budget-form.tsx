import { type FormEvent, useState } from 'react';
import type { ServerBudget } from '../../../../contracts/budget.ts';
import {
  FormAlert,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextField,
} from '../../components/form-field.tsx';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { capText, parseCap } from './cap-input.ts';
import {
  DowngradeChainFields,
  downgradeChainText,
  initialDowngradeLinks,
} from './downgrade-chain-fields.tsx';

const savedText = 'Saved. The new budget applies from the next request.';

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
  const [monthly, setMonthly] = useState(capText(budget.monthlyCapMicros));
  const [policy, setPolicy] = useState<string>(budget.policy);
  const initialLinks = initialDowngradeLinks(budget.downgradeChain);
  const [links, setLinks] = useState(initialLinks);
  const [memberMonthly, setMemberMonthly] = useState(capText(budget.defaultMemberMonthlyCapMicros));
  const [memberDaily, setMemberDaily] = useState(capText(budget.defaultMemberDailyCapMicros));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(justSaved ? savedText : null);
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
    else if (server.micros === null) found.monthly = 'The server needs a monthly cap.';
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
      setStatus(savedText);
      onSaved();
    } catch (caught) {
      setFormError(formErrorsFrom(caught, []).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-busy={busy}>
      <h2>Server budget</h2>
      <FormAlert message={formError} />
      <TextField
        label="Monthly cap for the whole server (USD)"
        name="serverMonthlyCap"
        value={monthly}
        onChange={setMonthly}
        error={errors.monthly}
        hint="Everyone’s spending together. Requests that could pass it are refused before they start."
      />
      <SelectField
        label="At a cap"
        name="policy"
        value={policy}
        onChange={setPolicy}
        options={[
          { value: 'block', label: 'Block: refuse with a clear message (the learner keeps their draft)' },
          {
            value: 'downgrade',
            label:
              budget.downgradeChain.effective.length > 0
                ? `Downgrade: switch to ${downgradeChainText(budget.downgradeChain.effective)}`
                : 'Downgrade: switch to a cheaper chain',
          },
        ]}
        hint={
          policy === 'downgrade' && budget.downgradeChain.effective.length === 0
            ? 'Until a cheaper chain is saved, requests at a cap are refused as under Block.'
            : undefined
        }
      />
      {policy === 'downgrade' ? (
        <DowngradeChainFields chain={budget.downgradeChain} links={links} onChange={setLinks} />
      ) : null}
      <div className="form-columns">
        <TextField
          label="Default monthly cap per member (USD)"
          name="defaultMemberMonthlyCap"
          value={memberMonthly}
          onChange={setMemberMonthly}
          error={errors.memberMonthly}
          optional
          hint="Empty: no cap per member, only the server’s."
        />
        <TextField
          label="Default daily cap per member (USD)"
          name="defaultMemberDailyCap"
          value={memberDaily}
          onChange={setMemberDaily}
          error={errors.memberDaily}
          optional
        />
      </div>
      <p className="muted">Budget days and months start at midnight, {budget.timeZone}.</p>
      <SubmitButton busy={busy}>Save server budget</SubmitButton>
      <StatusMessage message={status} />
    </form>
  );
}
