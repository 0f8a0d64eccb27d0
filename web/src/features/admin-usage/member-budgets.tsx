import { type FormEvent, useState } from 'react';
import type { MemberUsage } from '../../../../contracts/budget.ts';
import { formatMoney } from '../../i18n/format-money.ts';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { capText, parseCap } from './cap-input.ts';

function CapCell({ own, effective }: { own: number | null; effective: number | null }) {
  const t = useT('admin-usage');
  if (effective === null) return <span className="muted">{t('members.none')}</span>;
  return (
    <>
      {formatMoney(effective)}
      {own === null ? <span className="muted"> {t('members.default')}</span> : null}
    </>
  );
}

/** One member's caps, edited in place: empty boxes fall back to the server's defaults. */
function CapEditor({
  member,
  onSaved,
  onCancel,
}: {
  member: MemberUsage;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT('admin-usage');
  const tc = useT('common');
  const [monthly, setMonthly] = useState(capText(member.budget.monthlyCapMicros));
  const [daily, setDaily] = useState(capText(member.budget.dailyCapMicros));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const monthlyCap = parseCap(monthly);
    const dailyCap = parseCap(daily);
    if ('error' in monthlyCap || 'error' in dailyCap) {
      setError(t('members.badAmounts'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/admin/members/${member.id}/budget`, {
        monthlyCapMicros: monthlyCap.micros,
        dailyCapMicros: dailyCap.micros,
      });
      onSaved();
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
      setBusy(false);
    }
  }

  return (
    <form className="cap-editor" onSubmit={submit} noValidate aria-busy={busy}>
      <label>
        <span>{t('members.monthlyFor', { name: member.username })}</span>
        <input
          name="monthlyCap"
          inputMode="decimal"
          value={monthly}
          onChange={(event) => setMonthly(event.target.value)}
          placeholder={t('members.defaultPlaceholder')}
        />
      </label>
      <label>
        <span>{t('members.dailyFor', { name: member.username })}</span>
        <input
          name="dailyCap"
          inputMode="decimal"
          value={daily}
          onChange={(event) => setDaily(event.target.value)}
          placeholder={t('members.defaultPlaceholder')}
        />
      </label>
      <div className="cap-editor-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          {t('members.save')}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel} disabled={busy}>
          {tc('actions.cancel')}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Every member's spending this month against their caps, with the caps editable in place. */
export function MemberBudgets({
  members,
  current,
  onSaved,
}: {
  members: MemberUsage[];
  current: boolean;
  onSaved: () => void;
}) {
  const t = useT('admin-usage');
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <table className="usage-table member-budgets">
      <caption>{t('members.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('members.member')}</th>
          <th scope="col" className="numeric">
            {t('members.spent')}
          </th>
          {current ? (
            <th scope="col" className="numeric">
              {t('members.today')}
            </th>
          ) : null}
          <th scope="col">{t('members.monthlyCap')}</th>
          <th scope="col">{t('members.dailyCap')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('members.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.id} data-member={member.username}>
            <th scope="row">
              {member.username}
              {member.isChild ? <span className="badge badge-child">{t('members.child')}</span> : null}
              {member.disabled ? <span className="badge badge-disabled">{t('members.disabled')}</span> : null}
            </th>
            {/* data-label: on a phone the header row is hidden and each cell names itself (usage.css). */}
            <td className="numeric" data-label={t('members.spent')}>
              {formatMoney(member.spentMicros)}
            </td>
            {current ? (
              <td className="numeric" data-label={t('members.today')}>
                {formatMoney(member.todaySpentMicros)}
              </td>
            ) : null}
            {editing === member.id ? (
              <td colSpan={3}>
                <CapEditor
                  member={member}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null);
                    onSaved();
                  }}
                />
              </td>
            ) : (
              <>
                <td data-label={t('members.monthlyCap')}>
                  <CapCell
                    own={member.budget.monthlyCapMicros}
                    effective={member.budget.effectiveMonthlyCapMicros}
                  />
                </td>
                <td data-label={t('members.dailyCap')}>
                  <CapCell
                    own={member.budget.dailyCapMicros}
                    effective={member.budget.effectiveDailyCapMicros}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => setEditing(member.id)}
                    aria-label={t('members.editLabel', { name: member.username })}
                  >
                    {t('members.edit')}
                  </button>
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
