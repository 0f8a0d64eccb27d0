import { act } from 'react';
import { expect } from 'vitest';
import type { User } from '../../../contracts/auth.ts';
import type { Conversation, Message, ProviderStatus } from '../../../contracts/conversations.ts';
import { json, type mockFetch, type Rendered, waitFor } from './dom.tsx';
import { makeUser } from './fixtures.ts';
import { renderApp } from './render-app.tsx';

/** The conversation the screen tests open: Spanish, A2, id `c1`. */
export const cafeConversation: Conversation = {
  id: 'c1',
  title: 'En el café',
  language: 'es',
  level: 'A2',
  personaId: null,
  scenarioId: null,
  mode: null,
  messageCount: 1,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
  lastMessageAt: null,
};

export const providersAvailable: ProviderStatus = {
  available: true,
  providers: [{ id: 'anthropic', label: 'Anthropic', local: false, models: ['claude-haiku-4-5'] }],
  chains: {},
  setupHint: null,
  canConfigure: false,
};

/** Nothing can answer; `canConfigure` says whether the caller is an admin who can set a provider up. */
export function providersMissing(canConfigure: boolean): ProviderStatus {
  return { available: false, providers: [], chains: {}, setupHint: null, canConfigure };
}

export type Routes = Parameters<typeof mockFetch>[0];

/** What the conversation screen reads when it opens `c1`: the learner, the providers, the first page. */
export function conversationRoutes(
  messages: Message[],
  extra: Routes = {},
  options: { user?: User; providers?: ProviderStatus } = {},
): Routes {
  return {
    'GET /api/me': () => json({ user: options.user ?? makeUser(), csrfToken: 'csrf-1' }),
    'GET /api/providers': () => json(options.providers ?? providersAvailable),
    'GET /api/conversations/c1?limit=50': () =>
      json({
        conversation: { ...cafeConversation, messageCount: messages.length },
        messages,
        hasMore: false,
      }),
    ...extra,
  };
}

/** Opens `/conversations/c1` in the whole app and waits for its title. */
export async function openConversationScreen(): Promise<Rendered> {
  const rendered = await renderApp('/conversations/c1');
  await waitFor(() => expect(rendered.container.querySelector('h1')?.textContent).toBe('En el café'));
  return rendered;
}

export function messageBox(page: HTMLElement): HTMLTextAreaElement {
  const textarea = page.querySelector<HTMLTextAreaElement>('.composer textarea');
  if (!textarea) throw new Error('No message box');
  return textarea;
}

/** Types into the message box the way a user does, so React's onChange fires. */
export async function typeMessage(textarea: HTMLTextAreaElement, value: string): Promise<void> {
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(textarea, value);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
