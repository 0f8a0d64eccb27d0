// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Persona, Scenario } from '../../../../contracts/tutor.ts';
import {
  apiError,
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

/** Like `fill`, for a textarea: React listens to the native value setter and the input event. */
async function fillTextArea(element: HTMLTextAreaElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const builtIn: Persona = {
  id: 'friendly-conversationalist',
  name: 'Friendly Conversationalist',
  description: 'Relaxed small talk.',
  styleRules: ['Be warm.'],
  previewLine: 'How was your weekend?',
  builtIn: true,
  isDefault: true,
  visibility: 'builtin',
  editable: false,
};

describe('personas and scenarios page', () => {
  it('lists personas, creates one from the form and shows validation errors by their fields', async () => {
    let attempts = 0;
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser({ role: 'learner' }), csrfToken: 'csrf-1' }),
      'GET /api/personas': () => json({ personas: [builtIn] }),
      'GET /api/scenarios': () => json({ scenarios: [] }),
      'GET /api/me/tutor-preferences': () => json({ preferences: { subject: null, learnerLevel: null } }),
      'POST /api/personas': (call) => {
        attempts += 1;
        if (attempts === 1)
          return apiError(400, 'validation_failed', 'previewLine: must not be empty', {
            issues: [{ path: 'previewLine', message: 'must not be empty' }],
          });
        return json(
          {
            persona: {
              ...builtIn,
              ...(call.body as object),
              id: 'p1',
              builtIn: false,
              isDefault: false,
              visibility: 'private',
              editable: true,
            },
          },
          201,
        );
      },
    });
    rendered = await renderApp('/tutor');
    const page = rendered.container;
    await waitFor(() => expect(page.textContent).toContain('How was your weekend?'));
    await fill(getByLabel(page, 'Name'), 'Chef Lola');
    await fill(getByLabel(page, 'Description'), 'Talks about food.');
    await fillTextArea(
      getByLabel(page, 'Teaching style') as unknown as HTMLTextAreaElement,
      'Talk about food.\n\nBe funny.',
    );
    await click(getButton(page, 'Create persona'));
    await waitFor(() => expect(page.textContent).toContain('Must not be empty'));
    await fill(getByLabel(page, 'Preview line'), 'What did you cook today?');
    await click(getButton(page, 'Create persona'));
    await waitFor(() => expect(page.textContent).toContain('Chef Lola'));
    const created = calls.filter((call) => call.method === 'POST' && call.url === '/api/personas').at(-1);
    expect(created?.body).toEqual({
      name: 'Chef Lola',
      description: 'Talks about food.',
      styleRules: ['Talk about food.', 'Be funny.'],
      previewLine: 'What did you cook today?',
      visibility: 'private',
    });
  });

  it('edits a persona in the same form, and sends only what the form holds', async () => {
    const own: Persona = {
      ...builtIn,
      id: 'p1',
      name: 'Chef Lola',
      description: 'Talks about food.',
      styleRules: ['Talk about food.', 'Be funny.'],
      previewLine: 'What did you cook today?',
      builtIn: false,
      isDefault: false,
      visibility: 'private',
      editable: true,
    };
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser({ role: 'learner' }), csrfToken: 'csrf-1' }),
      'GET /api/personas': () => json({ personas: [builtIn, own] }),
      'GET /api/scenarios': () => json({ scenarios: [] }),
      'GET /api/me/tutor-preferences': () => json({ preferences: { subject: null, learnerLevel: null } }),
      'PATCH /api/personas/p1': (call) => json({ persona: { ...own, ...(call.body as object) } }),
    });
    rendered = await renderApp('/tutor');
    const page = rendered.container;
    await waitFor(() => expect(page.textContent).toContain('Chef Lola'));
    // Built-in personas cannot be edited.
    expect(page.textContent).not.toContain('Edit Friendly Conversationalist');
    await click(getButton(page, 'Edit Chef Lola'));
    await waitFor(() => expect(page.textContent).toContain('Edit “Chef Lola”'));
    expect((getByLabel(page, 'Teaching style') as unknown as HTMLTextAreaElement).value).toBe(
      'Talk about food.\nBe funny.',
    );
    await fill(getByLabel(page, 'Name'), 'Chef Pepe');
    await click(getButton(page, 'Save persona'));
    await waitFor(() => expect(page.textContent).toContain('Saved “Chef Pepe”.'));
    expect(page.textContent).not.toContain('Chef Lola');
    // The form is back to creating a new one.
    expect(page.textContent).toContain('Create a persona');
    expect((getByLabel(page, 'Name') as HTMLInputElement).value).toBe('');
    const patched = calls.find((call) => call.method === 'PATCH');
    expect(patched?.body).toEqual({
      name: 'Chef Pepe',
      description: 'Talks about food.',
      styleRules: ['Talk about food.', 'Be funny.'],
      previewLine: 'What did you cook today?',
      visibility: 'private',
    });
  });

  it('edits a scenario loaded in full, keeping the phrases and other languages the form does not show', async () => {
    const scenario: Scenario = {
      id: 's1',
      title: 'At the market',
      description: 'Buy fruit.',
      category: 'shopping',
      level: 'A2',
      learnerRole: 'a tourist',
      tutorRole: 'a seller',
      builtIn: false,
      author: 'ana',
      shared: true,
      editable: true,
      languages: ['es'],
      setting: 'A fruit stall.',
      goals: [
        { id: 'g1', text: 'Ask the price' },
        { id: 'g2', text: 'Pay' },
      ],
      culturalNotes: ['Haggling is rare.'],
      vocabulary: {
        es: [
          { text: 'el mango', meaning: 'mango' },
          { text: 'barato', meaning: 'cheap' },
        ],
        fr: [{ text: 'la mangue', meaning: 'mango' }],
      },
      phrases: { es: [{ text: '¿Cuánto cuesta?', meaning: 'How much is it?' }] },
    };
    const { setting, goals, culturalNotes, vocabulary, phrases, ...summary } = scenario;
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser({ role: 'learner' }), csrfToken: 'csrf-1' }),
      'GET /api/personas': () => json({ personas: [builtIn] }),
      'GET /api/scenarios': () => json({ scenarios: [summary] }),
      'GET /api/scenarios/s1': () => json({ scenario }),
      'GET /api/me/tutor-preferences': () => json({ preferences: { subject: null, learnerLevel: null } }),
      'PUT /api/scenarios/s1': (call) => json({ scenario: { ...summary, ...(call.body as object) } }),
    });
    rendered = await renderApp('/tutor');
    const page = rendered.container;
    await waitFor(() => expect(page.textContent).toContain('At the market'));
    await click(getButton(page, 'Edit At the market'));
    await waitFor(() => expect(page.textContent).toContain('Edit “At the market”'));
    expect((getByLabel(page, 'Goals') as unknown as HTMLTextAreaElement).value).toBe('Ask the price\nPay');
    expect((getByLabel(page, 'Key words (optional)') as unknown as HTMLTextAreaElement).value).toBe(
      'el mango = mango\nbarato = cheap',
    );
    await fill(getByLabel(page, 'Title'), 'At the fruit market');
    await click(getButton(page, 'Save scenario'));
    await waitFor(() => expect(page.textContent).toContain('Saved “At the fruit market”.'));
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      title: 'At the fruit market',
      description: 'Buy fruit.',
      category: 'shopping',
      level: 'A2',
      learnerRole: 'a tourist',
      tutorRole: 'a seller',
      setting: 'A fruit stall.',
      goals: ['Ask the price', 'Pay'],
      culturalNotes: ['Haggling is rare.'],
      vocabulary: {
        es: [
          { text: 'el mango', meaning: 'mango' },
          { text: 'barato', meaning: 'cheap' },
        ],
        fr: [{ text: 'la mangue', meaning: 'mango' }],
      },
      phrases: { es: [{ text: '¿Cuánto cuesta?', meaning: 'How much is it?' }] },
      shared: true,
    });
    expect(page.textContent).toContain('Write a scenario');
  });
});
