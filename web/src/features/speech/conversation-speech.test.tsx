// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../contracts/auth.ts';
import type { Message } from '../../../../contracts/conversations.ts';
import {
  cafeConversation,
  conversationRoutes,
  messageBox,
  openConversationScreen,
  type Routes,
  typeMessage,
} from '../../test/conversation-screen.ts';
import {
  click,
  eventStreamResponse,
  type FetchCall,
  findElement,
  getButton,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { type FakeSpeech, fakeVoice, installFakeSpeech, texts } from '../../test/fake-speech.ts';
import { makeMessage, makeUser } from '../../test/fixtures.ts';
import { stopSpeaking } from './synthesis.ts';

let rendered: Rendered | null = null;

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  stopSpeaking();
  vi.unstubAllGlobals();
});

const greeting = makeMessage({
  id: 'o1',
  role: 'tutor',
  text: '¡Hola! Soy **Lucía**, tu tutora. 😊\n\n- ¿Quieres un café?',
});

const speechNotSetUp = {
  transcribe: { available: false, reason: 'not_set_up' },
  speak: { available: false, reason: 'not_set_up', voices: [], defaultVoice: null, voice: null },
  maxSeconds: 120,
  maxBytes: 10485760,
};

function routes(extra: Routes = {}, options: { user?: User; messages?: Message[] } = {}): Routes {
  return conversationRoutes(options.messages ?? [greeting], extra, options);
}

async function openConversation(): Promise<HTMLElement> {
  rendered = await openConversationScreen();
  return rendered.container;
}

type Stream = ReturnType<typeof eventStreamResponse>;

/**
 * The conversation open with every message post answered by a stream the test feeds; `stream()` is the
 * latest one. With `voiceMode`, voice mode is on and the learner has said `said`, which went out.
 */
async function openStreaming(
  options: { user?: User; voiceMode?: { speech: FakeSpeech; said: string } } = {},
): Promise<{ page: HTMLElement; calls: FetchCall[]; stream: () => Stream }> {
  let latest: Stream | null = null;
  const calls = mockFetch(
    routes(
      {
        'POST /api/conversations/c1/messages': (call) => {
          latest = eventStreamResponse(call.signal);
          return latest.response;
        },
        'GET /api/conversations/c1?limit=1': () =>
          json({ conversation: cafeConversation, messages: [], hasMore: true }),
        'GET /api/conversations/c1?limit=20': () =>
          json({ conversation: cafeConversation, messages: [], hasMore: true }),
      },
      options,
    ),
  );
  const page = await openConversation();
  const stream = () => {
    if (!latest) throw new Error('Nothing was sent');
    return latest;
  };
  if (options.voiceMode) {
    const { speech, said } = options.voiceMode;
    await click(getButton(page, 'Voice mode'));
    await speech.lastRecognition().hear([{ text: said, final: true }]);
    await speech.lastRecognition().end();
    await waitFor(() => expect(latest).not.toBeNull());
  }
  return { page, calls, stream };
}

function send(stream: Stream, ...events: ({ type: string } & Record<string, unknown>)[]) {
  return act(async () => {
    for (const event of events) stream.send(event);
  });
}

/** Every event in one chunk, as a fast provider's reply reaches the page: one render sees it whole. */
function sendWhole(stream: Stream, ...events: ({ type: string } & Record<string, unknown>)[]) {
  return act(async () => {
    stream.write(events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(''));
  });
}

function replyEnd(status: Message['status']) {
  return {
    type: 'reply-end',
    tutorMessageId: 't1',
    status,
    usage: null,
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
  };
}

/** A learner with auto-speak on and the other voice settings at their defaults. */
function autoSpeakUser(): User {
  return makeUser(
    {},
    {
      voice: {
        rate: 1,
        voiceNames: {},
        autoSpeak: true,
        engine: 'auto',
        serverVoices: {},
        storeAudio: false,
      },
    },
  );
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
        {
          user: makeUser(
            {},
            {
              voice: {
                rate: 0.8,
                voiceNames: { es: 'Mónica' },
                autoSpeak: false,
                engine: 'auto',
                serverVoices: {},
                storeAudio: false,
              },
            },
          ),
        },
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
    const box = messageBox(page);
    await typeMessage(box, 'Hola.');

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
    expect(messageBox(page).value).toBe('');
  });

  it('explains instead of listening where the browser has no speech recognition and the server’s speech is not set up', async () => {
    installFakeSpeech({ recognition: false });
    mockFetch(routes({ 'GET /api/speech/capabilities?language=es': () => json(speechNotSetUp) }));
    const page = await openConversation();
    const mic = getButton(page, 'Speak');
    await waitFor(() => expect(mic.getAttribute('aria-disabled')).toBe('true'));

    await click(mic);
    await waitFor(() =>
      expect(page.querySelector('.composer-speech')?.textContent).toBe(
        'The owner of this Charla has not set up speech through the server yet. Type instead.',
      ),
    );
    expect(page.querySelector('.speech-bar')?.textContent).toContain(
      'This browser has no speech recognition and speech through the server is not available, so speaking and pronunciation practice are not available here.',
    );
    expect(queryButton(page, 'Voice mode')).toBeNull();
    expect(queryButton(tutorReplies(page)[0] as HTMLElement, 'Practise saying this')).toBeNull();
  });
});

describe('voice mode', () => {
  it('sends what it hears, speaks the reply sentence by sentence as it streams, then listens again', async () => {
    const speech = installFakeSpeech();
    const { page, calls, stream } = await openStreaming();

    await click(getButton(page, 'Voice mode'));
    expect(getButton(page, 'Voice mode').getAttribute('aria-pressed')).toBe('true');
    // Nothing to say first: the microphone opens at once.
    const first = speech.lastRecognition();
    expect(first.state).toBe('listening');
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('Listening… speak Spanish now.');

    await first.hear([{ text: 'Quiero un café', final: true }]);
    await first.end();
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]?.body).toEqual({ text: 'Quiero un café' });

    await send(stream(), { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' });
    await waitFor(() => expect(messageBox(page).value).toBe(''));
    await send(stream(), { type: 'reply-delta', text: '¡Claro!' });
    // Not yet: "¡Claro!" may go on ("¡Claro!," …) until the next word starts.
    expect(texts(speech.spoken)).toEqual([]);
    await send(stream(), { type: 'reply-delta', text: ' Ahora mismo te lo traigo, **Sr. ' });
    await waitFor(() => expect(texts(speech.spoken)).toEqual(['¡Claro!']));
    await send(stream(), { type: 'reply-delta', text: 'García**. ¿Algo' });
    await waitFor(() =>
      expect(texts(speech.spoken)).toEqual(['¡Claro!', 'Ahora mismo te lo traigo, Sr. García.']),
    );
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('The tutor is speaking.');
    await send(stream(), { type: 'reply-delta', text: ' más?' }, replyEnd('complete'));
    await waitFor(() =>
      expect(texts(speech.spoken)).toEqual([
        '¡Claro!',
        'Ahora mismo te lo traigo, Sr. García.',
        '¿Algo más?',
      ]),
    );
    await send(stream(), { type: 'done' });
    await act(async () => stream().close());

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

  it('speaks a reply that arrives whole in one render, once, then listens; Stop still silences it', async () => {
    const speech = installFakeSpeech();
    const { page, calls, stream } = await openStreaming({ voiceMode: { speech, said: 'Hola' } });

    await sendWhole(
      stream(),
      { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' },
      { type: 'reply-delta', text: '¡Hola! ¿Qué tal?' },
      replyEnd('complete'),
      { type: 'done' },
    );
    await act(async () => stream().close());
    await waitFor(() => expect(tutorReplies(page).at(-1)?.dataset.status).toBe('complete'));
    await waitFor(() => expect(texts(speech.spoken)).toEqual(['¡Hola!', '¿Qué tal?']));
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('The tutor is speaking.');

    // Spoken to the end, the microphone opens; the reply is not said a second time.
    await speech.finishAll();
    await waitFor(() => expect(speech.recognitions).toHaveLength(2));
    expect(speech.lastRecognition().state).toBe('listening');
    expect(texts(speech.spoken)).toEqual(['¡Hola!', '¿Qué tal?']);

    // The next reply arrives whole too; Stop silences it and pauses voice mode.
    await speech.lastRecognition().hear([{ text: 'Bien', final: true }]);
    await speech.lastRecognition().end();
    await waitFor(() => expect(posts(calls)).toHaveLength(2));
    await sendWhole(
      stream(),
      { type: 'accepted', learnerMessageId: 'l2', tutorMessageId: 't2' },
      { type: 'reply-delta', text: 'Me alegro. ¿Y tú?' },
      { ...replyEnd('complete'), tutorMessageId: 't2' },
    );
    await waitFor(() => expect(texts(speech.queue)).toEqual(['Me alegro.', '¿Y tú?']));
    await click(getButton(page.querySelector('.speech-bar') as HTMLElement, 'Stop'));
    expect(speech.queue).toEqual([]);
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('Paused. Press Speak to talk.');
    expect(speech.recognitions).toHaveLength(2);
  });

  it('never speaks replies the page did not see arrive: opened, re-rendered, or voice mode turned on later', async () => {
    const speech = installFakeSpeech();
    const autoSpeak = autoSpeakUser();
    // Auto-speak on, a conversation with a complete reply opened: the old reply stays quiet.
    mockFetch(routes({}, { user: autoSpeak }));
    let page = await openConversation();
    expect(tutorReplies(page)).toHaveLength(1);
    await click(getButton(page, 'Voice mode'));
    await click(getButton(page, 'Voice mode'));
    expect(speech.spoken).toEqual([]);
    rendered?.unmount();
    rendered = null;

    // A reply that arrived whole while nothing was speaking replies is not spoken when voice mode is
    // turned on afterwards.
    const opened = await openStreaming();
    page = opened.page;
    await typeMessage(messageBox(page), 'Hola');
    await click(getButton(page, 'Send'));
    await waitFor(() => opened.stream());
    await sendWhole(
      opened.stream(),
      { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' },
      { type: 'reply-delta', text: '¡Hola! ¿Qué tal?' },
      replyEnd('complete'),
    );
    await waitFor(() => expect(tutorReplies(page).at(-1)?.dataset.status).toBe('complete'));
    await click(getButton(page, 'Voice mode'));
    expect(speech.lastRecognition().state).toBe('listening');
    expect(speech.spoken).toEqual([]);
  });

  it('never speaks a failed reply’s error or its unfinished tail, and pauses instead of listening', async () => {
    const speech = installFakeSpeech();
    const { page, stream } = await openStreaming({ voiceMode: { speech, said: 'Hola' } });

    await send(
      stream(),
      { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' },
      { type: 'reply-delta', text: 'Muy bien. Ahora vamos a' },
      { type: 'error', code: 'provider_error', message: 'The provider stopped answering.' },
      replyEnd('partial'),
    );
    await act(async () => stream().close());
    await waitFor(() => expect(tutorReplies(page).at(-1)?.dataset.status).toBe('partial'));

    await speech.finishAll();
    expect(texts(speech.spoken)).toEqual(['Muy bien.']);
    expect(speech.recognitions).toHaveLength(1);
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe(
      'The reply did not finish. Retry it, or press Speak to go on.',
    );
    rendered?.unmount();
    rendered = null;

    // The same reply arriving whole in one render: its complete sentence is said, its tail is not.
    const again = installFakeSpeech();
    const whole = await openStreaming({ voiceMode: { speech: again, said: 'Hola' } });
    await sendWhole(
      whole.stream(),
      { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' },
      { type: 'reply-delta', text: 'Muy bien. Ahora vamos a' },
      { type: 'error', code: 'provider_error', message: 'The provider stopped answering.' },
      replyEnd('partial'),
    );
    await act(async () => whole.stream().close());
    await waitFor(() => expect(tutorReplies(whole.page).at(-1)?.dataset.status).toBe('partial'));
    await waitFor(() => expect(texts(again.spoken)).toEqual(['Muy bien.']));
    await again.finishAll();
    expect(texts(again.spoken)).toEqual(['Muy bien.']);
    expect(again.recognitions).toHaveLength(1);
    expect(whole.page.querySelector('.speech-bar-status')?.textContent).toBe(
      'The reply did not finish. Retry it, or press Speak to go on.',
    );
  });

  it('goes quiet when the learner stops the reply or leaves the screen', async () => {
    const speech = installFakeSpeech();
    const { page, stream } = await openStreaming({ voiceMode: { speech, said: 'Hola' } });
    await send(
      stream(),
      { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' },
      { type: 'reply-delta', text: 'Uno. Dos. Tres' },
    );
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
    const { page, stream } = await openStreaming({
      user: autoSpeakUser(),
    });
    await typeMessage(messageBox(page), 'Hola');
    await click(getButton(page, 'Send'));
    await waitFor(() => stream());
    await send(
      stream(),
      { type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' },
      { type: 'reply-delta', text: '¡Hola! ¿Qué tal?' },
      replyEnd('complete'),
    );
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
    // The practice loads when it is opened.
    const practice = await findElement(reply, '.practice');
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
    // The practice loads when it is opened.
    const practice = await findElement(reply, '.practice');
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
