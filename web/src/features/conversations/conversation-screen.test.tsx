// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../contracts/auth.ts';
import type { Message, ProviderStatus } from '../../../../contracts/conversations.ts';
import type { Persona } from '../../../../contracts/tutor.ts';
import {
  cafeConversation,
  conversationRoutes,
  messageBox,
  openConversationScreen,
  providersMissing,
  type Routes,
  typeMessage,
} from '../../test/conversation-screen.ts';
import {
  apiError,
  click,
  eventStreamResponse,
  type FetchCall,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { makeMessage, makeUser } from '../../test/fixtures.ts';

let rendered: Rendered | null = null;

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const conversation = cafeConversation;

/** The tutor opens every conversation: by the time the learner writes, its greeting is there. */
const opening = makeMessage({ id: 'o1', role: 'tutor', text: '¡Hola! ¿Qué tal?' });

function routes(
  extra: Routes = {},
  options: { user?: User; messages?: Message[]; providers?: ProviderStatus } = {},
): Routes {
  return conversationRoutes(options.messages ?? [opening], extra, options);
}

async function openConversation(): Promise<HTMLElement> {
  rendered = await openConversationScreen();
  return rendered.container;
}

async function press(textarea: HTMLTextAreaElement, init: KeyboardEventInit): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  await act(async () => {
    textarea.dispatchEvent(event);
  });
  return event;
}

function bubbles(page: HTMLElement): { role: string; status: string; text: string }[] {
  return [...page.querySelectorAll<HTMLElement>('li.message')].map((item) => ({
    role: item.classList.contains('message-learner') ? 'learner' : 'tutor',
    status: item.dataset.status ?? '',
    text: item.querySelector('.message-text')?.textContent ?? '',
  }));
}

function posts(calls: FetchCall[]): FetchCall[] {
  return calls.filter((call) => call.method === 'POST');
}

describe('conversation screen', () => {
  it('focuses the message box on opening, and "/" jumps back to it from anywhere but a field', async () => {
    mockFetch(routes());
    const page = await openConversation();
    const box = messageBox(page);
    await waitFor(() => expect(document.activeElement).toBe(box));

    box.blur();
    const slash = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    await act(async () => {
      document.body.dispatchEvent(slash);
    });
    expect(slash.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(box);
    expect(box.getAttribute('aria-keyshortcuts')).toBe('/');

    // In the box itself "/" is just a character.
    const typed = await press(box, { key: '/' });
    expect(typed.defaultPrevented).toBe(false);
  });

  it('sends on Enter, clears the draft once accepted and streams the reply in', async () => {
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    const calls = mockFetch(
      routes({
        'POST /api/conversations/c1/messages': (call) => {
          stream = eventStreamResponse(call.signal);
          return stream.response;
        },
        // The server names the conversation after its first message.
        'GET /api/conversations/c1?limit=1': () =>
          json({
            conversation: { ...conversation, title: 'Hola, quiero un café', messageCount: 3 },
            messages: [],
            hasMore: true,
          }),
      }),
    );
    const page = await openConversation();
    const box = messageBox(page);
    await typeMessage(box, '  Hola, quiero un café  ');

    const enter = await press(box, { key: 'Enter' });
    expect(enter.defaultPrevented).toBe(true);
    await waitFor(() => expect(stream).not.toBeNull());
    expect(posts(calls)[0]?.body).toEqual({ text: '  Hola, quiero un café  ' });
    expect(posts(calls)[0]?.headers['x-csrf-token']).toBe('csrf-1');
    // Not accepted yet: the draft is still there.
    expect(box.value).toBe('  Hola, quiero un café  ');

    await act(async () => stream!.send({ type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' }));
    await waitFor(() => expect(box.value).toBe(''));
    expect(getButton(page, 'Stop')).toBeTruthy();
    await waitFor(() => expect(page.querySelector('h1')?.textContent).toBe('Hola, quiero un café'));

    await act(async () => stream!.send({ type: 'reply-delta', text: '¡Claro! ' }));
    await waitFor(() => expect(bubbles(page)[2]?.text).toBe('¡Claro! '));
    await act(async () => stream!.send({ type: 'reply-delta', text: '¿Con **leche**?' }));
    await waitFor(() =>
      expect(bubbles(page)).toEqual([
        { role: 'tutor', status: 'complete', text: '¡Hola! ¿Qué tal?' },
        { role: 'learner', status: 'complete', text: 'Hola, quiero un café' },
        { role: 'tutor', status: 'streaming', text: '¡Claro! ¿Con leche?' },
      ]),
    );
    const streaming = [...page.querySelectorAll<HTMLElement>('li.message-tutor')].at(-1);
    expect(streaming?.querySelector('strong')?.textContent).toBe('leche');
    expect(streaming?.querySelector('.message-text')?.getAttribute('aria-live')).toBe('polite');

    await act(async () => {
      stream!.send({
        type: 'reply-end',
        tutorMessageId: 't1',
        status: 'complete',
        usage: null,
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
      });
      stream!.send({ type: 'done' });
      stream!.close();
    });
    await waitFor(() => expect(bubbles(page)[2]?.status).toBe('complete'));
    expect(queryButton(page, 'Stop')).toBeNull();
    expect(getButton(page, 'Send').disabled).toBe(true);
    expect(document.activeElement).toBe(box);
  });

  it('keeps Shift+Enter for a new line and does not send an empty message', async () => {
    const calls = mockFetch(routes());
    const page = await openConversation();
    const box = messageBox(page);
    await typeMessage(box, 'Primera línea');

    const shiftEnter = await press(box, { key: 'Enter', shiftKey: true });
    expect(shiftEnter.defaultPrevented).toBe(false);

    await typeMessage(box, '   ');
    await press(box, { key: 'Enter' });
    expect(posts(calls)).toHaveLength(0);
  });

  it.each([
    [402, 'budget_exceeded', 'Your monthly budget of $5.00 is used up. It resets on 1 December.'],
    [503, 'no_provider', 'No AI provider is configured, so the tutor cannot answer yet.'],
  ])('keeps the draft and shows why when the server refuses with %i', async (status, code, reason) => {
    const calls = mockFetch(
      routes({ 'POST /api/conversations/c1/messages': () => apiError(status, code, reason) }),
    );
    const page = await openConversation();
    const box = messageBox(page);
    await typeMessage(box, 'Quiero practicar el pasado');
    await click(getButton(page, 'Send'));

    await waitFor(() => expect(page.querySelector('.composer [role="alert"]')?.textContent).toBe(reason));
    expect(box.value).toBe('Quiero practicar el pasado');
    expect(bubbles(page)).toEqual([{ role: 'tutor', status: 'complete', text: '¡Hola! ¿Qué tal?' }]);
    expect(posts(calls)).toHaveLength(1);
    expect(getButton(page, 'Send').disabled).toBe(false);
  });

  it('Stop aborts the request and keeps the partial reply, marked as stopped', async () => {
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    let signal: AbortSignal | undefined;
    mockFetch(
      routes({
        'POST /api/conversations/c1/messages': (call) => {
          signal = call.signal;
          stream = eventStreamResponse(call.signal);
          return stream.response;
        },
      }),
    );
    const page = await openConversation();
    await typeMessage(messageBox(page), 'Cuéntame una historia larga');
    await press(messageBox(page), { key: 'Enter' });
    await waitFor(() => expect(stream).not.toBeNull());
    await act(async () => {
      stream!.send({ type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' });
      stream!.send({ type: 'reply-delta', text: 'Había una vez' });
    });
    await waitFor(() => expect(bubbles(page)[2]?.text).toBe('Había una vez'));

    // As a pointer or keyboard user leaves it: focus on the button, then the click.
    getButton(page, 'Stop').focus();
    await click(getButton(page, 'Stop'));

    expect(signal?.aborted).toBe(true);
    await waitFor(() => expect(bubbles(page)[2]?.status).toBe('partial'));
    const reply = page.querySelectorAll('li.message')[2] as HTMLElement;
    expect(reply.querySelector('.message-text')?.textContent).toBe('Había una vez');
    expect(reply.querySelector('.badge')?.textContent).toBe('Stopped');
    expect(queryButton(page, 'Stop')).toBeNull();
    expect(document.activeElement).toBe(messageBox(page));
    // The partial reply is the latest one: it can be retried.
    expect(queryButton(reply, 'Retry')).not.toBeNull();
  });

  it('offers Retry only on the latest failed reply and streams the new attempt into it', async () => {
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    const calls = mockFetch(
      routes(
        {
          'POST /api/conversations/c1/messages/t2/retry': (call) => {
            stream = eventStreamResponse(call.signal);
            return stream.response;
          },
        },
        {
          messages: [
            makeMessage({ id: 'l1', role: 'learner', text: 'Hola' }),
            makeMessage({
              id: 't1',
              role: 'tutor',
              text: 'Hola, ¿qué',
              status: 'partial',
              failureReason: 'provider_error',
              failureMessage: 'The connection to the provider was cut.',
              replyTo: 'l1',
            }),
            makeMessage({ id: 'l2', role: 'learner', text: '¿Y tú?' }),
            makeMessage({
              id: 't2',
              role: 'tutor',
              text: '',
              status: 'failed',
              failureReason: 'provider_error',
              failureMessage: 'The provider is overloaded. Try again in a minute.',
              replyTo: 'l2',
            }),
          ],
        },
      ),
    );
    const page = await openConversation();
    const items = page.querySelectorAll<HTMLElement>('li.message');
    expect(items[1]?.querySelector('.badge')?.textContent).toBe('Incomplete');
    // Text arrived, so the provider was reached: the cut is named as one, not as "could not reach".
    expect(items[1]?.querySelector('.message-failure')?.textContent).toBe(
      'The connection to the provider broke in the middle of this reply; what arrived is kept.',
    );
    expect(queryButton(items[1]!, 'Retry')).toBeNull();
    expect(items[3]?.querySelector('.badge')?.textContent).toBe('Failed');
    expect(items[3]?.textContent).toContain('The provider is overloaded. Try again in a minute.');
    expect(items[3]?.querySelector('.message-text')?.textContent).toBe('No reply.');

    await click(getButton(items[3]!, 'Retry'));
    await waitFor(() => expect(stream).not.toBeNull());
    expect(posts(calls)[0]?.url).toBe('/api/conversations/c1/messages/t2/retry');
    await act(async () => {
      stream!.send({ type: 'accepted', learnerMessageId: 'l2', tutorMessageId: 't2' });
      stream!.send({ type: 'reply-delta', text: 'Muy bien, gracias.' });
      stream!.send({ type: 'goal-progress', goals: ['greet'] });
      stream!.send({
        type: 'reply-end',
        tutorMessageId: 't2',
        status: 'complete',
        usage: null,
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
      });
      stream!.send({ type: 'done' });
      stream!.close();
    });
    await waitFor(() =>
      expect(bubbles(page)[3]).toEqual({ role: 'tutor', status: 'complete', text: 'Muy bien, gracias.' }),
    );
    expect(bubbles(page)).toHaveLength(4);
    expect(queryButton(page, 'Retry')).toBeNull();
  });

  it('streams the tutor’s opening into a new conversation, once, and only when a provider can answer', async () => {
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    const calls = mockFetch(
      routes(
        {
          'POST /api/conversations/c1/opening': (call) => {
            stream = eventStreamResponse(call.signal);
            return stream.response;
          },
        },
        { messages: [] },
      ),
    );
    const page = await openConversation();
    await waitFor(() => expect(stream).not.toBeNull());
    await act(async () => {
      stream!.send({ type: 'accepted', learnerMessageId: '', tutorMessageId: 'o1' });
      stream!.send({ type: 'reply-delta', text: '¡Hola! ¿Qué tal?' });
      stream!.send({
        type: 'reply-end',
        tutorMessageId: 'o1',
        status: 'complete',
        usage: null,
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
      });
      stream!.send({ type: 'done' });
      stream!.close();
    });
    await waitFor(() =>
      expect(bubbles(page)).toEqual([{ role: 'tutor', status: 'complete', text: '¡Hola! ¿Qué tal?' }]),
    );
    expect(posts(calls).map((call) => call.url)).toEqual(['/api/conversations/c1/opening']);
    rendered?.unmount();

    // No provider: no opening request (the notice says what to add); the learner can still write.
    const quiet = mockFetch(routes({}, { messages: [], providers: providersMissing(false) }));
    const empty = await openConversation();
    await waitFor(() => expect(empty.querySelector('.provider-notice')).not.toBeNull());
    expect(posts(quiet)).toHaveLength(0);
    expect(bubbles(empty)).toEqual([]);
  });

  it('changes the tutor’s persona and corrections for this conversation from the Tutor dialog', async () => {
    const coach: Persona = {
      id: 'coach',
      name: 'Encouraging coach',
      description: 'Warm and upbeat; celebrates progress.',
      styleRules: ['Praise what went well first.'],
      previewLine: '¡Muy bien!',
      builtIn: true,
      isDefault: false,
      visibility: 'builtin',
      editable: false,
    };
    const calls = mockFetch(
      routes({
        'GET /api/personas': () => json({ personas: [coach] }),
        'PATCH /api/conversations/c1/tutor': (call) =>
          json({
            conversation: {
              ...conversation,
              personaId: 'coach',
              correctionPolicy: 'all',
              ...(call.body as object),
            },
          }),
      }),
    );
    const page = await openConversation();
    await click(getButton(page, 'Tutor'));
    await waitFor(() => expect(page.querySelector('option[value="coach"]')).not.toBeNull());
    await fill(getByLabel(page, 'Persona'), 'coach');
    expect(page.textContent).toContain('Warm and upbeat; celebrates progress.');
    await fill(getByLabel(page, 'Corrections'), 'all');
    await click(getButton(page, 'Save'));

    await waitFor(() => expect(page.querySelector('dialog[open]')).toBeNull());
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([
      { personaId: 'coach', correctionPolicy: 'all' },
    ]);
    const statuses = [...page.querySelectorAll('[role="status"]')].map((element) => element.textContent);
    expect(statuses).toContain('Tutor settings saved: they apply from the next reply.');

    // Back to the defaults: both are sent as null.
    await click(getButton(page, 'Tutor'));
    await waitFor(() => expect((getByLabel(page, 'Persona') as HTMLSelectElement).value).toBe('coach'));
    await fill(getByLabel(page, 'Persona'), '');
    await fill(getByLabel(page, 'Corrections'), '');
    await click(getButton(page, 'Save'));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'PATCH').at(-1)?.body).toEqual({
        personaId: null,
        correctionPolicy: null,
      }),
    );
  });

  it('offers an admin the three ways to set up a provider, and tells a learner the owner must', async () => {
    mockFetch(
      routes({}, { providers: providersMissing(true), user: makeUser({ role: 'admin', isOwner: true }) }),
    );
    let page = await openConversation();
    await waitFor(() => expect(page.querySelector('.provider-notice')).not.toBeNull());
    let notice = page.querySelector('.provider-notice') as HTMLElement;
    expect(notice.textContent).not.toContain('.env');
    // Folded on the chat screen; the three ways link into the providers page.
    expect(notice.querySelector('summary')?.textContent).toBe('Three ways to set one up');
    expect(
      [...notice.querySelectorAll('.setup-ways a')].map((link) => [
        link.textContent,
        link.getAttribute('href'),
      ]),
    ).toEqual([
      ['Paste a key', '/admin/providers#add-key'],
      ['Connect a local server', '/admin/providers#add-server'],
      ['Download a local model', '/admin/providers#local-model'],
    ]);
    // The conversation itself still works: the box is there.
    expect(messageBox(page).disabled).toBe(false);
    rendered?.unmount();

    mockFetch(routes({}, { providers: providersMissing(false), user: makeUser({ role: 'learner' }) }));
    page = await openConversation();
    await waitFor(() => expect(page.querySelector('.provider-notice')).not.toBeNull());
    notice = page.querySelector('.provider-notice') as HTMLElement;
    expect(notice.querySelector('a')).toBeNull();
    expect(notice.textContent).toContain('The owner of this server has to set up an AI provider first');
    expect(messageBox(page).disabled).toBe(false);
  });

  it('counts down near the 4000-character limit and refuses to send past it', async () => {
    const calls = mockFetch(routes());
    const page = await openConversation();
    const box = messageBox(page);
    await typeMessage(box, 'a'.repeat(3000));
    expect(page.querySelector('.composer-counter')).toBeNull();
    await typeMessage(box, 'a'.repeat(3990));
    expect(page.querySelector('.composer-counter')?.textContent).toBe('10 characters left');
    await typeMessage(box, 'a'.repeat(4002));
    expect(page.querySelector('.composer-counter')?.textContent).toBe('2 characters over the 4000 limit');
    expect(getButton(page, 'Send').disabled).toBe(true);
    await press(box, { key: 'Enter' });
    expect(posts(calls)).toHaveLength(0);
  });

  it('loads older messages with the id of the oldest one shown', async () => {
    const calls = mockFetch({
      ...routes(),
      'GET /api/conversations/c1?limit=50': () =>
        json({
          conversation,
          messages: [makeMessage({ id: 'm3', role: 'learner', text: 'tercero' })],
          hasMore: true,
        }),
      'GET /api/conversations/c1?before=m3&limit=50': () =>
        json({
          conversation,
          messages: [
            makeMessage({ id: 'm1', role: 'learner', text: 'primero' }),
            makeMessage({ id: 'm2', role: 'tutor', text: 'segundo' }),
          ],
          hasMore: false,
        }),
    });
    const page = await openConversation();
    await click(getButton(page, 'Load older messages'));
    await waitFor(() =>
      expect(bubbles(page).map((item) => item.text)).toEqual(['primero', 'segundo', 'tercero']),
    );
    expect(calls.some((call) => call.url === '/api/conversations/c1?before=m3&limit=50')).toBe(true);
    expect(queryButton(page, 'Load older messages')).toBeNull();
  });
});
