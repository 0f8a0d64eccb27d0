// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../contracts/auth.ts';
import type { Conversation, Message, ProviderStatus } from '../../../../contracts/conversations.ts';
import {
  click,
  eventStreamResponse,
  type FetchCall,
  getButton,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { fakeVoice, installFakeSpeech, texts } from '../../test/fake-speech.ts';
import { makeMessage, makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';
import { stopSpeaking } from './synthesis.ts';

let rendered: Rendered | null = null;

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  stopSpeaking();
  vi.unstubAllGlobals();
});

const conversation: Conversation = {
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

const available: ProviderStatus = {
  available: true,
  providers: [{ id: 'anthropic', label: 'Anthropic', local: false, models: ['claude-haiku-4-5'] }],
  chains: {},
  setupHint: null,
};

const greeting = makeMessage({
  id: 'o1',
  role: 'tutor',
  text: '¡Hola! Soy **Lucía**, tu tutora. 😊\n\n- ¿Quieres un café?',
});

type Routes = Parameters<typeof mockFetch>[0];

function routes(extra: Routes = {}, options: { user?: User; messages?: Message[] } = {}): Routes {
  return {
    'GET /api/me': () => json({ user: options.user ?? makeUser(), csrfToken: 'csrf-1' }),
    'GET /api/providers': () => json(available),
    'GET /api/conversations/c1?limit=50': () => {
      const messages = options.messages ?? [greeting];
      return json({
        conversation: { ...conversation, messageCount: messages.length },
        messages,
        hasMore: false,
      });
    },
    ...extra,
  };
}

async function openConversation(): Promise<HTMLElement> {
  rendered = await renderApp('/conversations/c1');
  const page = rendered.container;
  await waitFor(() => expect(page.querySelector('h1')?.textContent).toBe('En el café'));
  return page;
}

function composer(page: HTMLElement): HTMLTextAreaElement {
  const textarea = page.querySelector<HTMLTextAreaElement>('.composer textarea');
  if (!textarea) throw new Error('No message box');
  return textarea;
}

function tutorReplies(page: HTMLElement): HTMLElement[] {
  return [...page.querySelectorAll<HTMLElement>('li.message-tutor')];
}

function posts(calls: FetchCall[]): FetchCall[] {
  return calls.filter((call) => call.method === 'POST');
}

describe('Listen', () => {
  it('reads a reply aloud sentence by sentence, as shown, with the learner’s voice and rate; Stop silences it', async () => {
    const speech = installFakeSpeech();
    mockFetch(
      routes(
        {},
        { user: makeUser({}, { voice: { rate: 0.8, voiceNames: { es: 'Mónica' }, autoSpeak: false } }) },
      ),
    );
    const page = await openConversation();
    const reply = tutorReplies(page)[0] as HTMLElement;

    await click(getButton(reply, 'Listen'));
    expect(texts(speech.spoken)).toEqual(['¡Hola!', 'Soy Lucía, tu tutora.', '¿Quieres un café?']);
    expect(speech.spoken.map((utterance) => [utterance.voice?.name, utterance.lang, utterance.rate])).toEqual(
      [
        ['Mónica', 'es-ES', 0.8],
        ['Mónica', 'es-ES', 0.8],
        ['Mónica', 'es-ES', 0.8],
      ],
    );
    expect(getButton(reply, 'Stop')).toBeTruthy();

    await click(getButton(reply, 'Stop'));
    expect(speech.queue).toEqual([]);
    expect(getButton(reply, 'Listen')).toBeTruthy();

    // Played to the end, it goes back to Listen by itself.
    await click(getButton(reply, 'Listen'));
    await speech.finishOne();
    expect(getButton(reply, 'Stop')).toBeTruthy();
    await speech.finishAll();
    expect(getButton(reply, 'Listen')).toBeTruthy();
  });

  it('is not offered where the browser cannot speak, or has no voice for the language, and says why once', async () => {
    installFakeSpeech({ synthesis: false });
    mockFetch(routes());
    let page = await openConversation();
    expect(queryButton(tutorReplies(page)[0] as HTMLElement, 'Listen')).toBeNull();
    expect(page.querySelector('.speech-bar')?.textContent).toContain('This browser cannot read text aloud');
    rendered?.unmount();
    vi.unstubAllGlobals();

    installFakeSpeech({ voices: [fakeVoice('Samantha', 'en-US'), fakeVoice('Thomas', 'fr-FR')] });
    mockFetch(routes());
    page = await openConversation();
    await waitFor(() => expect(page.querySelector('.speech-bar')?.textContent).toContain('no Spanish voice'));
    expect(queryButton(tutorReplies(page)[0] as HTMLElement, 'Listen')).toBeNull();
    // No voice means no voice mode either; recognition alone is still there for the microphone.
    expect(queryButton(page, 'Voice mode')).toBeNull();
    expect(getButton(page, 'Speak')).toBeTruthy();
  });
});

describe('the composer’s microphone', () => {
  it('listens in the conversation’s language, shows what it hears, and puts the final words in the draft', async () => {
    const speech = installFakeSpeech();
    const calls = mockFetch(routes());
    const page = await openConversation();
    const box = composer(page);
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, 'Hola.');
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });

    await click(getButton(page, 'Speak'));
    const recognition = speech.lastRecognition();
    expect(recognition).toMatchObject({
      lang: 'es',
      interimResults: true,
      continuous: false,
      state: 'listening',
    });
    expect(getButton(page, 'Stop listening')).toBeTruthy();

    await recognition.hear([{ text: 'quiero un' }]);
    expect(page.querySelector('.composer-speech')?.textContent).toBe('Listening… “quiero un”');
    await recognition.hear([{ text: 'Quiero un café', final: true }]);
    await click(getButton(page, 'Stop listening'));
    expect(recognition.state).toBe('stopping');
    await recognition.end();

    expect(box.value).toBe('Hola. Quiero un café');
    expect(getButton(page, 'Speak')).toBeTruthy();
    // The learner checks the words and sends them: nothing went out on its own.
    expect(posts(calls)).toEqual([]);
  });

  it('says when the microphone is blocked, or heard nothing', async () => {
    const speech = installFakeSpeech();
    mockFetch(routes());
    const page = await openConversation();

    await click(getButton(page, 'Speak'));
    await speech.lastRecognition().fail('not-allowed');
    await speech.lastRecognition().end();
    expect(page.querySelector('.composer-speech')?.textContent).toBe(
      'Microphone access is blocked. Allow it for this site in the browser, then try again.',
    );

    await click(getButton(page, 'Speak'));
    await speech.lastRecognition().end();
    expect(page.querySelector('.composer-speech')?.textContent).toBe(
      'No speech was heard. Try again, a little closer to the microphone.',
    );
    expect(composer(page).value).toBe('');
  });

  it('explains instead of listening where the browser has no speech recognition', async () => {
    installFakeSpeech({ recognition: false });
    mockFetch(routes());
    const page = await openConversation();
    const mic = getButton(page, 'Speak');
    expect(mic.getAttribute('aria-disabled')).toBe('true');

    await click(mic);
    expect(page.querySelector('.composer-speech')?.textContent).toBe(
      'Your browser has no speech recognition; type instead.',
    );
    expect(page.querySelector('.speech-bar')?.textContent).toContain(
      'This browser has no speech recognition, so speaking and pronunciation practice are not available here.',
    );
    expect(queryButton(page, 'Voice mode')).toBeNull();
    expect(queryButton(tutorReplies(page)[0] as HTMLElement, 'Practise saying this')).toBeNull();
  });
});

describe('voice mode', () => {
  it('sends what it hears, speaks the reply sentence by sentence as it streams, then listens again', async () => {
    const speech = installFakeSpeech();
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    const calls = mockFetch(
      routes({
        'POST /api/conversations/c1/messages': (call) => {
          stream = eventStreamResponse(call.signal);
          return stream.response;
        },
        'GET /api/conversations/c1?limit=1': () => json({ conversation, messages: [], hasMore: true }),
      }),
    );
    const page = await openConversation();

    await click(getButton(page, 'Voice mode'));
    expect(getButton(page, 'Voice mode').getAttribute('aria-pressed')).toBe('true');
    // Nothing to say first: the microphone opens at once.
    const first = speech.lastRecognition();
    expect(first.state).toBe('listening');
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('Listening… speak Spanish now.');

    await first.hear([{ text: 'Quiero un café', final: true }]);
    await first.end();
    await waitFor(() => expect(stream).not.toBeNull());
    expect(posts(calls)[0]?.body).toEqual({ text: 'Quiero un café' });

    const send = (event: { type: string } & Record<string, unknown>) => act(async () => stream?.send(event));
    await send({ type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' });
    await waitFor(() => expect(composer(page).value).toBe(''));
    await send({ type: 'reply-delta', text: '¡Claro!' });
    // Not yet: "¡Claro!" may go on ("¡Claro!," …) until the next word starts.
    expect(texts(speech.spoken)).toEqual([]);
    await send({ type: 'reply-delta', text: ' Ahora mismo te lo traigo, **Sr. ' });
    await waitFor(() => expect(texts(speech.spoken)).toEqual(['¡Claro!']));
    await send({ type: 'reply-delta', text: 'García**. ¿Algo' });
    await waitFor(() =>
      expect(texts(speech.spoken)).toEqual(['¡Claro!', 'Ahora mismo te lo traigo, Sr. García.']),
    );
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('The tutor is speaking.');
    await send({ type: 'reply-delta', text: ' más?' });
    await send({
      type: 'reply-end',
      tutorMessageId: 't1',
      status: 'complete',
      usage: null,
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    });
    await waitFor(() =>
      expect(texts(speech.spoken)).toEqual([
        '¡Claro!',
        'Ahora mismo te lo traigo, Sr. García.',
        '¿Algo más?',
      ]),
    );
    await act(async () => {
      stream?.send({ type: 'done' });
      stream?.close();
    });

    // The microphone waits until the tutor has finished speaking: it would hear the voice.
    expect(speech.recognitions).toHaveLength(1);
    await speech.finishOne();
    await speech.finishOne();
    expect(speech.recognitions).toHaveLength(1);
    await speech.finishOne();
    await waitFor(() => expect(speech.recognitions).toHaveLength(2));
    expect(speech.lastRecognition().state).toBe('listening');

    // Stop: silence and a closed microphone; voice mode stays on, paused.
    await click(getButton(page.querySelector('.speech-bar') as HTMLElement, 'Stop'));
    expect(speech.lastRecognition().state).toBe('aborted');
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('Paused. Press Speak to talk.');
  });

  it('never speaks a failed reply’s error or its unfinished tail, and pauses instead of listening', async () => {
    const speech = installFakeSpeech();
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    mockFetch(
      routes({
        'POST /api/conversations/c1/messages': (call) => {
          stream = eventStreamResponse(call.signal);
          return stream.response;
        },
        'GET /api/conversations/c1?limit=1': () => json({ conversation, messages: [], hasMore: true }),
      }),
    );
    const page = await openConversation();
    await click(getButton(page, 'Voice mode'));
    await speech.lastRecognition().hear([{ text: 'Hola', final: true }]);
    await speech.lastRecognition().end();
    await waitFor(() => expect(stream).not.toBeNull());

    const send = (event: { type: string } & Record<string, unknown>) => act(async () => stream?.send(event));
    await send({ type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' });
    await send({ type: 'reply-delta', text: 'Muy bien. Ahora vamos a' });
    await send({ type: 'error', code: 'provider_error', message: 'The provider stopped answering.' });
    await send({
      type: 'reply-end',
      tutorMessageId: 't1',
      status: 'partial',
      usage: null,
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    });
    await act(async () => stream?.close());
    await waitFor(() => expect(tutorReplies(page).at(-1)?.dataset.status).toBe('partial'));

    await speech.finishAll();
    expect(texts(speech.spoken)).toEqual(['Muy bien.']);
    expect(speech.recognitions).toHaveLength(1);
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe(
      'The reply did not finish. Retry it, or press Speak to go on.',
    );
  });

  it('goes quiet when the learner stops the reply or leaves the screen', async () => {
    const speech = installFakeSpeech();
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    mockFetch(
      routes({
        'POST /api/conversations/c1/messages': (call) => {
          stream = eventStreamResponse(call.signal);
          return stream.response;
        },
        'GET /api/conversations/c1?limit=1': () => json({ conversation, messages: [], hasMore: true }),
        'GET /api/conversations/c1?limit=20': () => json({ conversation, messages: [], hasMore: true }),
      }),
    );
    const page = await openConversation();
    await click(getButton(page, 'Voice mode'));
    await speech.lastRecognition().hear([{ text: 'Hola', final: true }]);
    await speech.lastRecognition().end();
    await waitFor(() => expect(stream).not.toBeNull());
    await act(async () => {
      stream?.send({ type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' });
      stream?.send({ type: 'reply-delta', text: 'Uno. Dos. Tres' });
    });
    await waitFor(() => expect(texts(speech.queue)).toEqual(['Uno.', 'Dos.']));

    await click(getButton(page.querySelector('.composer') as HTMLElement, 'Stop'));
    await waitFor(() => expect(tutorReplies(page).at(-1)?.dataset.status).toBe('partial'));
    expect(speech.queue).toEqual([]);
    expect(texts(speech.spoken)).toEqual(['Uno.', 'Dos.']);
    expect(speech.recognitions).toHaveLength(1);

    // Speaking again, then leaving: the voice stops with the screen.
    await click(getButton(tutorReplies(page).at(-1) as HTMLElement, 'Listen'));
    expect(speech.queue.length).toBeGreaterThan(0);
    rendered?.unmount();
    rendered = null;
    expect(speech.queue).toEqual([]);
  });

  it('reads replies aloud as they stream with auto-speak, without opening the microphone', async () => {
    const speech = installFakeSpeech();
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    mockFetch(
      routes(
        {
          'POST /api/conversations/c1/messages': (call) => {
            stream = eventStreamResponse(call.signal);
            return stream.response;
          },
          'GET /api/conversations/c1?limit=1': () => json({ conversation, messages: [], hasMore: true }),
        },
        { user: makeUser({}, { voice: { rate: 1, voiceNames: {}, autoSpeak: true } }) },
      ),
    );
    const page = await openConversation();
    const box = composer(page);
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, 'Hola');
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(getButton(page, 'Send'));
    await waitFor(() => expect(stream).not.toBeNull());
    await act(async () => {
      stream?.send({ type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' });
      stream?.send({ type: 'reply-delta', text: '¡Hola! ¿Qué tal?' });
      stream?.send({
        type: 'reply-end',
        tutorMessageId: 't1',
        status: 'complete',
        usage: null,
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
      });
    });
    await waitFor(() => expect(texts(speech.spoken)).toEqual(['¡Hola!', '¿Qué tal?']));
    // The best Spanish voice: the first local one in the browser's list.
    expect(speech.spoken[0]?.voice?.name).toBe('Paulina');
    await speech.finishAll();
    expect(speech.recognitions).toHaveLength(0);
  });
});

describe('pronunciation practice', () => {
  it('aligns what was heard with the chosen sentence and scores the words recognised as written', async () => {
    const speech = installFakeSpeech();
    mockFetch(routes());
    const page = await openConversation();
    const reply = tutorReplies(page)[0] as HTMLElement;

    await click(getButton(reply, 'Practise saying this'));
    const practice = reply.querySelector<HTMLElement>('.practice') as HTMLElement;
    const choices = [...practice.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(choices.map((choice) => choice.parentElement?.textContent)).toEqual([
      '¡Hola!',
      'Soy Lucía, tu tutora.',
      '¿Quieres un café?',
    ]);
    await click(choices[2] as HTMLInputElement);
    expect(practice.querySelector('.practice-target')?.textContent).toBe('¿Quieres un café?');

    await click(getButton(practice, 'Start speaking'));
    const recognition = speech.lastRecognition();
    expect(recognition.lang).toBe('es');
    await recognition.hear([{ text: 'quieres un' }]);
    expect(practice.querySelector('.practice-status')?.textContent).toBe(
      'Listening… read the sentence aloud in Spanish. Heard so far: “quieres un”',
    );
    await recognition.hear([{ text: 'quieres un te por favor', final: true }]);
    await recognition.end();

    expect(practice.querySelector('.practice-score')?.textContent).toBe(
      '67% — 2 of 3 words recognised as written, 2 extra words heard.',
    );
    const words = [...practice.querySelectorAll<HTMLElement>('.practice-words .word')].map((word) => [
      word.className.replace('word word-', ''),
      word.textContent,
    ]);
    expect(words).toEqual([
      ['match', 'Quieres'],
      ['match', 'un'],
      ['substituted', 'café heard as → te'],
      ['extra', 'extra: por'],
      ['extra', 'extra: favor'],
    ]);
    expect(practice.querySelector('.practice-heard')?.textContent).toBe('Heard: quieres un te por favor');
    expect(getButton(practice, 'Try again')).toBeTruthy();
  });

  it('says when nothing was heard, and gives no score', async () => {
    const speech = installFakeSpeech();
    mockFetch(routes({}, { messages: [makeMessage({ id: 'o1', role: 'tutor', text: 'Buenos días.' })] }));
    const page = await openConversation();
    const reply = tutorReplies(page)[0] as HTMLElement;
    await click(getButton(reply, 'Practise saying this'));
    const practice = reply.querySelector<HTMLElement>('.practice') as HTMLElement;
    // One sentence: nothing to choose.
    expect(practice.querySelector('input[type="radio"]')).toBeNull();

    await click(getButton(practice, 'Start speaking'));
    await speech.lastRecognition().fail('no-speech');
    await speech.lastRecognition().end();
    expect(practice.querySelector('.practice-status')?.textContent).toBe(
      'No speech was heard. Try again, a little closer to the microphone.',
    );
    expect(practice.querySelector('.practice-score')).toBeNull();
  });
});
