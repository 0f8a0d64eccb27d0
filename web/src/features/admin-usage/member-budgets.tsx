import { type FormEvent, useState } from 'react';
import type { MemberUsage } from '../../../../contracts/budget.ts';
import { formatUsd } from '../../../../contracts/money.ts';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { capText, parseCap } from './cap-input.ts';

function CapCell({ own, effective }: { own: number | null; effective: number | null }) {
  if (effective === null) return <span className="muted">none</span>;
  return (
    <>
      {formatUsd(effective)}
      {own === null ? <span className="muted"> (default)</span> : null}
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
  const [monthly, setMonthly] = useState(capText(member.budget.monthlyCapMicros));
  const [daily, setDaily] = useState(capText(member.budget.dailyCapMicros));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const monthlyCap = parseCap(monthly);
    const dailyCap = parseCap(daily);
    if ('error' in monthlyCap || 'error' in dailyCap) {
      setError('Enter amounts in dollars, like 5 or 2.50, or leave a box empty for the default.');
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
        <span>Monthly cap for {member.username} (USD)</span>
        <input
          name="monthlyCap"
          inputMode="decimal"
          value={monthly}
          onChange={(event) => setMonthly(event.target.value)}
          placeholder="default"
        />
      </label>
      <label>
        <span>Daily cap for {member.username} (USD)</span>
        <input
          name="dailyCap"
          inputMode="decimal"
          value={daily}
          onChange={(event) => setDaily(event.target.value)}
          placeholder="default"
        />
      </label>
      <div className="cap-editor-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          Save caps
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel} disabled={busy}>
          Cancel
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
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <table className="usage-table member-budgets">
      <caption>Members</caption>
      <thead>
        <tr>
          <th scope="col">Member</th>
          <th scope="col" className="numeric">
            Spent
          </th>
          {current ? (
            <th scope="col" className="numeric">
              Today
            </th>
          ) : null}
          <th scope="col">Monthly cap</th>
          <th scope="col">Daily cap</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.id} data-member={member.username}>
            <th scope="row">
              {member.username}
              {member.isChild ? <span className="badge badge-child">child</span> : null}
              {member.disabled ? <span className="badge badge-disabled">disabled</span> : null}
            </th>
            {/* data-label: on a phone the header row is hidden and each cell names itself (usage.css). */}
            <td className="numeric" data-label="Spent">
              {formatUsd(member.spentMicros)}
            </td>
            {current ? (
              <td className="numeric" data-label="Today">
                {formatUsd(member.todaySpentMicros)}
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
                <td data-label="Monthly cap">
                  <CapCell
                    own={member.budget.monthlyCapMicros}
                    effective={member.budget.effectiveMonthlyCapMicros}
                  />
                </td>
                <td data-label="Daily cap">
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
                    aria-label={`Edit caps for ${member.username}`}
                  >
                    Edit caps
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
