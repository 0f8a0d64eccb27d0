// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Deck } from '../../../../contracts/vocabulary.ts';
import { click, getButton, json, mockFetch, type Rendered, render, waitFor } from '../../test/dom.tsx';
import { AnkiImport } from './anki-import.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const deck = { id: '0190a3c4-0000-7000-8000-0000000000d1', language: 'es', name: 'Anki' } as Deck;
const importUrl = `/api/vocabulary/anki/import?deckId=${deck.id}&noteType=1700000000000&term=0&translation=1&example=2`;

describe('Import from Anki', () => {
  it('previews the package, guesses the mapping from the field names and imports with the learner’s choice', async () => {
    const calls = mockFetch({
      'POST /api/vocabulary/anki/preview': () =>
        json({
          format: 'anki21b',
          totalNotes: 2,
          noteTypes: [
            {
              id: '1700000000000',
              name: 'Basic',
              fields: ['Front', 'Back', 'Example'],
              noteCount: 2,
              samples: [['la casa', 'the house', 'Mi casa.']],
            },
          ],
        }),
      [`POST ${importUrl}`]: () =>
        json({ imported: 2, duplicates: 0, skipped: [], skippedCount: 0, notes: 2 }),
    });
    const onImported = vi.fn();
    rendered = await render(<AnkiImport deck={deck} onImported={onImported} />);
    const page = rendered.container;
    const input = page.querySelector<HTMLInputElement>('input[name="anki-package"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['zip'], 'spanish.apkg')], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => getButton(page, 'Import 2 notes'));
    expect(page.querySelector<HTMLSelectElement>('select[name="anki-translation"]')?.value).toBe('1');
    expect(page.querySelector<HTMLSelectElement>('select[name="anki-example"]')?.value).toBe('2');
    expect(page.textContent).toContain('e.g. “la casa”');
    await click(getButton(page, 'Import 2 notes'));
    await waitFor(() => expect(page.textContent).toContain('Imported 2 cards.'));
    const request = calls.find((call) => call.url.startsWith('/api/vocabulary/anki/import'));
    expect(request?.url).toBe(importUrl);
    expect(onImported).toHaveBeenCalled();
  });
});
