// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadingView } from '../../../../contracts/reading.ts';
import { click, getButton, json, mockFetch, type Rendered, waitFor } from '../../test/dom.tsx';
import { installFakeSpeech, texts } from '../../test/fake-speech.ts';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';
import { stopSpeaking } from '../speech/synthesis.ts';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  stopSpeaking();
  vi.unstubAllGlobals();
});

function viewWith(mundo: 'known' | 'new'): ReadingView {
  const known = mundo === 'known' ? 4 : 3;
  return {
    text: {
      id: 't1',
      language: 'es',
      title: 'Saludo',
      source: 'paste',
      sourceUrl: null,
      sourceName: null,
      wordCount: 4,
      shared: false,
      own: true,
      createdAt: '2026-11-24T10:00:00.000Z',
    },
    sentences: [
      ['', 'Hola', ' ', 'mundo', '. '],
      ['', 'Fui', ' ', 'hoy', '.'],
    ],
    words: {
      hola: { status: 'known', count: 1 },
      mundo: { status: mundo, count: 1 },
      fui: { status: 'learning', lemma: 'ir', cardId: 'c1', count: 1 },
      hoy: { status: 'known', count: 1 },
    },
    coverage: {
      words: 4,
      known: known - 1,
      learning: 1,
      new: 4 - known,
      knownShare: (known - 1) / 4,
      newShare: (4 - known) / 4,
    },
    thresholds: { comfortable: 0.98, adequate: 0.95 },
  };
}

describe('the reader', () => {
  it('marks words, shows the known share, reads aloud by sentence and marks a word known with K', async () => {
    const speech = installFakeSpeech();
    let mundo: 'known' | 'new' = 'new';
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'csrf-1' }),
      'GET /api/reading/texts/t1/view': () => json(viewWith(mundo)),
      'PUT /api/reading/known-words': (call) => {
        mundo = 'known';
        return json({ ...(call.body as object), known: true });
      },
    });
    rendered = await renderApp('/reading/t1');
    const page = rendered.container;
    await waitFor(() =>
      expect(page.querySelector('[data-testid="known-share"]')?.textContent).toContain('50%'),
    );
    expect(page.querySelector('[data-testid="known-share"]')?.textContent).toContain('Hard: many new words');
    expect(getButton(page, 'mundo').className).toContain('reading-new');
    expect(getButton(page, 'Fui').className).toContain('reading-learning');
    expect(getButton(page, 'Hola').className).toContain('reading-known');

    await click(getButton(page, 'Listen'));
    expect(texts(speech.spoken)).toEqual(['Hola mundo.', 'Fui hoy.']);
    await speech.finishAll();

    await click(getButton(page, 'mundo'));
    expect(page.querySelector('aside.reading-word')?.textContent).toContain('New');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k' }));
    });
    await waitFor(() => expect(getButton(page, 'mundo').className).toContain('reading-known'));
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      language: 'es',
      word: 'mundo',
      known: true,
    });
    expect(page.querySelector('[data-testid="known-share"]')?.textContent).toContain('75%');
  });
});
