import { type FormEvent, useEffect, useState } from 'react';
import type { PriceTableView } from '../../../../contracts/budget.ts';
import { isUsdAmount, microsToUsdInput } from '../../../../contracts/money.ts';
import type { PriceOverrideUpdate } from '../../../../contracts/providers.ts';
import { DialogActions, FormAlert, TextField } from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { formatPrice } from '../../i18n/format-money.ts';
import { useT } from '../../i18n/i18n.ts';
import { ApiError, api } from '../../lib/api-client.ts';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { formatDateTime } from '../admin/member-format.ts';
import './price-table.css';
import { TableScroll } from '../../components/table-scroll.tsx';

/** µ$ per million tokens is USD per million µ-units: "$1.25", "0,8 $US": every decimal the price has, no more. */
const usd = (micros: number | null) => (micros === null ? '—' : formatPrice(micros));

type ModelRow = PriceTableView['models'][number];

const rateFields = [
  { name: 'input', required: true },
  { name: 'output', required: true },
  { name: 'cacheRead', required: false },
  { name: 'cacheWrite5m', required: false },
  { name: 'cacheWrite1h', required: false },
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
  const t = useT('admin-usage');
  if (row.origin !== 'override') return null;
  const date = row.overriddenAt ? formatDateTime(row.overriddenAt) : null;
  const name = row.overriddenBy;
  return (
    <span className="price-override-note">
      {name && date
        ? t('prices.changedBy', { name, date })
        : name
          ? t('prices.changedByName', { name })
          : date
            ? t('prices.changedOn', { date })
            : t('prices.fromEnv')}
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
  const t = useT('admin-usage');
  const [provider, setProvider] = useState(row?.provider ?? '');
  const [model, setModel] = useState(row?.model ?? '');
  const [rates, setRates] = useState<RateTexts>(() => ratesOf(row));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string | null> = {
      provider: provider.trim() ? null : t('override.providerMissing'),
      model: model.trim() ? null : t('override.modelMissing'),
    };
    for (const field of rateFields) {
      const value = rates[field.name].trim();
      if (value === '' && field.required) problems[`rates.${field.name}`] = t('override.priceMissing');
      else if (value !== '' && !isUsdAmount(value)) problems[`rates.${field.name}`] = t('override.priceBad');
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
    <Modal
      title={
        row ? t('override.titleFor', { label: `${row.model} (${row.provider})` }) : t('override.titleNew')
      }
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="form">
        <p>{t('override.text')}</p>
        <FormAlert message={errors.form} />
        {row ? null : (
          <div className="form-columns">
            <TextField
              label={t('override.provider')}
              name="provider"
              value={provider}
              onChange={setProvider}
              hint={t('override.providerHint')}
              error={errors.fields.provider}
              required
            />
            <TextField
              label={t('override.model')}
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
              label={t('prices.rateLabel', { rate: t(`prices.rate.${field.name}`) })}
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
          {t('override.save')}
        </DialogActions>
      </form>
    </Modal>
  );
}

function Rates({ table, onChange }: { table: PriceTableView; onChange: (table: PriceTableView) => void }) {
  const t = useT('admin-usage');
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
      setStatus(t('prices.removed', { label: `${row.model} (${row.provider})` }));
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
    } finally {
      setBusyKey(null);
    }
  }

  return (
    <>
      <p>
        {t('prices.asOf', { date: table.effectiveDate, days: table.ageDays })} {table.source}
      </p>
      {table.stale ? <p className="alert alert-warning">{t('prices.stale')}</p> : null}
      <FormAlert message={error} />
      <div role="status" className={status ? 'alert alert-success' : 'visually-hidden'}>
        {status}
      </div>
      <p>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-haspopup="dialog"
          onClick={() => setEditing({ row: null })}
        >
          {t('prices.add')}
        </button>
      </p>
      <TableScroll className="usage-breakdown" label={t('prices.models')}>
        <table className="usage-table">
          <caption>{t('prices.modelsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prices.model')}</th>
              {rateFields.map((field) => (
                <th key={field.name} scope="col" className="numeric">
                  {t(`prices.rate.${field.name}`)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('prices.actions')}</span>
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
                    {row.origin === 'override' ? (
                      <span className="badge badge-warning">{t('prices.override')}</span>
                    ) : null}
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
                        aria-haspopup="dialog"
                        onClick={() => setEditing({ row })}
                      >
                        {t('prices.change')}
                        <span className="visually-hidden"> {t('prices.changeOf', { label })}</span>
                      </button>
                      {inApp ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => void removeOverride(row)}
                          disabled={busyKey === key}
                          aria-busy={busyKey === key}
                        >
                          {t('prices.remove')}
                          <span className="visually-hidden"> {t('prices.removeOf', { label })}</span>
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
      <TableScroll className="usage-breakdown" label={t('prices.speech')}>
        <table className="usage-table">
          <caption>{t('prices.speechCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prices.model')}</th>
              <th scope="col" className="numeric">
                {t('prices.perMinute')}
              </th>
              <th scope="col" className="numeric">
                {t('prices.perMillionChars')}
              </th>
            </tr>
          </thead>
          <tbody>
            {table.speech.map((row) => (
              <tr key={`${row.provider}:${row.model}`}>
                <th scope="row">
                  {row.model} ({row.provider === '*' ? t('prices.anyProvider') : row.provider})
                  {row.ttsAudioPerMillionTokensMicros != null && (
                    <>
                      <br />
                      <small>
                        {t('prices.tokenPriced', {
                          textIn: usd(row.ttsInputPerMillionTokensMicros ?? null),
                          audioOut: usd(row.ttsAudioPerMillionTokensMicros),
                          perMinute:
                            row.ttsAudioTokensPerMinute == null
                              ? '?'
                              : formatNumber(row.ttsAudioTokensPerMinute),
                        })}
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
        {t('prices.fallback', {
          rule: table.fallbackRule,
          input: usd(table.fallbackRates.input),
          output: usd(table.fallbackRates.output),
        })}
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
              saved
                ? t('prices.savedFor', { label: `${saved.model} (${saved.provider})` })
                : t('prices.saved'),
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
  const t = useT('admin-usage');
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
          setError(caught instanceof ApiError ? caught.message : t('prices.loadFailed'));
      });
    return () => controller.abort();
  }, [open, table, attempt, t]);

  return (
    <details className="card price-table" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2>{t('prices.title')}</h2>
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
