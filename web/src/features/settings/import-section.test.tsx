// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, click, getButton, json, mockFetch, type Rendered, waitFor } from '../../test/dom.tsx';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';
import { describeImport } from './account-sections.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

async function chooseFile(page: HTMLElement, file: File) {
  const input = page.querySelector<HTMLInputElement>('input[name="export-file"]');
  if (!input) throw new Error('No export file input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('settings: import your data', () => {
  it('uploads the chosen file as it is and says what it added', async () => {
    const user = makeUser();
    let received: unknown;
    const calls = mockFetch({
      'GET /api/me': () => json({ user, csrfToken: 'c' }),
      'POST /api/me/import': (call) => {
        received = call;
        return json({
          importId: 'i',
          version: 2,
          added: { conversations: 2, messages: 40, vocabulary_cards: 12 },
          skipped: {},
          nulCharactersRemoved: 0,
        });
      },
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    await waitFor(() => getButton(page, 'Import'));
    const file = new File(['{"format":"charla-export"}'], 'charla-ana.json', { type: 'application/json' });
    await chooseFile(page, file);
    await click(getButton(page, 'Import'));
    await waitFor(() =>
      expect(page.textContent).toContain('Imported 2 conversations, 40 messages and 12 cards.'),
    );
    const upload = calls.find((call) => call.url === '/api/me/import');
    expect(upload?.headers['content-type']).toBe('application/json');
    expect(upload?.headers['x-csrf-token']).toBeTruthy();
    expect(received).toBeDefined();
  });

  it('shows the server’s reason when the file is refused', async () => {
    const user = makeUser();
    mockFetch({
      'GET /api/me': () => json({ user, csrfToken: 'c' }),
      'POST /api/me/import': () =>
        apiError(400, 'validation_failed', 'The file was exported by a newer Charla (export version 3).'),
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    await waitFor(() => getButton(page, 'Import'));
    await click(getButton(page, 'Import'));
    await waitFor(() => expect(page.textContent).toContain('Choose the export file first.'));
    await chooseFile(page, new File(['{}'], 'new.json', { type: 'application/json' }));
    await click(getButton(page, 'Import'));
    await waitFor(() => expect(page.textContent).toContain('exported by a newer Charla'));
  });

  it('says so when a file adds nothing new', () => {
    expect(
      describeImport({
        importId: 'i',
        version: 2,
        added: { conversations: 0 },
        skipped: {},
        nulCharactersRemoved: 3,
      }),
    ).toBe(
      'Nothing new to add: everything in this file is already in your account. 3 invisible NUL characters were removed from the text.',
    );
  });
});
