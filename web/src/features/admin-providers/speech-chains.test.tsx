// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProviderList } from '../../../../contracts/providers.ts';
import type { SpeechChainUpdate } from '../../../../contracts/speech.ts';
import {
  click,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
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
  const found = [...page.querySelectorAll<HTMLElement>('#speech .chain-editor')].find(
    (element) => element.querySelector('h3')?.textContent === title,
  );
  if (!found) throw new Error(`No speech chain "${title}"`);
  return found;
}

/** The server answers a speech chain PUT the way it will: saved in the app, the list back. */
function speechServer(list: ProviderList) {
  let current = list;
  return {
    get: () => json(current),
    put: (body: SpeechChainUpdate) => {
      current = {
        ...current,
        speechChains: current.speechChains.map((chain) =>
          chain.function === body.function
            ? { function: body.function, links: body.links, source: body.links.length ? 'app' : 'none' }
            : chain,
        ),
      };
      return json(current);
    },
  };
}

describe('speech chains', () => {
  it('sets the transcribe and speak chains from the providers that serve speech, with a default voice', async () => {
    const server = speechServer(makeList());
    const calls = mockFetch({
      ...pageRoutes(),
      'GET /api/admin/providers': server.get,
      'PUT /api/admin/providers/speech-chains': (call) => server.put(call.body as SpeechChainUpdate),
    });
    rendered = await renderApp('/admin/providers#speech');
    const page = rendered.container;
    // The providers page is a large chunk: under a full run's load it takes a while to arrive.
    await waitFor(() => expect(page.querySelector('#speech .chain-editor')).not.toBeNull(), 10_000);

    const transcribe = editor(page, 'Speech to text (transcribe)');
    expect(transcribe.textContent).toContain('Not set up: learners use their browser’s speech only.');
    await click(getButton(transcribe, 'Add a provider'));
    // Anthropic serves no speech: the first provider offered is Mistral, with its transcription model.
    const providerOptions = [...(getByLabel(transcribe, 'Provider') as HTMLSelectElement).options]
      .map((option) => option.value)
      .filter(Boolean);
    expect(providerOptions).toEqual(['mistral', 'ollama']);
    expect(getByLabel(transcribe, 'Model').value).toBe('voxtral-mini-latest');
    await click(getButton(transcribe, 'Save Speech to text (transcribe)'));
    await waitFor(() =>
      expect(page.querySelector('#speech [role="status"].alert-success')?.textContent).toBe(
        'Speech to text (transcribe): saved. It applies from the next call.',
      ),
    );

    const speak = editor(page, 'Text to speech (speak)');
    await click(getButton(speak, 'Add a provider'));
    await fill(getByLabel(speak, 'Provider'), 'ollama');
    expect(getByLabel(speak, 'Model').value).toBe('tts-1');
    await fill(getByLabel(speak, 'Default voice'), 'nova');
    await click(getButton(speak, 'Save Text to speech (speak)'));
    await waitFor(() =>
      expect(editor(page, 'Text to speech (speak)').textContent).toContain('Set in the app.'),
    );

    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      { function: 'transcribe', links: [{ provider: 'mistral', model: 'voxtral-mini-latest' }] },
      { function: 'speak', links: [{ provider: 'ollama', model: 'tts-1', voice: 'nova' }] },
    ]);

    // Removing goes back to the browser's speech only.
    await click(getButton(editor(page, 'Speech to text (transcribe)'), 'Remove this chain'));
    await waitFor(() =>
      expect(editor(page, 'Speech to text (transcribe)').textContent).toContain('Not set up'),
    );
    expect(calls.filter((call) => call.method === 'PUT').at(-1)?.body).toEqual({
      function: 'transcribe',
      links: [],
    });
  });

  it('refuses to save a link without a model, saying what is missing', async () => {
    const server = speechServer(makeList());
    const calls = mockFetch({ ...pageRoutes(), 'GET /api/admin/providers': server.get });
    rendered = await renderApp('/admin/providers#speech');
    const page = rendered.container;
    // The providers page is a large chunk: under a full run's load it takes a while to arrive.
    await waitFor(() => expect(page.querySelector('#speech .chain-editor')).not.toBeNull(), 10_000);
    const speak = editor(page, 'Text to speech (speak)');
    await click(getButton(speak, 'Add a provider'));
    // Mistral's speech generation is not in its list: no model to suggest.
    expect(getByLabel(speak, 'Model').value).toBe('');
    await click(getButton(speak, 'Save Text to speech (speak)'));
    expect(speak.querySelector('[role="alert"]')?.textContent).toContain(
      'Choose a provider and a model for each link',
    );
    expect(calls.filter((call) => call.method === 'PUT')).toEqual([]);
  });
});
