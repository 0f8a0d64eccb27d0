import { useEffect, useState } from 'react';
import type { PriceTableView } from '../../../../contracts/budget.ts';
import { microsToUsdInput } from '../../../../contracts/money.ts';
import { LoadError, PageLoading } from '../../components/page-states.tsx';
import { ApiError, api } from '../../lib/api-client.ts';

/** µ$ per million tokens is USD per million µ-units: "$1.25". */
const usd = (micros: number | null) => (micros === null ? '—' : `$${microsToUsdInput(micros)}`);

function Rates({ table }: { table: PriceTableView }) {
  return (
    <>
      <p>
        Prices as of <strong>{table.effectiveDate}</strong> ({table.ageDays} days ago). {table.source}
      </p>
      {table.stale ? (
        <p className="alert alert-warning">
          This table is more than 90 days old: check the providers’ current prices and set PRICE_OVERRIDES
          where they changed.
        </p>
      ) : null}
      <div className="usage-breakdown">
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
            </tr>
          </thead>
          <tbody>
            {table.models.map((row) => (
              <tr key={`${row.provider}:${row.model}`}>
                <th scope="row">
                  {row.model} ({row.provider})
                  {row.origin === 'override' ? <span className="badge badge-warning">override</span> : null}
                </th>
                <td className="numeric">{usd(row.input)}</td>
                <td className="numeric">{usd(row.output)}</td>
                <td className="numeric">{usd(row.cacheRead)}</td>
                <td className="numeric">{usd(row.cacheWrite5m)}</td>
                <td className="numeric">{usd(row.cacheWrite1h)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="usage-breakdown">
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
                </th>
                <td className="numeric">{usd(row.sttPerMinuteMicros)}</td>
                <td className="numeric">{usd(row.ttsPerMillionCharsMicros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Local providers (a loopback address) cost nothing. A model missing from the table is priced by the
        rule “{table.fallbackRule}” ({usd(table.fallbackRates.input)} in, {usd(table.fallbackRates.output)}{' '}
        out per million tokens) and flagged above.
      </p>
    </>
  );
}

/** The price table every call is priced with, loaded when the admin opens it. */
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
        <Rates table={table} />
      ) : open ? (
        <PageLoading />
      ) : null}
    </details>
  );
}
