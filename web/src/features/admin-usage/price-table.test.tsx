// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PriceTableView } from '../../../../contracts/budget.ts';
import {
  apiError,
  click,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  render,
  waitFor,
} from '../../test/dom.tsx';
import { PriceTableCard } from './price-table.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const rates = {
  input: 1_000_000,
  output: 5_000_000,
  cacheRead: 100_000,
  cacheWrite5m: 1_250_000,
  cacheWrite1h: 2_000_000,
};

function makeTable(models: PriceTableView['models']): PriceTableView {
  return {
    effectiveDate: '2026-10-01',
    source: 'Vendors’ price pages.',
    units: 'USD per million tokens',
    notes: [],
    ageDays: 54,
    stale: false,
    fallbackRule: 'highest',
    fallbackRates: { ...rates, input: 5_000_000, output: 25_000_000 },
    models,
    speech: [],
  };
}

const haiku = {
  ...rates,
  provider: 'anthropic',
  model: 'claude-haiku-4-5',
  origin: 'table' as const,
  overriddenBy: null,
  overriddenAt: null,
};
const mistralFromEnvironment = {
  ...rates,
  input: 200_000,
  output: 600_000,
  provider: 'mistral',
  model: 'mistral-small-latest',
  origin: 'override' as const,
  overriddenBy: null,
  overriddenAt: null,
};

async function openTable(): Promise<HTMLElement> {
  rendered = await render(<PriceTableCard />);
  const details = rendered.container.querySelector('details') as HTMLDetailsElement;
  await act(async () => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
  await waitFor(() => expect(rendered!.container.querySelector('tbody tr')).not.toBeNull());
  return rendered.container;
}

function row(page: HTMLElement, model: string): HTMLElement {
  const found = [...page.querySelectorAll<HTMLElement>('tbody tr')].find((tr) =>
    tr.querySelector('th')?.textContent?.startsWith(model),
  );
  if (!found) throw new Error(`No row ${model}`);
  return found;
}

describe('price table overrides', () => {
  it('changes a model’s price, shows who changed it and when, and removes the override', async () => {
    let table = makeTable([haiku, mistralFromEnvironment]);
    const calls = mockFetch({
      'GET /api/admin/prices': () => json(table),
      'PUT /api/admin/prices/overrides': (call) => {
        const body = call.body as { rates: { input: string; output: string } };
        if (body.rates.output === '-1')
          return apiError(400, 'validation_failed', 'rates.output: must be a non-negative dollar amount', {
            issues: [{ path: 'rates.output', message: 'must be a non-negative dollar amount' }],
          });
        table = makeTable([
          {
            ...haiku,
            input: 800_000,
            origin: 'override',
            overriddenBy: 'mama',
            overriddenAt: '2026-11-24T09:30:00.000Z',
          },
          mistralFromEnvironment,
        ]);
        return json(table);
      },
      'DELETE /api/admin/prices/overrides': () => {
        table = makeTable([haiku, mistralFromEnvironment]);
        return json(table);
      },
    });
    const page = await openTable();
    expect(row(page, 'mistral-small-latest').textContent).toContain('Set in PRICE_OVERRIDES (environment)');
    // An override from the environment is changed there, or overridden here; only the app's can be removed.
    expect(
      queryButton(row(page, 'mistral-small-latest'), 'Remove override of mistral-small-latest (mistral)'),
    ).toBeNull();

    await click(getButton(row(page, 'claude-haiku-4-5'), 'Change the price of claude-haiku-4-5 (anthropic)'));
    const dialog = page.querySelector('dialog') as HTMLElement;
    expect((getByLabel(dialog, 'Input ($)') as HTMLInputElement).value).toBe('1');
    expect((getByLabel(dialog, 'Cache write 5 min ($) (optional)') as HTMLInputElement).value).toBe('1.25');
    await fill(getByLabel(dialog, 'Input ($)'), '0.8');
    await fill(getByLabel(dialog, 'Output ($)'), '-1');
    await click(getButton(dialog, 'Save price'));
    // Refused in the browser first: the same message a form shows for any field.
    expect(dialog.querySelector('.field-error')?.textContent).toBe(
      'Enter a dollar amount like 1.25 (at most 6 decimals).',
    );
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0);

    await fill(getByLabel(dialog, 'Output ($)'), '5');
    await click(getButton(dialog, 'Save price'));
    await waitFor(() => expect(page.querySelector('dialog')).toBeNull());
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      rates: { input: '0.8', output: '5', cacheRead: '0.1', cacheWrite5m: '1.25', cacheWrite1h: '2' },
    });
    const changed = row(page, 'claude-haiku-4-5');
    expect(changed.querySelector('.badge')?.textContent).toBe('override');
    expect(changed.querySelector('.price-override-note')?.textContent).toMatch(/^Changed by mama on /);
    expect(changed.querySelector('td')?.textContent).toBe('$0.8');

    await click(getButton(changed, 'Remove override of claude-haiku-4-5 (anthropic)'));
    await waitFor(() => expect(row(page, 'claude-haiku-4-5').querySelector('.badge')).toBeNull());
    expect(calls.find((call) => call.method === 'DELETE')?.body).toEqual({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    });
    expect(page.querySelector('[role="status"]')?.textContent).toBe(
      'claude-haiku-4-5 (anthropic) is priced by the table again.',
    );
  });

  it('adds an override for a model not in the table, showing the server’s field errors', async () => {
    const calls = mockFetch({
      'GET /api/admin/prices': () => json(makeTable([haiku])),
      'PUT /api/admin/prices/overrides': () =>
        apiError(400, 'validation_failed', 'model: too long', {
          issues: [{ path: 'model', message: 'must be at most 200 characters' }],
        }),
    });
    const page = await openTable();
    await click(getButton(page, 'Add a price override'));
    const dialog = page.querySelector('dialog') as HTMLElement;
    await fill(getByLabel(dialog, 'Provider'), 'openrouter');
    await fill(getByLabel(dialog, 'Model'), 'deepseek/deepseek-chat');
    await fill(getByLabel(dialog, 'Input ($)'), '0.27');
    await fill(getByLabel(dialog, 'Output ($)'), '1.1');
    await click(getButton(dialog, 'Save price'));
    await waitFor(() =>
      expect(dialog.querySelector('.field-error')?.textContent).toBe('Must be at most 200 characters'),
    );
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      provider: 'openrouter',
      model: 'deepseek/deepseek-chat',
      rates: { input: '0.27', output: '1.1' },
    });
  });
});

describe('speech prices', () => {
  it('shows a token-priced voice with its token rates, beside the per-character ones', async () => {
    const table: PriceTableView = {
      ...makeTable([haiku]),
      speech: [
        {
          provider: '*',
          model: 'tts-1',
          origin: 'table',
          sttPerMinuteMicros: null,
          ttsPerMillionCharsMicros: 15_000_000,
        },
        {
          provider: '*',
          model: 'gpt-4o-mini-tts',
          origin: 'table',
          sttPerMinuteMicros: null,
          ttsPerMillionCharsMicros: null,
          ttsInputPerMillionTokensMicros: 600_000,
          ttsAudioPerMillionTokensMicros: 12_000_000,
          ttsAudioTokensPerMinute: 1250,
        },
      ],
    };
    mockFetch({ 'GET /api/admin/prices': () => json(table) });
    const page = await openTable();
    const tokens = row(page, 'gpt-4o-mini-tts').querySelector('th')?.textContent ?? '';
    expect(tokens).toContain('$0.6 per million text tokens in');
    expect(tokens).toContain('$12 per million audio tokens out');
    expect(tokens).toContain('1,250 a minute of speech');
    expect(row(page, 'tts-1').querySelector('th')?.textContent).not.toContain('Priced in tokens');
  });
});
