// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, TurnEvent } from '../../../../contracts/conversations.ts';
import type { Feedback } from '../../../../contracts/tutor.ts';
import {
  click,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
  type Rendered,
  render,
  waitFor,
} from '../../test/dom.tsx';
import { makeMessage } from '../../test/fixtures.ts';
import { MessageFeedback } from './message-feedback.tsx';
import { ScenarioAside } from './scenario-aside.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
});

const conversation: Conversation = {
  id: 'c1',
  title: 'Dinner',
  language: 'es',
  level: 'A2',
  personaId: null,
  scenarioId: 'restaurant-dinner',
  mode: 'scenario',
  messageCount: 2,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  lastMessageAt: null,
  goalsMet: ['ask-table'],
  endedAt: null,
};

const learnerMessage = makeMessage({
  id: 'm1',
  role: 'learner',
  text: 'Quiero la pescado',
  createdAt: '2026-11-24T10:00:00.000Z',
});

const feedback: Feedback = {
  learnerMessageId: 'm1',
  status: 'complete',
  policy: 'on-request',
  corrections: [],
  hiddenCorrections: 1,
  rephrasing: 'Quiero el pescado.',
  newVocabulary: [{ term: 'el pescado', translation: 'fish', note: null }],
  goalsMet: [],
  spelling: [],
  languageNotice: null,
  message: null,
};

describe('feedback under a learner message', () => {
  it('shows the rephrasing and new words, and reveals held-back corrections on request', async () => {
    const calls = mockFetch({
      'POST /api/conversations/c1/messages/m1/feedback/reveal': () =>
        json({
          feedback: {
            ...feedback,
            hiddenCorrections: 0,
            corrections: [
              {
                original: 'la pescado',
                corrected: 'el pescado',
                category: 'gender',
                explanation: 'Masculine.',
                severity: 'moderate',
                source: 'model',
                offset: 7,
                cardFront: 'el pescado',
                translation: 'the fish',
                example: 'Quiero el pescado.',
              },
            ],
          },
        }),
      'POST /api/vocabulary/cards/from-conversation': () => json({ created: true }, 201),
    });
    const event = { type: 'feedback', scenarioGoalsMet: [], ...feedback } as unknown as TurnEvent;
    rendered = await render(
      <MessageFeedback message={learnerMessage} conversation={conversation} events={[event]} />,
    );
    const { container } = rendered;
    expect(container.textContent).toContain('More natural: Quiero el pescado.');
    expect(container.querySelector('del')).toBeNull();
    await click(getButton(container, 'Check my message (1)'));
    await waitFor(() => expect(container.querySelector('del')?.textContent).toBe('la pescado'));
    expect(container.querySelector('ins')?.textContent).toBe('el pescado');
    await click(container.querySelector('.correction-change') as HTMLElement);
    expect(container.textContent).toContain('Masculine.');

    await click(container.querySelector('.word-chip') as HTMLElement);
    // The card is pre-filled and editable before it is saved.
    await waitFor(() => expect(container.querySelector('dialog')).not.toBeNull());
    expect(getByLabel(container, 'Front').value).toBe('el pescado');
    expect(getByLabel(container, 'Example (optional)').value).toBe('Quiero el pescado.');
    await fill(getByLabel(container, 'Translation'), 'the fish');
    await click(getButton(container, 'Add card'));
    await waitFor(() =>
      expect(container.querySelector('.word-chip')?.getAttribute('data-state')).toBe('added'),
    );
    const added = calls.find((call) => call.url === '/api/vocabulary/cards/from-conversation');
    expect(added?.body).toMatchObject({
      term: 'el pescado',
      translation: 'the fish',
      kind: 'new-word',
      sourceMessageId: 'm1',
      sourceRef: 'el pescado',
    });
  });

  it('makes a card from a correction pre-filled (front, translation, corrected sentence) and remembers it after a reload', async () => {
    const correction = {
      original: 'yo ir',
      corrected: 'fui',
      category: 'verb-tense' as const,
      explanation: 'Past tense.',
      severity: 'major' as const,
      source: 'model' as const,
      offset: 5,
      cardFront: null,
      translation: null,
      example: 'Ayer fui a la playa con mis amigas.',
    };
    const withCorrection: Feedback = {
      ...feedback,
      policy: 'important',
      hiddenCorrections: 0,
      newVocabulary: [],
      corrections: [correction],
    };
    const message = makeMessage({
      id: 'm2',
      role: 'learner',
      text: 'Ayer yo ir a la playa con mi amigas.',
      feedback: withCorrection,
    });
    const calls = mockFetch({
      'GET /api/vocabulary/conversation-cards?conversationId=c2': () => json({ cards: [] }),
      'POST /api/vocabulary/cards/from-conversation': () => json({ created: true }, 201),
    });
    rendered = await render(
      <MessageFeedback message={message} conversation={{ ...conversation, id: 'c2' }} events={[]} />,
    );
    const { container } = rendered;
    await click(container.querySelector('.correction-change') as HTMLElement);
    await click(getButton(container, 'Add to deck'));
    await waitFor(() => expect(container.querySelector('dialog')).not.toBeNull());
    expect(getByLabel(container, 'Front').value).toBe('fui');
    expect(getByLabel(container, 'Example (optional)').value).toBe('Ayer fui a la playa con mis amigas.');
    // No translation from the analysis: the field asks for one.
    expect(getByLabel(container, 'Translation').value).toBe('');
    expect(container.textContent).toContain('Add one to practise typing the word');
    await fill(getByLabel(container, 'Front'), 'yo fui');
    await fill(getByLabel(container, 'Translation'), 'I went');
    await click(getButton(container, 'Add card'));
    await waitFor(() => expect(getButton(container, 'In your deck').disabled).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      term: 'yo fui',
      translation: 'I went',
      exampleSentence: 'Ayer fui a la playa con mis amigas.',
      sourceRef: 'yo ir → fui',
      kind: 'correction',
    });
    rendered.unmount();

    // A later visit (another conversation id: a fresh page) reads what is in the deck from the server.
    mockFetch({
      'GET /api/vocabulary/conversation-cards?conversationId=c3': () =>
        json({ cards: [{ cardId: 'k1', sourceMessageId: 'm2', sourceRef: 'yo ir → fui', term: 'yo fui' }] }),
    });
    rendered = await render(
      <MessageFeedback message={message} conversation={{ ...conversation, id: 'c3' }} events={[]} />,
    );
    await click(rendered.container.querySelector('.correction-change') as HTMLElement);
    await waitFor(() =>
      expect(getButton(rendered?.container as HTMLElement, 'In your deck').disabled).toBe(true),
    );
  });

  it('says when feedback is unavailable, and shows nothing for tutor messages', async () => {
    rendered = await render(
      <MessageFeedback
        message={{
          ...learnerMessage,
          feedback: { ...feedback, status: 'unavailable', message: 'Corrections are unavailable.' },
        }}
        conversation={conversation}
        events={[]}
      />,
    );
    expect(rendered.container.textContent).toBe('Corrections are unavailable.');
    rendered.unmount();
    rendered = await render(
      <MessageFeedback
        message={{ ...learnerMessage, role: 'tutor' }}
        conversation={conversation}
        events={[]}
      />,
    );
    expect(rendered.container.textContent).toBe('');
  });
});

describe('the scenario aside', () => {
  it('ticks goals from the conversation and from feedback events, then shows the summary', async () => {
    mockFetch({
      'GET /api/scenarios/restaurant-dinner': () =>
        json({
          scenario: {
            id: 'restaurant-dinner',
            title: 'Dinner at a restaurant',
            learnerRole: 'a guest',
            tutorRole: 'the waiter',
            goals: [
              { id: 'ask-table', text: 'Ask for a table' },
              { id: 'ask-bill', text: 'Ask for the bill' },
            ],
            vocabulary: { es: [{ text: 'la cuenta', meaning: 'bill' }] },
            phrases: { es: [] },
          },
        }),
      'POST /api/conversations/c1/finish': () =>
        json({
          summary: {
            goals: [
              { id: 'ask-table', text: 'Ask for a table', met: true },
              { id: 'ask-bill', text: 'Ask for the bill', met: true },
            ],
            newWords: [],
            mistakes: [],
            mistakesByCategory: [],
            suggestion: 'Try a B1 scenario next.',
            suggestionFromModel: true,
            endedAt: '2026-11-24T10:10:00.000Z',
          },
        }),
    });
    const event = {
      type: 'feedback',
      ...feedback,
      scenarioGoalsMet: ['ask-table', 'ask-bill'],
    } as unknown as TurnEvent;
    rendered = await render(
      <ScenarioAside conversation={conversation} messages={[learnerMessage]} events={{ m1: [event] }} />,
    );
    const { container } = rendered;
    await waitFor(() => expect(container.querySelectorAll('.goal[data-met]')).toHaveLength(2));
    expect(container.textContent).toContain('All goals met');
    await click(getButton(container, 'Finish and see the summary'));
    await waitFor(() => expect(container.textContent).toContain('Goals met: 2 of 2'));
    expect(container.textContent).toContain('Try a B1 scenario next.');
  });

  it('read-only, for an admin reading the transcript: goals and roles, no setting to change, no finish', async () => {
    const calls = mockFetch({
      'GET /api/scenarios/restaurant-dinner': () =>
        json({
          scenario: {
            id: 'restaurant-dinner',
            title: 'Dinner at a restaurant',
            learnerRole: 'a guest',
            tutorRole: 'the waiter',
            goals: [
              { id: 'ask-table', text: 'Ask for a table' },
              { id: 'ask-bill', text: 'Ask for the bill' },
            ],
            vocabulary: { es: [] },
            phrases: { es: [] },
          },
        }),
    });
    rendered = await render(
      <ScenarioAside
        conversation={{
          ...conversation,
          goalsMet: ['ask-table', 'ask-bill'],
          correctionPolicy: 'on-request',
          endedAt: '2026-11-24T10:10:00.000Z',
        }}
        messages={[learnerMessage]}
        readOnly
      />,
    );
    const { container } = rendered;
    await waitFor(() => expect(container.querySelectorAll('.goal[data-met]')).toHaveLength(2));
    expect(container.textContent).toContain('The learner is a guest; the tutor is the waiter.');
    expect(container.textContent).toContain('CorrectionsOnly when the learner asks');
    expect(container.textContent).toContain('The learner finished this conversation.');
    expect(container.querySelector('select')).toBeNull();
    expect(container.querySelector('button')).toBeNull();
    // The summary is the learner's own route: not even asked for.
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET /api/scenarios/restaurant-dinner',
    ]);
  });
});
