import { type FormEvent, useEffect, useState } from 'react';
import type { PriceTableView } from '../../../../contracts/budget.ts';
import { isUsdAmount, microsToUsdInput } from '../../../../contracts/money.ts';
import type { PriceOverrideUpdate } from '../../../../contracts/providers.ts';
import { DialogActions, FormAlert, TextField } from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { ApiError, api } from '../../lib/api-client.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { formatDateTime } from '../admin/member-format.ts';
import './price-table.css';
import { TableScroll } from '../../components/table-scroll.tsx';

/** µ$ per million tokens is USD per million µ-units: "$1.25". */
const usd = (micros: number | null) => (micros === null ? '—' : `$${microsToUsdInput(micros)}`);

type ModelRow = PriceTableView['models'][number];

const rateFields = [
  { name: 'input', label: 'Input', required: true },
  { name: 'output', label: 'Output', required: true },
  { name: 'cacheRead', label: 'Cache read', required: false },
  { name: 'cacheWrite5m', label: 'Cache write 5 min', required: false },
  { name: 'cacheWrite1h', label: 'Cache write 1 h', required: false },
] as const;

type RateName = (typeof rateFields)[number]['name'];
type RateTexts = Record<RateName, string>;

const overrideFields = ['provider', 'model', ...rateFields.map((field) => `rates.${field.name}`)];

function ratesOf(row: ModelRow | null): RateTexts {
  return {
    input: row ? microsToUsdInput(row.input) : '',
    output: row ? microsToUsdInput(row.output) : '',
    cacheRead: row ? microsToUsdInput(row.cacheRead) : '',
    cacheWrite5m: row ? microsToUsdInput(row.cacheWrite5m) : '',
    cacheWrite1h: row ? microsToUsdInput(row.cacheWrite1h) : '',
  };
}

/** Where a row's price comes from: the dated table, the environment, or someone in the app. */
function OverrideNote({ row }: { row: ModelRow }) {
  if (row.origin !== 'override') return null;
  return (
    <span className="price-override-note">
      {row.overriddenBy !== null || row.overriddenAt !== null
        ? `Changed${row.overriddenBy ? ` by ${row.overriddenBy}` : ''}${row.overriddenAt ? ` on ${formatDateTime(row.overriddenAt)}` : ''}`
        : 'Set in PRICE_OVERRIDES (environment)'}
    </span>
  );
}

/** Sets an override for one model (in the table or not): USD per million tokens, empty = the default. */
function OverrideDialog({
  row,
  onClose,
  onSaved,
}: {
  /** The row being changed; null adds an override for a model of the admin's choosing. */
  row: ModelRow | null;
  onClose: () => void;
  onSaved: (table: PriceTableView) => void;
}) {
  const [provider, setProvider] = useState(row?.provider ?? '');
  const [model, setModel] = useState(row?.model ?? '');
  const [rates, setRates] = useState<RateTexts>(() => ratesOf(row));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string | null> = {
      provider: provider.trim() ? null : 'Enter the provider’s id, e.g. anthropic.',
      model: model.trim() ? null : 'Enter the model’s id, e.g. claude-haiku-4-5.',
    };
    for (const field of rateFields) {
      const value = rates[field.name].trim();
      if (value === '' && field.required) problems[`rates.${field.name}`] = 'Enter a price in dollars.';
      else if (value !== '' && !isUsdAmount(value))
        problems[`rates.${field.name}`] = 'Enter a dollar amount like 1.25 (at most 6 decimals).';
    }
    const clientErrors = fieldErrors(problems);
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;

    const body: PriceOverrideUpdate = { provider: provider.trim(), model: model.trim(), rates: {} };
    for (const field of rateFields) {
      const value = rates[field.name].trim();
      if (value !== '') body.rates[field.name] = value;
    }
    setBusy(true);
    try {
      onSaved(await api.put<PriceTableView>('/api/admin/prices/overrides', body));
    } catch (caught) {
      setErrors(formErrorsFrom(caught, overrideFields));
      setBusy(false);
    }
  }

  return (
    <Modal title={row ? `Price of ${row.model} (${row.provider})` : 'Add a price override'} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <p>
          USD per million tokens. The override replaces the dated table’s price for this model from the next
          call on; removing it goes back to the table.
        </p>
        <FormAlert message={errors.form} />
        {row ? null : (
          <div className="form-columns">
            <TextField
              label="Provider"
              name="provider"
              value={provider}
              onChange={setProvider}
              hint="Its id, as in chains and reports."
              error={errors.fields.provider}
              required
            />
            <TextField
              label="Model"
              name="model"
              value={model}
              onChange={setModel}
              error={errors.fields.model}
              required
            />
          </div>
        )}
        <div className="form-columns">
          {rateFields.map((field) => (
            <TextField
              key={field.name}
              label={`${field.label} ($)`}
              name={field.name}
              value={rates[field.name]}
              onChange={(value) => setRates((current) => ({ ...current, [field.name]: value }))}
              error={errors.fields[`rates.${field.name}`]}
              required={field.required}
              optional={!field.required}
            />
          ))}
        </div>
        <DialogActions onCancel={onClose} busy={busy}>
          Save price
        </DialogActions>
      </form>
    </Modal>
  );
}

function Rates({ table, onChange }: { table: PriceTableView; onChange: (table: PriceTableView) => void }) {
  const [editing, setEditing] = useState<{ row: ModelRow | null } | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function removeOverride(row: ModelRow) {
    const key = `${row.provider}:${row.model}`;
    setBusyKey(key);
    setError(null);
    setStatus(null);
    try {
      onChange(
        await api.delete<PriceTableView>('/api/admin/prices/overrides', {
          provider: row.provider,
          model: row.model,
        }),
      );
      setStatus(`${row.model} (${row.provider}) is priced by the table again.`);
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusyKey(null);
    }
  }

  return (
    <>
      <p>
        Prices as of <strong>{table.effectiveDate}</strong> ({table.ageDays} days ago). {table.source}
      </p>
      {table.stale ? (
        <p className="alert alert-warning">
          This table is more than 90 days old: check the providers’ current prices and change the ones that
          changed below.
        </p>
      ) : null}
      <FormAlert message={error} />
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
      <p>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setEditing({ row: null })}
        >
          Add a price override
        </button>
      </p>
      <TableScroll className="usage-breakdown" label="Model prices">
        <table className="usage-table">
          <caption>Models, USD per million tokens</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="numeric">
                Input
              </th>
              <th scope="col" className="numeric">
                Output
              </th>
              <th scope="col" className="numeric">
                Cache read
              </th>
              <th scope="col" className="numeric">
                Cache write 5 min
              </th>
              <th scope="col" className="numeric">
                Cache write 1 h
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {table.models.map((row) => {
              const key = `${row.provider}:${row.model}`;
              const label = `${row.model} (${row.provider})`;
              const inApp =
                row.origin === 'override' && (row.overriddenBy !== null || row.overriddenAt !== null);
              return (
                <tr key={key}>
                  <th scope="row">
                    {label}
                    {row.origin === 'override' ? <span className="badge badge-warning">override</span> : null}
                    <OverrideNote row={row} />
                  </th>
                  <td className="numeric">{usd(row.input)}</td>
                  <td className="numeric">{usd(row.output)}</td>
                  <td className="numeric">{usd(row.cacheRead)}</td>
                  <td className="numeric">{usd(row.cacheWrite5m)}</td>
                  <td className="numeric">{usd(row.cacheWrite1h)}</td>
                  <td>
                    <div className="row-actions price-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => setEditing({ row })}
                      >
                        Change<span className="visually-hidden"> the price of {label}</span>
                      </button>
                      {inApp ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => void removeOverride(row)}
                          disabled={busyKey === key}
                          aria-busy={busyKey === key}
                        >
                          Remove override<span className="visually-hidden"> of {label}</span>
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <TableScroll className="usage-breakdown" label="Speech prices">
        <table className="usage-table">
          <caption>Speech</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="numeric">
                Per minute of audio
              </th>
              <th scope="col" className="numeric">
                Per million characters
              </th>
            </tr>
          </thead>
          <tbody>
            {table.speech.map((row) => (
              <tr key={`${row.provider}:${row.model}`}>
                <th scope="row">
                  {row.model} ({row.provider === '*' ? 'any provider' : row.provider})
                  {row.ttsAudioPerMillionTokensMicros != null && (
                    <>
                      <br />
                      <small>
                        Priced in tokens: {usd(row.ttsInputPerMillionTokensMicros ?? null)} per million text
                        tokens in, {usd(row.ttsAudioPerMillionTokensMicros)} per million audio tokens out (
                        {row.ttsAudioTokensPerMinute?.toLocaleString('en') ?? '?'} a minute of speech)
                      </small>
                    </>
                  )}
                </th>
                <td className="numeric">{usd(row.sttPerMinuteMicros)}</td>
                <td className="numeric">{usd(row.ttsPerMillionCharsMicros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">
        Local providers (a loopback address) cost nothing. A model missing from the table is priced by the
        rule “{table.fallbackRule}” ({usd(table.fallbackRates.input)} in, {usd(table.fallbackRates.output)}{' '}
        out per million tokens) and flagged above.
      </p>
      {editing ? (
        <OverrideDialog
          row={editing.row}
          onClose={() => setEditing(null)}
          onSaved={(next) => {
            const saved = editing.row ?? null;
            setEditing(null);
            setError(null);
            setStatus(
              saved ? `New price saved for ${saved.model} (${saved.provider}).` : 'Price override saved.',
            );
            onChange(next);
          }}
        />
      ) : null}
    </>
  );
}

/**
 * The price table every call is priced with, loaded when the admin opens it. The dated table stays the
 * default; an override set here shows who changed it and when, and can be removed.
 */
export function PriceTableCard() {
  const [open, setOpen] = useState(false);
  const [table, setTable] = useState<PriceTableView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!open || table) return;
    void attempt;
    const controller = new AbortController();
    api
      .get<PriceTableView>('/api/admin/prices', { signal: controller.signal })
      .then(setTable)
      .catch((caught: unknown) => {
        if (!controller.signal.aborted)
          setError(caught instanceof ApiError ? caught.message : 'Could not load the price table.');
      });
    return () => controller.abort();
  }, [open, table, attempt]);

  return (
    <details className="card price-table" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2>Price table</h2>
      </summary>
      {error ? (
        <LoadError
          message={error}
          onRetry={() => {
            setError(null);
            setAttempt((value) => value + 1);
          }}
        />
      ) : table ? (
        <Rates table={table} onChange={setTable} />
      ) : open ? (
        <PageLoading />
      ) : null}
    </details>
  );
}
