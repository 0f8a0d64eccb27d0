import { type FormEvent, useId, useState } from 'react';
import { formatUsd } from '../../../../contracts/money.ts';
import type { AdminProvider, ProviderTestResult } from '../../../../contracts/providers.ts';
import { api } from '../../lib/api-client.ts';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { formatLastSeen } from '../admin/member-format.ts';
import { keyUnreadableHelp, kindLabels, sourceLabel, stateBadge } from './provider-format.ts';

type TestOutcome = { kind: 'result'; result: ProviderTestResult } | { kind: 'failed'; message: string };

function TestOutcomeMessage({ outcome }: { outcome: TestOutcome }) {
  if (outcome.kind === 'failed') return <p className="alert alert-error">{outcome.message}</p>;
  const { result } = outcome;
  const cost = result.costMicros > 0 ? ` It cost ${formatUsd(result.costMicros)}.` : ' It cost nothing.';
  if (!result.ok) {
    return (
      <p className="alert alert-error">
        The test failed{result.model ? ` with ${result.model}` : ''}: {result.error ?? 'no answer.'}
        {cost}
      </p>
    );
  }
  return (
    <p className="alert alert-success">
      It answered{result.model ? ` with ${result.model}` : ''}
      {result.latencyMs !== null ? ` in ${result.latencyMs} ms` : ''}
      {result.reply ? (
        <>
          : “<span dir="auto">{result.reply}</span>”.
        </>
      ) : (
        '.'
      )}
      {cost}
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
      setOutcome({ kind: 'failed', message: formErrorsFrom(caught, []).form ?? 'The test could not run.' });
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
              Model to test
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
          Test<span className="visually-hidden"> {provider.name}</span>
        </button>
      </div>
      <div role="status">{outcome ? <TestOutcomeMessage outcome={outcome} /> : null}</div>
    </form>
  );
}

function ModelList({ models }: { models: string[] }) {
  if (models.length === 0) return <p className="muted">No models known yet: test it to read its list.</p>;
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
      <summary className="provider-models-toggle">{models.length} models</summary>
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
  const badge = stateBadge(provider.state);
  const source = sourceLabel(provider);
  const editable = provider.source === 'app';
  const { state } = provider;
  return (
    <li className="card provider-card">
      <div className="provider-card-head">
        <h3>{provider.name}</h3>
        <span className="badges">
          <span className={badge.className}>{badge.label}</span>
          {source ? <span className="badge badge-info">{source}</span> : null}
          {provider.local ? <span className="badge badge-info">free</span> : null}
        </span>
      </div>
      <dl className="provider-facts">
        <div>
          <dt>Kind</dt>
          <dd>{kindLabels[provider.kind]}</dd>
        </div>
        {provider.baseUrl ? (
          <div>
            <dt>Address</dt>
            <dd>
              <code>{provider.baseUrl}</code>
            </dd>
          </div>
        ) : null}
        {provider.modelFile ? (
          <div>
            <dt>Model file</dt>
            <dd>
              <code>{provider.modelFile}</code>
            </dd>
          </div>
        ) : null}
        {provider.kind !== 'local' ? (
          <div>
            <dt>Key</dt>
            <dd>{provider.hasKey ? (provider.keyLast4 ? `…${provider.keyLast4}` : 'Set') : 'None'}</dd>
          </div>
        ) : null}
        <div>
          <dt>Requests</dt>
          <dd>{provider.parallel ? 'Several at once' : 'One at a time (feedback waits for the reply)'}</dd>
        </div>
        <div>
          <dt>Checked</dt>
          <dd>{state.checkedAt ? formatLastSeen(state.checkedAt) : 'Not yet'}</dd>
        </div>
      </dl>
      {state.status === 'key_unreadable' ? (
        <p className="alert alert-error">{editable ? keyUnreadableHelp : state.lastError}</p>
      ) : state.lastError ? (
        <p className="alert alert-error">
          <strong>Last error:</strong> {state.lastError}
        </p>
      ) : null}
      <h4 className="provider-subheading">Models</h4>
      <ModelList models={provider.models} />
      {provider.source === 'environment' ? (
        <p className="muted">
          Set in the server’s environment: change or remove it there. It is read-only here.
        </p>
      ) : provider.source === 'detected' ? (
        <p className="muted">Found running on this machine when Charla started. It is read-only here.</p>
      ) : null}
      <div className="provider-actions">
        <ProviderTest provider={provider} onTested={onTested} />
        {editable ? (
          <div className="row-actions">
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onEdit(provider)}
            >
              Edit<span className="visually-hidden"> {provider.name}</span>
            </button>
            <button
              type="button"
              className="button button-danger button-small"
              onClick={() => onRemove(provider)}
            >
              Remove<span className="visually-hidden"> {provider.name}</span>
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
