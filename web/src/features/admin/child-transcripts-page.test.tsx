// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '../../../../contracts/conversations.ts';
import type { Feedback } from '../../../../contracts/tutor.ts';
import {
  apiError,
  click,
  getButton,
  heading,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { makeMessage, makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const admin = makeUser({ id: 'owner-id', username: 'mama', role: 'admin', isOwner: true });
const listPath = '/api/admin/members/child-id/conversations?limit=100';
const pagePath = '/api/admin/members/child-id/conversations/c1';

const conversation: Conversation = {
  id: 'c1',
  title: 'En el parque',
  language: 'es',
  level: 'A1',
  personaId: null,
  scenarioId: null,
  mode: null,
  messageCount: 3,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:05:00.000Z',
  lastMessageAt: '2026-11-24T09:05:00.000Z',
};

/** What the analysis stored for the child's message: a correction, a held-back one and a new word. */
const feedback: Feedback = {
  learnerMessageId: 'm3',
  status: 'complete',
  policy: 'important',
  corrections: [
    {
      original: 'Se llama',
      corrected: 'Mi perro se llama',
      category: 'other',
      explanation: 'Say whose dog it is.',
      severity: 'minor',
      source: 'model',
      offset: 0,
      cardFront: 'mi perro se llama',
      translation: 'my dog is called',
      example: 'Mi perro se llama Toby.',
    },
  ],
  hiddenCorrections: 1,
  rephrasing: null,
  newVocabulary: [{ term: 'el perro', translation: 'dog', note: null }],
  goalsMet: [],
  spelling: [],
  languageNotice: null,
  message: null,
};

async function openApp(path: string) {
  rendered = await renderApp(path);
  return rendered.container;
}

describe('child transcripts', () => {
  it("lists a child's conversations and shows one read-only, feedback included, older messages on request", async () => {
    const calls = mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      [`GET ${listPath}`]: () =>
        json({
          member: { id: 'child-id', username: 'leo' },
          conversations: [{ ...conversation, preview: 'Se llama Toby' }],
        }),
      [`GET ${pagePath}?limit=50`]: () =>
        json({
          conversation,
          hasMore: true,
          messages: [
            makeMessage({
              id: 'm2',
              role: 'tutor',
              text: '¡Qué **bonito**! <script>alert(1)</script>',
              status: 'partial',
              failureReason: 'stopped',
            }),
            makeMessage({ id: 'm3', role: 'learner', text: 'Se llama **Toby**', feedback }),
          ],
        }),
      [`GET ${pagePath}?limit=50&before=m2`]: () =>
        json({
          conversation,
          hasMore: false,
          messages: [makeMessage({ id: 'm1', role: 'learner', text: 'Tengo un perro' })],
        }),
    });
    const page = await openApp('/admin/members/child-id/transcripts');
    await waitFor(() => expect(heading(page)).toBe('leo’s conversations'));
    expect(page.textContent).toContain('Spanish');
    expect(page.textContent).toContain('Last activity');

    const link = [...page.querySelectorAll('a')].find((anchor) => anchor.textContent === 'En el parque');
    await click(link as HTMLAnchorElement);
    await waitFor(() => expect(heading(page)).toBe('En el parque'));
    expect(page.textContent).toContain('Read-only: leo’s conversation');

    const messages = [...page.querySelectorAll('ol.messages > li')];
    expect(messages.map((item) => item.className)).toEqual([
      'message message-tutor',
      'message message-learner',
    ]);
    // The tutor's Markdown is rendered safely; the learner's text stays plain.
    expect(messages[0]?.querySelector('strong')?.textContent).toBe('bonito');
    expect(messages[0]?.querySelector('script')).toBeNull();
    expect(messages[0]?.textContent).toContain('<script>alert(1)</script>');
    expect(messages[0]?.textContent).toContain('Stopped');
    expect(messages[1]?.querySelector('strong')).toBeNull();
    expect(messages[1]?.textContent).toContain('Se llama **Toby**');
    // The child's feedback, by the conversation screen's own component: the correction inline, its
    // explanation on click, the new word — and nothing that writes.
    const shown = messages[1]?.querySelector('[data-testid="feedback"]') as HTMLElement;
    expect(shown.getAttribute('aria-label')).toBe('Feedback on this message');
    expect(shown.querySelector('del')?.textContent).toBe('Se llama');
    expect(shown.querySelector('ins')?.textContent).toBe('Mi perro se llama');
    await click(shown.querySelector('.correction-change') as HTMLElement);
    expect(shown.textContent).toContain('Say whose dog it is.');
    expect(shown.textContent).toContain('1 more correction held back by the corrections setting.');
    expect(shown.querySelector('.word-chip')?.textContent).toBe('el perro dog');
    expect(shown.querySelector('.word-chip')?.tagName).toBe('SPAN');
    expect(shown.querySelectorAll('button')).toHaveLength(1);
    expect(messages[0]?.querySelector('[data-testid="feedback"]')).toBeNull();
    // Nothing to write with: no composer, no retry, no stop, no deck, no reveal.
    expect(page.querySelector('textarea')).toBeNull();
    for (const name of ['Retry', 'Stop', 'Add to deck', 'Show 1 more'])
      expect(queryButton(page, name), name).toBeNull();

    await click(getButton(page, 'Load older messages'));
    await waitFor(() => expect(page.querySelectorAll('ol.messages > li')).toHaveLength(3));
    expect(page.querySelector('ol.messages > li')?.textContent).toContain('Tengo un perro');
    expect(queryButton(page, 'Load older messages')).toBeNull();
    expect(calls.every((call) => call.method === 'GET')).toBe(true);
  });

  it("shows the server's refusal for a member who is not a child", async () => {
    mockFetch({
      'GET /api/me': () => json({ user: admin, csrfToken: 'c' }),
      'GET /api/admin/members/adult-id/conversations?limit=100': () =>
        apiError(403, 'forbidden', 'Transcripts are only visible for child accounts.'),
    });
    const page = await openApp('/admin/members/adult-id/transcripts');
    await waitFor(() =>
      expect(page.querySelector('[role="alert"]')?.textContent).toContain(
        'Transcripts are only visible for child accounts.',
      ),
    );
    expect(heading(page)).toBe('Transcripts');
  });
});
