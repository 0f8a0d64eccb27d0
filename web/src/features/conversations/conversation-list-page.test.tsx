// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationListItem } from '../../../../contracts/conversations.ts';
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
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;

afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

function item(overrides: Partial<ConversationListItem> & Pick<ConversationListItem, 'id' | 'title'>) {
  return {
    language: 'es',
    level: 'A2',
    personaId: null,
    scenarioId: null,
    mode: null,
    messageCount: 4,
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:05:00.000Z',
    lastMessageAt: '2026-11-20T09:05:00.000Z',
    preview: '¡Claro! ¿Con leche?',
    ...overrides,
  } satisfies ConversationListItem;
}

const learner = makeUser(
  {},
  {
    targetLanguages: [
      { language: 'es', level: 'A2' },
      { language: 'fr', level: 'B1' },
    ],
  },
);

const base = {
  'GET /api/me': () => json({ user: learner, csrfToken: 'csrf-1' }),
  'GET /api/providers': () =>
    json({ available: true, providers: [], chains: {}, setupHint: null, canConfigure: false }),
  'GET /api/conversations?limit=100': () =>
    json({
      conversations: [
        item({ id: 'c1', title: 'En el café' }),
        item({ id: 'c2', title: 'Au marché', language: 'fr' }),
      ],
    }),
};

async function openList(): Promise<HTMLElement> {
  rendered = await renderApp('/conversations');
  const page = rendered.container;
  await waitFor(() => expect(page.querySelectorAll('.conversation-item')).toHaveLength(2));
  return page;
}

function titles(page: HTMLElement): string[] {
  return [...page.querySelectorAll('.conversation-link')].map((link) => link.textContent ?? '');
}

function row(page: HTMLElement, title: string): HTMLElement {
  const found = [...page.querySelectorAll<HTMLElement>('.conversation-item')].find(
    (element) => element.querySelector('.conversation-link')?.textContent === title,
  );
  if (!found) throw new Error(`No row "${title}"`);
  return found;
}

describe('conversation list', () => {
  it('is in the navigation and lists conversations with language, level and preview', async () => {
    mockFetch(base);
    const page = await openList();
    expect([...page.querySelectorAll('nav a')].map((link) => link.textContent)).toContain('Conversations');
    expect(titles(page)).toEqual(['En el café', 'Au marché']);
    const first = row(page, 'En el café');
    expect(first.textContent).toContain('Spanish');
    expect(first.querySelector('.badge-level')?.textContent).toBe('A2');
    expect(first.querySelector('.conversation-preview')?.textContent).toBe('¡Claro! ¿Con leche?');
    expect(first.querySelector('a')?.getAttribute('href')).toBe('/conversations/c1');
  });

  it('searches once the learner pauses typing, not on every key', async () => {
    const calls = mockFetch({
      ...base,
      'GET /api/conversations?q=caf%C3%A9&limit=100': () =>
        json({ conversations: [item({ id: 'c1', title: 'En el café' })] }),
    });
    const page = await openList();
    const search = getByLabel(page, 'Search conversations') as HTMLInputElement;
    for (const text of ['c', 'ca', 'caf', 'café']) await fill(search, text);

    await waitFor(() => expect(titles(page)).toEqual(['En el café']));
    const searches = calls.filter((call) => call.url.includes('q='));
    expect(searches.map((call) => call.url)).toEqual(['/api/conversations?q=caf%C3%A9&limit=100']);
    expect(page.querySelector('[role="status"]')?.textContent).toBe('1 conversation matches “café”.');
  });

  it('starts a conversation in a profile language at the profile level, or any other language', async () => {
    const calls = mockFetch({
      ...base,
      'POST /api/conversations': () =>
        json(
          {
            conversation: {
              ...item({
                id: 'c9',
                title: 'Italian conversation',
                language: 'it',
                level: 'A1',
                messageCount: 0,
              }),
              preview: undefined,
            },
          },
          201,
        ),
      'GET /api/conversations/c9?limit=50': () =>
        json({
          conversation: item({ id: 'c9', title: 'Italian conversation', language: 'it', level: 'A1' }),
          messages: [],
          hasMore: false,
        }),
    });
    const page = await openList();
    await click(getButton(page, 'New conversation'));
    const dialog = await waitFor(() => {
      const element = page.querySelector('dialog');
      if (!element) throw new Error('no dialog');
      return element as HTMLElement;
    });

    const language = getByLabel(dialog, 'Language') as HTMLSelectElement;
    const level = getByLabel(dialog, 'Level') as HTMLSelectElement;
    expect(language.value).toBe('es');
    expect(level.value).toBe('A2');
    expect([...language.querySelectorAll('optgroup')].map((group) => group.label)).toEqual([
      'Your languages',
      'Other languages',
    ]);
    await fill(language, 'fr');
    expect(level.value).toBe('B1');
    await fill(language, 'it');
    expect(level.value).toBe('A1');

    await click(getButton(dialog, 'Start conversation'));
    await waitFor(() => expect(page.querySelector('h1')?.textContent).toBe('Italian conversation'));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ language: 'it', level: 'A1' });
  });

  it('renames and deletes (after confirming) from the list', async () => {
    const calls = mockFetch({
      ...base,
      'PATCH /api/conversations/c1': (call) =>
        json({ conversation: { ...item({ id: 'c1', title: (call.body as { title: string }).title }) } }),
      'DELETE /api/conversations/c2': () => new Response(null, { status: 204 }),
    });
    const page = await openList();

    await click(getButton(row(page, 'En el café'), 'Rename'));
    const renameDialog = page.querySelector('dialog') as HTMLElement;
    await fill(getByLabel(renameDialog, 'Title'), '  Pedir en un café ');
    await click(getButton(renameDialog, 'Rename'));
    await waitFor(() => expect(titles(page)).toEqual(['Pedir en un café', 'Au marché']));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ title: 'Pedir en un café' });

    await click(getButton(row(page, 'Au marché'), 'Delete'));
    const deleteDialog = page.querySelector('dialog') as HTMLElement;
    expect(deleteDialog.textContent).toContain('Au marché');
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    await click(getButton(deleteDialog, 'Delete conversation'));
    await waitFor(() => expect(titles(page)).toEqual(['Pedir en un café']));
    await act(async () => {});
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual([
      '/api/conversations/c2',
    ]);
  });
});
