// @vitest-environment happy-dom
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DowngradeChain, ServerBudget } from '../../../../contracts/budget.ts';
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
import { makeList } from '../admin-providers/providers-test-data.ts';
import { ServerBudgetForm } from './server-budget-form.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const noChain: DowngradeChain = { links: [], source: null, effective: [] };

function makeBudget(overrides: Partial<ServerBudget> = {}): ServerBudget {
  return {
    monthlyCapMicros: 30_000_000,
    policy: 'block',
    downgradeChain: noChain,
    defaultMemberMonthlyCapMicros: 2_000_000,
    defaultMemberDailyCapMicros: null,
    timeZone: 'UTC',
    ...overrides,
  };
}

async function open(budget: ServerBudget, onSaved = () => {}) {
  rendered = await render(
    <MemoryRouter>
      <ServerBudgetForm budget={budget} onSaved={onSaved} />
    </MemoryRouter>,
  );
  return rendered.container;
}

function chainLinks(page: HTMLElement): string[] {
  return [...page.querySelectorAll<HTMLFieldSetElement>('fieldset.chain-link')].map(
    (link) => `${getByLabel(link, 'Provider').value}/${getByLabel(link, 'Model').value}`,
  );
}

const chainBox = (page: HTMLElement) => page.querySelector<HTMLFieldSetElement>('fieldset.downgrade-chain');

describe('server budget: the cheaper chain', () => {
  it('sets a cheaper chain from the providers’ models beside the downgrade policy, with no .env step', async () => {
    const saved = vi.fn();
    const calls = mockFetch({
      'GET /api/admin/providers': () => json(makeList()),
      'PUT /api/admin/budget': () => json(makeBudget()),
    });
    const page = await open(makeBudget(), saved);
    const policy = getByLabel(page, 'At a cap');
    expect(policy.querySelector('option[value="downgrade"]')?.textContent).toBe(
      'Downgrade: switch to a cheaper chain',
    );
    // Under Block there is nothing to choose.
    expect(chainBox(page)).toBeNull();

    await fill(policy, 'downgrade');
    const box = chainBox(page);
    expect(box).not.toBeNull();
    expect(page.textContent).toContain('Until a cheaper chain is saved, requests at a cap are refused');
    expect(box?.textContent).toContain('No cheaper chain: requests at a cap are refused as under Block.');
    expect(box?.querySelector('a')?.getAttribute('href')).toBe('/admin/providers#chains');
    expect(page.textContent).not.toMatch(/\.env|BUDGET_DOWNGRADE_CHAIN/);

    // The providers load, then each added link starts on the next provider's reply model.
    await waitFor(() => expect(getButton(page, 'Add a provider').disabled).toBe(false));
    await click(getButton(page, 'Add a provider'));
    await click(getButton(page, 'Add a fallback'));
    expect(chainLinks(page)).toEqual(['anthropic/claude-haiku-4-5', 'mistral/mistral-medium-latest']);
    await fill(
      getByLabel(page.querySelectorAll<HTMLElement>('fieldset.chain-link')[1]!, 'Model'),
      'mistral-small-latest',
    );
    await click(getButton(page, 'Move up (Fallback 1)'));
    expect(chainLinks(page)).toEqual(['mistral/mistral-small-latest', 'anthropic/claude-haiku-4-5']);

    await click(getButton(page, 'Save server budget'));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    const put = calls.find((call) => call.method === 'PUT');
    expect(put?.body).toEqual({
      monthlyCapMicros: 30_000_000,
      policy: 'downgrade',
      defaultMemberMonthlyCapMicros: 2_000_000,
      defaultMemberDailyCapMicros: null,
      downgradeChain: [
        { provider: 'mistral', model: 'mistral-small-latest' },
        { provider: 'anthropic', model: 'claude-haiku-4-5' },
      ],
    });
  });

  it('shows a chain from the environment as such, and leaves it there when saved untouched', async () => {
    const calls = mockFetch({
      'GET /api/admin/providers': () => json(makeList()),
      'PUT /api/admin/budget': () => json(makeBudget()),
    });
    const fromEnvironment: DowngradeChain = {
      links: [{ provider: 'ollama', model: '' }],
      source: 'environment',
      effective: [{ provider: 'ollama', model: 'llama3.2:3b' }],
    };
    const saved = vi.fn();
    const page = await open(makeBudget({ policy: 'downgrade', downgradeChain: fromEnvironment }), saved);
    expect(getByLabel(page, 'At a cap').querySelector('option[value="downgrade"]')?.textContent).toBe(
      'Downgrade: switch to ollama:llama3.2:3b',
    );
    expect(chainBox(page)?.textContent).toContain('Set in the server’s environment.');
    await waitFor(() => expect(chainLinks(page)).toEqual(['ollama/llama3.2:3b']));
    await click(getButton(page, 'Save server budget'));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(calls.find((call) => call.method === 'PUT')?.body).not.toHaveProperty('downgradeChain');
  });

  it('removes the app’s chain, and shows the server’s refusal of a chain it does not accept', async () => {
    const calls = mockFetch({
      'GET /api/admin/providers': () => json(makeList()),
      'PUT /api/admin/budget': (call) =>
        (call.body as { downgradeChain?: unknown[] }).downgradeChain?.length
          ? apiError(400, 'validation_failed', '"anthropic" is not a provider here.')
          : json(makeBudget()),
    });
    const inApp: DowngradeChain = {
      links: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
      source: 'app',
      effective: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
    };
    const saved = vi.fn();
    const page = await open(makeBudget({ policy: 'downgrade', downgradeChain: inApp }), saved);
    expect(chainBox(page)?.textContent).toContain('Set in the app.');
    await click(getButton(page, 'Add a fallback'));
    await click(getButton(page, 'Save server budget'));
    await waitFor(() =>
      expect(page.querySelector('[role="alert"]')?.textContent).toContain('is not a provider here'),
    );
    expect(saved).not.toHaveBeenCalled();

    // A link without a model is caught before anything is sent.
    const before = calls.length;
    await fill(
      getByLabel(page.querySelectorAll<HTMLElement>('fieldset.chain-link')[1]!, 'Provider'),
      'deepseek-gone',
    );
    await click(getButton(page, 'Save server budget'));
    expect(page.textContent).toContain('Choose a provider and a model for each link of the cheaper chain');
    expect(calls.length).toBe(before);

    await click(getButton(page, 'Remove (Fallback 1)'));
    await click(getButton(page, 'Remove (First choice)'));
    expect(queryButton(page, 'Remove (First choice)')).toBeNull();
    await click(getButton(page, 'Save server budget'));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(calls.at(-1)?.body).toMatchObject({ policy: 'downgrade', downgradeChain: [] });
  });
});
