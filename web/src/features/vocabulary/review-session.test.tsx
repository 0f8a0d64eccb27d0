// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Card } from '../../../../contracts/vocabulary.ts';
import { AuthProvider } from '../../lib/auth-context.tsx';
import {
  click,
  fill,
  findElement,
  getButton,
  getByLabel,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  render,
  waitFor,
} from '../../test/dom.tsx';
import { installFakeSpeech, texts } from '../../test/fake-speech.ts';
import { makeUser } from '../../test/fixtures.ts';
import { stopSpeaking } from '../speech/synthesis.ts';
import { ReviewSession, reviewModeFor } from './review-session.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  stopSpeaking();
  vi.unstubAllGlobals();
});

const card: Card & { preview: Record<'again' | 'hard' | 'good' | 'easy', string> } = {
  id: 'card-1',
  deckId: 'deck-1',
  language: 'es',
  term: 'la manzana',
  translation: 'the apple',
  exampleSentence: 'Me gusta la manzana roja.',
  notes: '',
  partOfSpeech: 'noun',
  gender: 'feminine',
  source: 'manual',
  sourceMessageId: null,
  sourceRef: null,
  schedule: {
    state: 'new',
    due: '2026-11-24T09:00:00.000Z',
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
  },
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
  preview: { again: '1 min', hard: '6 min', good: '10 min', easy: '4 days' },
};

async function openReview(): Promise<HTMLElement> {
  mockFetch({
    'GET /api/me': () =>
      json({
        user: makeUser(
          {},
          {
            voice: {
              rate: 0.7,
              voiceNames: {},
              autoSpeak: false,
              engine: 'auto',
              serverVoices: {},
              storeAudio: false,
            },
          },
        ),
        csrfToken: 'csrf-1',
      }),
    'GET /api/vocabulary/due?limit=20&language=es': () =>
      json({ cards: [card], nextCursor: null, dueCount: 0, newAvailable: 1, nextDueAt: null }),
  });
  rendered = await render(
    <AuthProvider>
      <ReviewSession language="es" />
    </AuthProvider>,
  );
  const page = rendered.container;
  await waitFor(() => expect(page.querySelector('.review-term')?.textContent).toContain('la manzana'));
  return page;
}

describe('speech on review cards', () => {
  it('reads the term and the example aloud at the learner’s rate, and practises saying them', async () => {
    const speech = installFakeSpeech();
    const page = await openReview();
    await waitFor(() => getButton(page.querySelector('.review-term') as HTMLElement, 'Listen'));

    await click(getButton(page.querySelector('.review-term') as HTMLElement, 'Listen'));
    expect(texts(speech.spoken)).toEqual(['la manzana']);
    expect(speech.spoken[0]?.rate).toBe(0.7);
    await speech.finishAll();

    await click(getButton(page, 'Show answer Space'));
    await click(getButton(page.querySelector('.review-example') as HTMLElement, 'Listen'));
    expect(texts(speech.spoken)).toEqual(['la manzana', 'Me gusta la manzana roja.']);

    await click(getButton(page, 'Practise saying this'));
    // The practice loads when it is opened.
    const practice = await findElement(page, '.practice');
    const choices = [...practice.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    await click(choices[1] as HTMLInputElement);
    await click(getButton(practice, 'Start speaking'));
    // The voice reading the example would be heard by the microphone: it stops first.
    expect(speech.queue).toEqual([]);
    await speech.lastRecognition().hear([{ text: 'me gusta la manzana', final: true }]);
    await speech.lastRecognition().end();
    expect(practice.querySelector('.practice-score')?.textContent).toBe(
      '80% — 4 of 5 words recognised as written.',
    );
    expect(practice.querySelector('.word-missed')?.textContent).toBe('roja (not heard)');
  });

  it('offers neither Listen nor practice in a browser without speech, and says so', async () => {
    const page = await openReview();
    expect(queryButton(page, 'Listen')).toBeNull();
    await click(getButton(page, 'Show answer Space'));
    expect(queryButton(page, 'Practise saying this')).toBeNull();
    await waitFor(() => expect(page.querySelector('.speech-note')?.textContent).toContain('server'));
    expect(page.querySelector('.speech-note')?.textContent).toBe(
      // The server's speech would stand in, but this server does not answer for it.
      'This browser cannot read text aloud and speech through the server is not available, so nothing offers Listen. This browser has no speech recognition and speech through the server is not available, so speaking and pronunciation practice are not available here.',
    );
  });
});

describe('review modes and editing', () => {
  it('never asks to type or fill the gap of a card without a translation', () => {
    const without = { translation: ' ' };
    const withOne = { translation: 'the apple' };
    expect(reviewModeFor('type', without, true)).toBe('flip');
    expect(reviewModeFor('cloze', without, true)).toBe('flip');
    expect(reviewModeFor('cloze', withOne, true)).toBe('cloze');
    expect(reviewModeFor('cloze', withOne, false)).toBe('type');
    expect(reviewModeFor('flip', withOne, true)).toBe('flip');
  });

  it('flips a card without a translation in typing mode, and lets the learner add one', async () => {
    const bare = { ...card, translation: '' };
    const calls = mockFetch({
      'GET /api/me': () => json({ user: makeUser(), csrfToken: 'csrf-1' }),
      'GET /api/vocabulary/due?limit=20&language=es': () =>
        json({ cards: [bare], nextCursor: null, dueCount: 0, newAvailable: 1, nextDueAt: null }),
      'PATCH /api/vocabulary/cards/card-1': (call) => json({ card: { ...bare, ...(call.body as object) } }),
    });
    rendered = await render(
      <AuthProvider>
        <ReviewSession language="es" />
      </AuthProvider>,
    );
    const page = rendered.container;
    await waitFor(() => expect(page.querySelector('.review-term')).not.toBeNull());
    await click(page.querySelector('input[value="type"]') as HTMLInputElement);
    // Still a flip card: there is nothing to prompt the typed answer with.
    expect(page.querySelector('.review-term')?.textContent).toContain('la manzana');
    expect(page.querySelector('.review-input')).toBeNull();
    expect(page.textContent).toContain('No translation yet: flip this one.');

    await click(getButton(page, 'Edit card'));
    await fill(getByLabel(page, 'Translation'), 'the apple');
    await click(getButton(page, 'Save card'));
    await waitFor(() => expect(page.querySelector('.review-input')).not.toBeNull());
    expect(page.querySelector('.review-prompt')?.textContent).toBe('the apple');
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ translation: 'the apple' });
  });
});
