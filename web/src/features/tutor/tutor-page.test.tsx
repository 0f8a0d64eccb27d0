// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Persona } from '../../../../contracts/tutor.ts';
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
});
