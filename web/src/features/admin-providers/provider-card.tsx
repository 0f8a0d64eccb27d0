import { type FormEvent, useId, useState } from 'react';
import type { AdminProvider, ProviderTestResult } from '../../../../contracts/providers.ts';
import { formatNumber } from '../../i18n/format.ts';
import { formatMoney } from '../../i18n/format-money.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { formatLastSeen } from '../admin/member-format.ts';
import { kindLabel, sourceLabel, stateBadge } from './provider-format.ts';

type TestOutcome = { kind: 'result'; result: ProviderTestResult } | { kind: 'failed'; message: string };

function TestOutcomeMessage({ outcome }: { outcome: TestOutcome }) {
  const t = useT('providers');
  if (outcome.kind === 'failed') return <p className="alert alert-error">{outcome.message}</p>;
  const { result } = outcome;
  const cost =
    result.costMicros > 0
      ? t('test.cost', { amount: formatMoney(result.costMicros) })
      : t('test.costNothing');
  const withModel = result.model ? 'yes' : 'no';
  if (!result.ok) {
    return (
      <p className="alert alert-error">
        {t('test.failed', {
          withModel,
          model: result.model ?? '',
          error: result.error ?? t('test.noAnswer'),
        })}{' '}
        {cost}
      </p>
    );
  }
  const answered = t('test.answered', {
    withModel,
    model: result.model ?? '',
    withTime: result.latencyMs !== null ? 'yes' : 'no',
    ms: formatNumber(result.latencyMs ?? 0),
    withReply: result.reply ? 'yes' : 'no',
    ...slots('reply'),
  });
  return (
    <p className="alert alert-success">
      {rich(answered, { reply: <span dir="auto">{result.reply}</span> })} {cost}
    </p>
  );
}

/** Runs one tiny real call (metered like any other) and shows what came back. */
function ProviderTest({
  provider,
  onTested,
}: {
  provider: AdminProvider;
  onTested: (p: AdminProvider) => void;
}) {
  const t = useT('providers');
  const selectId = useId();
  const [model, setModel] = useState(provider.defaultModels.conversation ?? provider.models[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const chooseModel = provider.models.length > 1;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const result = await api.post<ProviderTestResult>(
        `/api/admin/providers/${encodeURIComponent(provider.id)}/test`,
        chooseModel && model ? { model } : {},
      );
      setOutcome({ kind: 'result', result });
      onTested(result.provider);
    } catch (caught) {
      setOutcome({ kind: 'failed', message: formErrorsFrom(caught, []).form ?? t('test.couldNotRun') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="provider-test" onSubmit={submit} aria-busy={busy}>
      <div className="provider-test-row">
        {chooseModel ? (
          <div className="field">
            <label htmlFor={selectId} className="field-label">
              {t('test.model')}
            </label>
            <select id={selectId} value={model} onChange={(event) => setModel(event.target.value)}>
              {provider.models.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button
          type="submit"
          className="button button-secondary button-small"
          disabled={busy}
          aria-busy={busy}
        >
          {t('test.run')}
          <span className="visually-hidden"> {provider.name}</span>
        </button>
      </div>
      <div role="status">{outcome ? <TestOutcomeMessage outcome={outcome} /> : null}</div>
    </form>
  );
}

function ModelList({ models }: { models: string[] }) {
  const t = useT('providers');
  if (models.length === 0) return <p className="muted">{t('card.noModels')}</p>;
  const list = (
    <ul className="provider-models">
      {models.map((model) => (
        <li key={model}>
          <code>{model}</code>
        </li>
      ))}
    </ul>
  );
  if (models.length <= 6) return list;
  return (
    <details>
      <summary className="provider-models-toggle">{t('card.modelCount', { count: models.length })}</summary>
      {list}
    </details>
  );
}

/**
 * One provider: what it is, where its settings live, whether it answers and with which models.
 * Providers from the environment or detected on this machine are read-only here.
 */
export function ProviderCard({
  provider,
  onTested,
  onEdit,
  onRemove,
}: {
  provider: AdminProvider;
  onTested: (provider: AdminProvider) => void;
  onEdit: (provider: AdminProvider) => void;
  onRemove: (provider: AdminProvider) => void;
}) {
  const t = useT('providers');
  // formatLastSeen speaks with the admin section's words.
  useT('admin');
  const badge = stateBadge(t, provider.state);
  const source = sourceLabel(t, provider);
  const editable = provider.source === 'app';
  const { state } = provider;
  return (
    <li className="card provider-card">
      <div className="provider-card-head">
        <h3>{provider.name}</h3>
        <span className="badges">
          <span className={badge.className}>{badge.label}</span>
          {source ? <span className="badge badge-info">{source}</span> : null}
          {provider.local ? <span className="badge badge-info">{t('card.free')}</span> : null}
        </span>
      </div>
      <dl className="provider-facts">
        <div>
          <dt>{t('card.kind')}</dt>
          <dd>{kindLabel(t, provider.kind)}</dd>
        </div>
        {provider.baseUrl ? (
          <div>
            <dt>{t('card.address')}</dt>
            <dd>
              <code>{provider.baseUrl}</code>
            </dd>
          </div>
        ) : null}
        {provider.modelFile ? (
          <div>
            <dt>{t('card.modelFile')}</dt>
            <dd>
              <code>{provider.modelFile}</code>
            </dd>
          </div>
        ) : null}
        {provider.kind !== 'local' ? (
          <div>
            <dt>{t('card.key')}</dt>
            <dd>
              {provider.hasKey
                ? provider.keyLast4
                  ? `…${provider.keyLast4}`
                  : t('card.keySet')
                : t('card.keyNone')}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('card.requests')}</dt>
          <dd>{provider.parallel ? t('card.parallel') : t('card.oneAtATime')}</dd>
        </div>
        <div>
          <dt>{t('card.checked')}</dt>
          <dd>{state.checkedAt ? formatLastSeen(state.checkedAt) : t('card.notYet')}</dd>
        </div>
      </dl>
      {state.status === 'key_unreadable' ? (
        <p className="alert alert-error">{editable ? t('keyUnreadableHelp') : state.lastError}</p>
      ) : state.lastError ? (
        <p className="alert alert-error">
          <strong>{t('card.lastError')}</strong> {state.lastError}
        </p>
      ) : null}
      <h4 className="provider-subheading">{t('card.models')}</h4>
      <ModelList models={provider.models} />
      {provider.source === 'environment' ? (
        <p className="muted">{t('card.fromEnvironment')}</p>
      ) : provider.source === 'detected' ? (
        <p className="muted">{t('card.detected')}</p>
      ) : null}
      <div className="provider-actions">
        <ProviderTest provider={provider} onTested={onTested} />
        {editable ? (
          <div className="row-actions">
            <button
              type="button"
              className="button button-secondary button-small"
              aria-haspopup="dialog"
              onClick={() => onEdit(provider)}
            >
              {t('card.edit')}
              <span className="visually-hidden"> {provider.name}</span>
            </button>
            <button
              type="button"
              className="button button-danger button-small"
              aria-haspopup="dialog"
              onClick={() => onRemove(provider)}
            >
              {t('card.remove')}
              <span className="visually-hidden"> {provider.name}</span>
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
