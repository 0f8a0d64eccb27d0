// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadingTextSummary } from '../../../../contracts/reading.ts';
import { click, getButton, json, mockFetch, queryButton, type Rendered, waitFor } from '../../test/dom.tsx';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const text = (overrides: Partial<ReadingTextSummary>): ReadingTextSummary => ({
  id: 't1',
  language: 'es',
  title: 'El mercado',
  source: 'paste',
  sourceUrl: null,
  sourceName: null,
  wordCount: 120,
  shared: false,
  own: true,
  createdAt: '2026-11-24T10:00:00.000Z',
  ...overrides,
});

describe('the text library', () => {
  it('lets an admin share one of their texts with every member, and stop sharing it', async () => {
    let shared = false;
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser({ role: 'admin' }), csrfToken: 'csrf-1' }),
      'GET /api/reading/texts': () =>
        json({ texts: [text({ shared }), text({ id: 't2', title: 'De Ana', own: false, shared: true })] }),
      'PUT /api/reading/texts/t1/sharing': (call) => {
        shared = (call.body as { shared: boolean }).shared;
        return json({ text: { ...text({ shared }), body: 'Hola.' } });
      },
    });
    rendered = await renderApp('/reading');
    const page = rendered.container;
    await waitFor(() => getButton(page, 'Share with members (El mercado)'));
    // A text another admin shared is read-only here.
    expect(queryButton(page, 'Share with members (De Ana)')).toBeNull();
    await click(getButton(page, 'Share with members (El mercado)'));
    await waitFor(() => getButton(page, 'Stop sharing (El mercado)'));
    expect(page.textContent).toContain('shared with members');
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ shared: true });
    await click(getButton(page, 'Stop sharing (El mercado)'));
    await waitFor(() => getButton(page, 'Share with members (El mercado)'));
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      { shared: true },
      { shared: false },
    ]);
  });

  it('offers a learner no sharing', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'csrf-1' }),
      'GET /api/reading/texts': () => json({ texts: [text({})] }),
    });
    rendered = await renderApp('/reading');
    const page = rendered.container;
    await waitFor(() => expect(page.textContent).toContain('El mercado'));
    expect(queryButton(page, 'Share with members (El mercado)')).toBeNull();
  });
});
