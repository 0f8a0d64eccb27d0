// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../contracts/auth.ts';
import type { SpeechCapabilities } from '../../../../contracts/speech.ts';
import {
  conversationRoutes,
  messageBox,
  openConversationScreen,
  type Routes,
} from '../../test/conversation-screen.ts';
import {
  apiError,
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
import {
  type FakeMicrophone,
  fakeVoice,
  installFakeMicrophone,
  installFakeSpeech,
} from '../../test/fake-speech.ts';
import { makeMessage, makeUser } from '../../test/fixtures.ts';
import { stopSpeaking } from './synthesis.ts';

/*
 * The server's speech on the conversation screen, with the browser's boundary faked (no recognition, as
 * in Firefox; a microphone whose loudness the test sets; MediaRecorder; <audio>) and the server's API
 * answered by canned responses.
 */

let rendered: Rendered | null = null;

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  stopSpeaking();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const greeting = makeMessage({ id: 'o1', role: 'tutor', text: '¡Hola! ¿Qué quieres tomar?' });

const ready: SpeechCapabilities = {
  transcribe: { available: true, reason: null },
  speak: { available: true, reason: null, voices: ['alloy', 'nova'], defaultVoice: 'alloy' },
  maxSeconds: 120,
  maxBytes: 10485760,
};

function transcription(text: string) {
  return json({
    text,
    language: 'es',
    durationMs: 1500,
    provider: 'speech',
    model: 'whisper-1',
    costMicros: 150,
    recordingId: null,
  });
}

function audio() {
  return new Response(new Uint8Array([82, 73, 70, 70]), { headers: { 'content-type': 'audio/wav' } });
}

function routes(extra: Routes = {}, options: { user?: User; caps?: SpeechCapabilities } = {}): Routes {
  return conversationRoutes(
    [greeting],
    {
      'GET /api/speech/capabilities?language=es': () => json(options.caps ?? ready),
      'POST /api/speech/synthesis': () => audio(),
      ...extra,
    },
    options,
  );
}

async function open(): Promise<HTMLElement> {
  rendered = await openConversationScreen();
  return rendered.container;
}

function formOf(call: FetchCall | undefined): Record<string, string> {
  const form = call?.body;
  if (!(form instanceof FormData)) throw new Error('Not a multipart upload');
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries())
    fields[name] = typeof value === 'string' ? value : `file:${(value as File).type}`;
  return fields;
}

function calledTo(calls: FetchCall[], path: string): FetchCall[] {
  return calls.filter((call) => call.method === 'POST' && call.url === path);
}

async function speak(mic: FakeMicrophone, level: number) {
  await act(async () => {
    mic.level = level;
  });
}

describe('push-to-talk through the server', () => {
  it('records where the browser has no recognition, shows the level, and puts what the server wrote in the draft', async () => {
    installFakeSpeech({ recognition: false });
    const mic = installFakeMicrophone();
    const calls = mockFetch(
      routes({ 'POST /api/speech/transcriptions': () => transcription('Quiero un café') }),
    );
    const page = await open();

    const speakButton = await waitFor(() => {
      const button = getButton(page, 'Speak');
      expect(button.getAttribute('aria-disabled')).toBeNull();
      return button;
    });
    await click(speakButton);
    await waitFor(() =>
      expect(page.querySelector('.composer-speech')?.textContent).toBe(
        'Recording… press Stop when you have finished.',
      ),
    );
    expect(page.querySelector('.composer-speech .speech-level')).not.toBeNull();
    expect(mic.recorders[0]?.mimeType).toBe('audio/webm;codecs=opus');
    await speak(mic, 0.2);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 350)));

    await click(getButton(page, 'Stop listening'));
    await waitFor(() => expect(messageBox(page).value).toBe('Quiero un café'));
    const [upload] = calledTo(calls, '/api/speech/transcriptions');
    expect(formOf(upload)).toEqual({
      language: 'es',
      conversationId: 'c1',
      purpose: 'message',
      file: 'file:audio/webm;codecs=opus',
    });
    expect(upload?.headers['x-csrf-token']).toBe('csrf-1');
    // The microphone is closed between takes; nothing was sent as a message on its own.
    expect(mic.closed).toBe(1);
    expect(calledTo(calls, '/api/conversations/c1/messages')).toEqual([]);
  });

  it('explains a blocked microphone, an over-budget refusal and, to an admin, speech not set up with a link', async () => {
    installFakeSpeech({ recognition: false });
    const mic = installFakeMicrophone({ access: 'denied' });
    let refusal = apiError(
      402,
      'budget_exceeded',
      'You have used your budget for today. It resets at midnight.',
    );
    mockFetch(
      routes({ 'POST /api/speech/transcriptions': () => refusal }, { user: makeUser({ role: 'admin' }) }),
    );
    const page = await open();
    await waitFor(() => expect(getButton(page, 'Speak').getAttribute('aria-disabled')).toBeNull());

    await click(getButton(page, 'Speak'));
    await waitFor(() =>
      expect(page.querySelector('.composer-speech')?.textContent).toContain(
        'Charla may not use the microphone. Allow it for this site',
      ),
    );

    mic.access = 'granted';
    await click(getButton(page, 'Speak'));
    await waitFor(() => expect(queryButton(page, 'Stop listening')).not.toBeNull());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 350)));
    await click(getButton(page, 'Stop listening'));
    await waitFor(() =>
      expect(page.querySelector('.composer-speech')?.textContent).toBe(
        'You have used your budget for today. It resets at midnight.',
      ),
    );

    refusal = apiError(409, 'speech_not_set_up', 'Speech is not set up.');
    await click(getButton(page, 'Speak'));
    await waitFor(() => expect(queryButton(page, 'Stop listening')).not.toBeNull());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 350)));
    await click(getButton(page, 'Stop listening'));
    const status = await findElement(page, '.composer-speech a');
    expect(status.getAttribute('href')).toBe('/admin/providers#speech');
    expect(page.querySelector('.composer-speech')?.textContent).toBe(
      'Speech through the server is not set up: add a speech provider and its chains. Set up speech',
    );
  });

  it('tells a learner the owner has not set speech up, without a link', async () => {
    installFakeSpeech({ recognition: false });
    installFakeMicrophone();
    const caps: SpeechCapabilities = {
      ...ready,
      transcribe: { available: false, reason: 'not_set_up' },
    };
    const calls = mockFetch(routes({}, { caps }));
    const page = await open();
    await waitFor(() => expect(getButton(page, 'Speak').getAttribute('aria-disabled')).toBe('true'));
    await click(getButton(page, 'Speak'));
    await waitFor(() =>
      expect(page.querySelector('.composer-speech')?.textContent).toBe(
        'The owner of this Charla has not set up speech through the server yet. Type instead.',
      ),
    );
    expect(page.querySelector('.composer-speech a')).toBeNull();
    expect(calledTo(calls, '/api/speech/transcriptions')).toEqual([]);
  });
});

describe('the browser’s recogniser failing', () => {
  it('hands the take to the server when recognition fails with `network` (Debian’s Chromium)', async () => {
    const speech = installFakeSpeech();
    installFakeMicrophone();
    const calls = mockFetch(routes({ 'POST /api/speech/transcriptions': () => transcription('Un café') }));
    const page = await open();
    await click(getButton(page, 'Speak'));
    await speech.lastRecognition().fail('network');
    await speech.lastRecognition().end();
    // The same take goes on through the server: recording at once.
    await waitFor(() =>
      expect(page.querySelector('.composer-speech')?.textContent).toBe(
        'Recording… press Stop when you have finished.',
      ),
    );
    await act(async () => new Promise((resolve) => setTimeout(resolve, 350)));
    await click(getButton(page, 'Stop listening'));
    await waitFor(() => expect(messageBox(page).value).toBe('Un café'));
    expect(calledTo(calls, '/api/speech/transcriptions')).toHaveLength(1);
    // From then on the server listens; the browser's recogniser is not tried again.
    await click(getButton(page, 'Speak'));
    await waitFor(() => expect(queryButton(page, 'Stop listening')).not.toBeNull());
    expect(speech.recognitions).toHaveLength(1);
  });
});

describe('hands-free voice mode through the server', () => {
  it('sends what voice activity recorded, speaks the reply through server synthesis, and stops it when the learner talks over it', async () => {
    // The browser has recognition but no Spanish voice; the learner chose the server for both.
    installFakeSpeech({ voices: [fakeVoice('Samantha', 'en-US')] });
    const mic = installFakeMicrophone();
    let stream: ReturnType<typeof eventStreamResponse> | null = null;
    const user = makeUser(
      {},
      {
        voice: {
          rate: 0.8,
          voiceNames: {},
          autoSpeak: false,
          engine: 'server',
          serverVoices: { es: 'nova' },
          storeAudio: false,
        },
      },
    );
    const spoken = ['Quiero un té', 'Mejor un café'];
    const calls = mockFetch(
      routes(
        {
          'POST /api/speech/transcriptions': () => transcription(spoken.shift() ?? ''),
          'POST /api/conversations/c1/messages': (call) => {
            stream = eventStreamResponse(call.signal);
            return stream.response;
          },
        },
        { user },
      ),
    );
    const page = await open();
    const toggle = await waitFor(() => getButton(page, 'Voice mode'));
    await click(toggle);
    await waitFor(() =>
      expect(page.querySelector('.speech-bar-status')?.textContent).toBe(
        'Listening… speak Spanish when you are ready.',
      ),
    );

    // The learner speaks, then goes quiet: the take is recorded, transcribed and sent.
    await speak(mic, 0.3);
    await waitFor(() => expect(mic.recorders).toHaveLength(1));
    await speak(mic, 0);
    await waitFor(() => expect(calledTo(calls, '/api/conversations/c1/messages')).toHaveLength(1), 3000);
    expect(calledTo(calls, '/api/conversations/c1/messages')[0]?.body).toEqual({ text: 'Quiero un té' });

    const reply = () => {
      if (!stream) throw new Error('Nothing was sent');
      return stream;
    };
    await act(async () => {
      reply().send({ type: 'accepted', learnerMessageId: 'l1', tutorMessageId: 't1' });
      reply().send({ type: 'reply-delta', text: 'Muy bien. Un té verde' });
    });
    // Each complete sentence is synthesised by the server, with the learner's voice and speed.
    await waitFor(() => expect(calledTo(calls, '/api/speech/synthesis')).toHaveLength(1));
    expect(calledTo(calls, '/api/speech/synthesis')[0]?.body).toEqual({
      text: 'Muy bien.',
      language: 'es',
      voice: 'nova',
      speed: 0.8,
    });
    await waitFor(() => expect(mic.playing()).not.toBeNull());
    expect(document.querySelector('audio[data-charla-speech]')).toBe(mic.playing());
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe('The tutor is speaking.');

    // Barge-in: the learner talks over the tutor, whose audio stops at once.
    const playing = mic.playing() as HTMLMediaElement;
    await speak(mic, 0.5);
    await waitFor(() => expect(playing.paused).toBe(true));
    await waitFor(() => expect(mic.recorders).toHaveLength(2));
    expect(page.querySelector('.speech-bar-status')?.textContent).toBe(
      'Recording… it is sent when you stop talking.',
    );
    await act(async () => {
      reply().send({ type: 'reply-delta', text: ' con menta. ¿Algo' });
    });
    // Stopped means stopped: the rest of that reply is not spoken.
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(calledTo(calls, '/api/speech/synthesis')).toHaveLength(1);
    await speak(mic, 0);
    await waitFor(() => expect(calledTo(calls, '/api/speech/transcriptions')).toHaveLength(2), 3000);

    // Turning voice mode off closes the microphone.
    await click(getButton(page, 'Voice mode'));
    expect(mic.closed).toBeGreaterThan(0);
  });
});

describe('pronunciation practice through the server', () => {
  it('records the learner reading a sentence and aligns the server’s transcription word by word', async () => {
    installFakeSpeech({ recognition: false });
    installFakeMicrophone();
    const calls = mockFetch(
      routes({ 'POST /api/speech/transcriptions': () => transcription('que quieres tomar') }),
    );
    const page = await open();
    const reply = page.querySelector<HTMLElement>('li.message-tutor') as HTMLElement;
    await click(await waitFor(() => getButton(reply, 'Practise saying this')));
    const practice = await findElement(reply, '.practice');
    await click(practice.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1] as HTMLInputElement);
    expect(practice.querySelector('.practice-target')?.textContent).toBe('¿Qué quieres tomar?');
    await click(getButton(practice, 'Start speaking'));
    await waitFor(() =>
      expect(practice.querySelector('.practice-status')?.textContent).toBe(
        'Recording… read the sentence aloud in Spanish, then press Stop.',
      ),
    );
    await act(async () => new Promise((resolve) => setTimeout(resolve, 350)));
    await click(getButton(practice, 'Stop'));
    await waitFor(() =>
      expect(practice.querySelector('.practice-score')?.textContent).toBe(
        '67% — 2 of 3 words recognised as written.',
      ),
    );
    // "Qué" heard without its accent: shown as another word with other marks, not matched.
    expect(practice.querySelector('.word-substituted')?.textContent).toContain('Qué');
    expect(formOf(calledTo(calls, '/api/speech/transcriptions')[0])).toMatchObject({
      language: 'es',
      purpose: 'pronunciation',
    });
  });
});
