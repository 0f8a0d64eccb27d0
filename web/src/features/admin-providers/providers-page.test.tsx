// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProviderTestResult } from '../../../../contracts/providers.ts';
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
  waitFor,
} from '../../test/dom.tsx';
import { renderApp } from '../../test/render-app.tsx';
import {
  anthropic,
  detectedOllama,
  environmentMistral,
  makeList,
  makeProvider,
  pageRoutes,
  unreadableServer,
} from './providers-test-data.ts';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

async function openPage(path = '/admin/providers'): Promise<HTMLElement> {
  rendered = await renderApp(path);
  const page = rendered.container;
  await waitFor(() => expect(page.querySelector('.provider-card')).not.toBeNull());
  return page;
}

function card(page: HTMLElement, name: string): HTMLElement {
  const found = [...page.querySelectorAll<HTMLElement>('.provider-card')].find(
    (element) => element.querySelector('h3')?.textContent === name,
  );
  if (!found) throw new Error(`No provider card "${name}"`);
  return found;
}

/** The value of one fact ("Key", "Address"…) on a card. */
function fact(element: HTMLElement, name: string): string {
  const term = [...element.querySelectorAll('dt')].find((dt) => dt.textContent === name);
  return text(term?.nextElementSibling);
}

function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('AI providers page', () => {
  it('lists every provider with its state, models and key ending; environment and detected ones are read-only', async () => {
    mockFetch(
      pageRoutes(makeList({ providers: [anthropic, environmentMistral, detectedOllama, unreadableServer] })),
    );
    const page = await openPage();
    expect(text(page.querySelector('h1'))).toBe('AI providers');

    const app = card(page, 'Anthropic');
    expect(text(app.querySelector('.badges'))).toBe('Reachable');
    expect(fact(app, 'Key')).toBe('…wxyz');
    expect(text(app)).toContain('claude-sonnet-4-6');
    expect(queryButton(app, 'Edit Anthropic')).not.toBeNull();
    expect(queryButton(app, 'Remove Anthropic')).not.toBeNull();

    const environment = card(page, 'Mistral');
    expect(text(environment.querySelector('.badges'))).toContain('set in the environment');
    expect(fact(environment, 'Key')).toBe('…9k2Q');
    expect(queryButton(environment, 'Edit Mistral')).toBeNull();
    expect(queryButton(environment, 'Remove Mistral')).toBeNull();
    expect(queryButton(environment, 'Test Mistral')).not.toBeNull();

    const detected = card(page, 'Ollama');
    expect(text(detected.querySelector('.badges'))).toContain('detected');
    expect(text(detected)).toContain('llama3.2:3b');
    expect(fact(detected, 'Key')).toBe('None');
    expect(fact(detected, 'Address')).toBe('http://127.0.0.1:11434/v1');
    expect(queryButton(detected, 'Remove Ollama')).toBeNull();

    const unreadable = card(page, 'DeepSeek');
    expect(text(unreadable.querySelector('.badges'))).toContain('Key unreadable');
    expect(text(unreadable.querySelector('.alert-error'))).toContain(
      'The stored key can no longer be decrypted: CHARLA_SECRET',
    );
    expect(queryButton(unreadable, 'Edit DeepSeek')).not.toBeNull();
  });

  it('opens the way a deep link names and shows the server’s field errors from a 400', async () => {
    const calls = mockFetch({
      ...pageRoutes(),
      'POST /api/admin/providers': () =>
        apiError(400, 'validation_failed', 'apiKey: That key is too short to be an API key.', {
          issues: [{ path: 'apiKey', message: 'That key is too short to be an API key.' }],
        }),
    });
    const page = await openPage('/admin/providers#add-key');
    const way = page.querySelector<HTMLDetailsElement>('details#add-key');
    expect(way?.open).toBe(true);
    expect(page.querySelector<HTMLDetailsElement>('details#add-server')?.open).toBe(false);

    const form = way!.querySelector('form')!;
    await fill(getByLabel(form, 'API key'), 'sk-1');
    await click(getButton(form, 'Add Anthropic'));
    await waitFor(() =>
      expect(text(form.querySelector('.field-error'))).toBe('That key is too short to be an API key.'),
    );
    expect(text(form.querySelector('[role="alert"]'))).toBe('Please correct the fields marked below.');
    expect(getByLabel(form, 'API key').getAttribute('aria-invalid')).toBe('true');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      kind: 'anthropic',
      name: 'Anthropic',
      apiKey: 'sk-1',
    });
  });

  it('shows the server’s refusal to store a key, and adds a local server with its address', async () => {
    let list = makeList({ canStoreKeys: false, keyStorage: 'unavailable' });
    const calls = mockFetch({
      ...pageRoutes(),
      'GET /api/admin/providers': () => json(list),
      'POST /api/admin/providers': (call) => {
        const body = call.body as { kind: string; name: string };
        if (body.kind === 'mistral')
          return apiError(409, 'conflict', 'Saving a key needs CHARLA_SECRET with a PostgreSQL database.');
        const added = makeProvider({
          id: 'home-ollama',
          kind: 'openai-compatible',
          name: body.name,
          baseUrl: 'http://127.0.0.1:11434/v1',
          hasKey: false,
          keyLast4: null,
          parallel: false,
          state: { status: 'unchecked', checkedAt: null, lastError: null },
        });
        list = { ...list, providers: [...list.providers, added] };
        return json({ provider: added }, 201);
      },
    });
    const page = await openPage('/admin/providers#add-key');
    expect(text(page.querySelector('.providers-section .alert-warning'))).toContain('cannot store a key yet');

    const keyForm = page.querySelector('details#add-key form') as HTMLElement;
    await click(keyForm.querySelector<HTMLInputElement>('input[value="mistral"]')!);
    expect((getByLabel(keyForm, 'Name') as HTMLInputElement).value).toBe('Mistral AI');
    await fill(getByLabel(keyForm, 'API key'), 'mistral-key-123456');
    await click(getButton(keyForm, 'Add Mistral AI'));
    await waitFor(() =>
      expect(text(keyForm.querySelector('[role="alert"]'))).toBe(
        'Saving a key needs CHARLA_SECRET with a PostgreSQL database.',
      ),
    );

    const serverForm = page.querySelector('details#add-server form') as HTMLElement;
    await click(getButton(serverForm, 'Ollama'));
    expect((getByLabel(serverForm, 'Address') as HTMLInputElement).value).toBe('http://127.0.0.1:11434/v1');
    await fill(getByLabel(serverForm, 'Name'), 'Ollama on the NAS');
    await click(getButton(serverForm, 'Connect server'));
    await waitFor(() => expect(card(page, 'Ollama on the NAS')).toBeTruthy());
    expect(calls.filter((call) => call.method === 'POST').at(-1)?.body).toEqual({
      kind: 'openai-compatible',
      name: 'Ollama on the NAS',
      baseUrl: 'http://127.0.0.1:11434/v1',
      parallel: false,
    });
    expect(text(page.querySelector('[role="status"].alert-success'))).toContain('Added Ollama on the NAS.');
  });

  it('tests a provider with the chosen model and shows the answer, latency and cost', async () => {
    const result: ProviderTestResult = {
      ok: true,
      model: 'claude-sonnet-4-6',
      reply: '¡Hola!',
      latencyMs: 640,
      costMicros: 120,
      error: null,
      provider: {
        ...anthropic,
        state: { status: 'ok', checkedAt: '2026-11-24T09:05:00.000Z', lastError: null },
      },
    };
    const failing = makeProvider({ id: 'broken', name: 'Broken', models: ['m1'] });
    const calls = mockFetch({
      ...pageRoutes(makeList({ providers: [anthropic, failing] })),
      'POST /api/admin/providers/anthropic/test': () => json(result),
      'POST /api/admin/providers/broken/test': () =>
        json({
          ok: false,
          model: 'm1',
          reply: null,
          latencyMs: null,
          costMicros: 0,
          error: 'The provider refused the key (HTTP 401).',
          provider: {
            ...failing,
            state: {
              status: 'error',
              checkedAt: null,
              lastError: 'The provider refused the key (HTTP 401).',
            },
          },
        } satisfies ProviderTestResult),
    });
    const page = await openPage();
    const app = card(page, 'Anthropic');
    await fill(getByLabel(app, 'Model to test'), 'claude-sonnet-4-6');
    await click(getButton(app, 'Test Anthropic'));
    await waitFor(() =>
      expect(text(app.querySelector('.alert-success'))).toBe(
        'It answered with claude-sonnet-4-6 in 640 ms: “¡Hola!”. It cost $0.0001.',
      ),
    );
    expect(calls.find((call) => call.url === '/api/admin/providers/anthropic/test')?.body).toEqual({
      model: 'claude-sonnet-4-6',
    });

    await click(getButton(card(page, 'Broken'), 'Test Broken'));
    await waitFor(() =>
      expect(text(card(page, 'Broken').querySelector('.provider-test .alert-error'))).toBe(
        'The test failed with m1: The provider refused the key (HTTP 401). It cost nothing.',
      ),
    );
    // The refreshed state comes with the result.
    expect(text(card(page, 'Broken').querySelector('.badges'))).toBe('Error');
    expect(text(card(page, 'Broken'))).toContain('Last error: The provider refused the key (HTTP 401).');
  });

  it('edits an app provider sending only what changed, and removes one', async () => {
    const server = makeProvider({
      id: 'home',
      kind: 'openai-compatible',
      name: 'Home server',
      baseUrl: 'http://192.168.1.20:8080/v1',
      keyLast4: 'qq11',
      parallel: false,
    });
    let list = makeList({ providers: [server] });
    const calls = mockFetch({
      ...pageRoutes(),
      'GET /api/admin/providers': () => json(list),
      'PATCH /api/admin/providers/home': () => json({ provider: server }),
      'DELETE /api/admin/providers/home': () => {
        list = { ...list, providers: [] };
        return new Response(null, { status: 204 });
      },
    });
    const page = await openPage();
    await click(getButton(card(page, 'Home server'), 'Edit Home server'));
    const dialog = page.querySelector('dialog') as HTMLElement;
    expect(text(dialog)).toContain('The stored key ends in …qq11.');
    await click(getByLabel(dialog, 'Remove the stored key') as HTMLInputElement);
    await click(getByLabel(dialog, 'Answers several requests at once') as HTMLInputElement);
    await click(getButton(dialog, 'Save'));
    await waitFor(() => expect(page.querySelector('dialog')).toBeNull());
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ apiKey: null, parallel: true });

    await click(getButton(card(page, 'Home server'), 'Remove Home server'));
    await click(getButton(page.querySelector('dialog') as HTMLElement, 'Remove provider'));
    await waitFor(() => expect(page.querySelector('.provider-card')).toBeNull());
    expect(text(page.querySelector('#providers'))).toContain('No provider is set up yet');
  });
});
