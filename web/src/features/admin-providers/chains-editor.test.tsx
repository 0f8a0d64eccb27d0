// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChainUpdate, ProviderList } from '../../../../contracts/providers.ts';
import {
  click,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { renderApp } from '../../test/render-app.tsx';
import { makeList, pageRoutes } from './providers-test-data.ts';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

function editor(page: HTMLElement, title: string): HTMLElement {
  const found = [...page.querySelectorAll<HTMLElement>('.chain-editor')].find(
    (element) => element.querySelector('h3')?.textContent === title,
  );
  if (!found) throw new Error(`No chain "${title}"`);
  return found;
}

function links(form: HTMLElement): HTMLFieldSetElement[] {
  return [...form.querySelectorAll<HTMLFieldSetElement>('fieldset.chain-link')];
}

function shown(form: HTMLElement): string[] {
  return links(form).map(
    (link) => `${getByLabel(link, 'Provider').value}/${getByLabel(link, 'Model').value}`,
  );
}

/** The server answers a chain PUT the way it will: the setting saved in the app, the list back. */
function chainServer(list: ProviderList) {
  let current = list;
  return {
    get: () => json(current),
    put: (body: ChainUpdate) => {
      const others = current.chains.filter(
        (chain) => chain.role !== body.role || chain.language !== (body.language ?? null),
      );
      const saved =
        body.links.length === 0
          ? []
          : [{ role: body.role, language: body.language ?? null, links: body.links, source: 'app' as const }];
      current = { ...current, chains: [...others, ...saved] };
      return json(current);
    },
  };
}

describe('chains', () => {
  it('adds a fallback from the providers’ real model lists, reorders it and saves the ordered links', async () => {
    const server = chainServer(makeList());
    const calls = mockFetch({
      ...pageRoutes(),
      'GET /api/admin/providers': server.get,
      'PUT /api/admin/chains': (call) => server.put(call.body as ChainUpdate),
    });
    rendered = await renderApp('/admin/providers#chains');
    const page = rendered.container;
    await waitFor(() => expect(page.querySelector('.chain-editor')).not.toBeNull());

    // The cheaper chain at a budget cap lives with the budget policy; the page points there.
    expect(page.querySelector('#chains a[href="/admin/usage"]')?.textContent).toBe('Usage and budgets');
    const conversation = editor(page, 'Conversation');
    expect(conversation.textContent).toContain('Default: the first provider that can answer');
    expect(shown(conversation)).toEqual(['anthropic/claude-haiku-4-5']);

    await click(getButton(conversation, 'Add a fallback'));
    // The next provider not in the chain, with its default model for the role.
    expect(shown(conversation)).toEqual(['anthropic/claude-haiku-4-5', 'mistral/mistral-medium-latest']);
    const fallback = links(conversation)[1]!;
    await fill(getByLabel(fallback, 'Provider'), 'ollama');
    const models = [...(getByLabel(fallback, 'Model') as HTMLSelectElement).options].map(
      (option) => option.value,
    );
    expect(models).toEqual(['llama3.2:3b', 'qwen2.5:7b']);
    await fill(getByLabel(fallback, 'Model'), 'qwen2.5:7b');
    await click(getButton(conversation, 'Move up (Fallback 1)'));
    expect(shown(conversation)).toEqual(['ollama/qwen2.5:7b', 'anthropic/claude-haiku-4-5']);

    await click(getButton(conversation, 'Save Conversation'));
    await waitFor(() =>
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe(
        'Conversation: saved. It applies from the next call.',
      ),
    );
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      {
        role: 'conversation',
        language: null,
        links: [
          { provider: 'ollama', model: 'qwen2.5:7b' },
          { provider: 'anthropic', model: 'claude-haiku-4-5' },
        ],
      },
    ]);
    const saved = editor(page, 'Conversation');
    expect(saved.textContent).toContain('Set in the app.');
    expect(shown(saved)).toEqual(['ollama/qwen2.5:7b', 'anthropic/claude-haiku-4-5']);

    // Back to the default: an empty list.
    await click(getButton(saved, 'Back to the default'));
    await waitFor(() => expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(2));
    expect(calls.at(-1)?.body).toEqual({ role: 'conversation', language: null, links: [] });
    await waitFor(() => expect(queryButton(editor(page, 'Conversation'), 'Back to the default')).toBeNull());
  });

  it('adds a chain for one language, starting from the role’s current chain', async () => {
    const server = chainServer(makeList());
    const calls = mockFetch({
      ...pageRoutes(),
      'GET /api/admin/providers': server.get,
      'PUT /api/admin/chains': (call) => server.put(call.body as ChainUpdate),
    });
    rendered = await renderApp('/admin/providers');
    const page = rendered.container;
    await waitFor(() => expect(page.querySelector('.chain-add-language')).not.toBeNull());

    const add = page.querySelector('.chain-add-language') as HTMLElement;
    await fill(getByLabel(add, 'Language'), 'pt');
    await fill(getByLabel(add, 'Role'), 'feedback');
    await click(getButton(add, 'Add a chain for this language'));

    const portuguese = editor(page, 'Feedback in Portuguese');
    expect(portuguese.textContent).toContain('Not saved yet');
    expect(shown(portuguese)).toEqual(['anthropic/claude-haiku-4-5']);
    await fill(getByLabel(links(portuguese)[0]!, 'Provider'), 'mistral');
    expect(shown(portuguese)).toEqual(['mistral/mistral-small-latest']);
    await click(getButton(portuguese, 'Save Feedback in Portuguese'));

    await waitFor(() =>
      expect(editor(page, 'Feedback in Portuguese').textContent).toContain('Set in the app.'),
    );
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      { role: 'feedback', language: 'pt', links: [{ provider: 'mistral', model: 'mistral-small-latest' }] },
    ]);
    // Only one editor for it: the saved one replaced the draft.
    expect(
      [...page.querySelectorAll('.chain-editor h3')].filter(
        (h3) => h3.textContent === 'Feedback in Portuguese',
      ),
    ).toHaveLength(1);
  });

  it('shows a chain from the environment and says the app’s setting wins over it', async () => {
    mockFetch(
      pageRoutes(
        makeList({
          chains: [
            {
              role: 'summary',
              language: null,
              links: [{ provider: 'mistral', model: 'mistral-small-latest' }],
              source: 'environment',
            },
          ],
        }),
      ),
    );
    rendered = await renderApp('/admin/providers');
    const page = rendered.container;
    await waitFor(() => expect(page.querySelector('.chain-editor')).not.toBeNull());
    const summary = editor(page, 'Summaries');
    expect(summary.textContent).toContain('From the server’s environment');
    expect(shown(summary)).toEqual(['mistral/mistral-small-latest']);
    expect(queryButton(summary, 'Back to the default')).toBeNull();
  });
});
