import { act } from 'react';
import { vi } from 'vitest';
import { forgetRecognitionFailures } from '../features/speech/recognition.ts';
import { refreshSpeechCapabilities } from '../features/speech/server-capabilities.ts';

/**
 * happy-dom has no Web Speech API. These fakes stand in at that browser boundary only: a
 * `speechSynthesis` that queues utterances until the test says one finished, and a
 * `webkitSpeechRecognition` the test feeds results and errors, as the browser would.
 */

export type FakeVoice = {
  name: string;
  lang: string;
  default: boolean;
  localService: boolean;
  voiceURI: string;
};

export function fakeVoice(name: string, lang: string, extra: Partial<FakeVoice> = {}): FakeVoice {
  return { name, lang, default: false, localService: true, voiceURI: `fake:${name}`, ...extra };
}

export const defaultVoices: FakeVoice[] = [
  fakeVoice('Samantha', 'en-US', { default: true }),
  fakeVoice('Paulina', 'es-MX'),
  fakeVoice('Mónica', 'es-ES'),
];

type Handler<E> = ((event: E) => void) | null;

export class FakeUtterance {
  text: string;
  lang = '';
  voice: FakeVoice | null = null;
  rate = 1;
  onend: Handler<unknown> = null;
  onerror: Handler<{ error: string }> = null;
  constructor(text: string) {
    this.text = text;
  }
}

type FakeResult = { text: string; final?: boolean };

export class FakeRecognition {
  static instances: FakeRecognition[] = [];
  lang = '';
  continuous = true;
  interimResults = false;
  maxAlternatives = 5;
  onresult: Handler<unknown> = null;
  onerror: Handler<{ error: string }> = null;
  onend: (() => void) | null = null;
  state: 'new' | 'listening' | 'stopping' | 'ended' | 'aborted' = 'new';

  start() {
    if (this.state !== 'new') throw new DOMException('already started', 'InvalidStateError');
    this.state = 'listening';
    FakeRecognition.instances.push(this);
  }
  stop() {
    if (this.state === 'listening') this.state = 'stopping';
  }
  abort() {
    this.state = 'aborted';
    this.onerror?.({ error: 'aborted' });
    this.onend?.();
  }

  /** The browser reports what it heard so far in this take (each entry one result). */
  async hear(results: FakeResult[]) {
    await act(async () => {
      this.onresult?.({
        results: results.map((result) =>
          Object.assign([{ transcript: result.text }], { isFinal: !!result.final }),
        ),
      });
    });
  }
  async fail(error: string) {
    await act(async () => this.onerror?.({ error }));
  }
  async end() {
    this.state = 'ended';
    await act(async () => this.onend?.());
  }
}

export type FakeSpeech = {
  /** Utterances queued and not yet finished, first is being spoken. */
  queue: FakeUtterance[];
  /** Every utterance ever passed to `speak`, in order. */
  spoken: FakeUtterance[];
  cancels: number;
  /** The first queued utterance finishes speaking. */
  finishOne: () => Promise<void>;
  /** Every queued utterance finishes. */
  finishAll: () => Promise<void>;
  recognitions: FakeRecognition[];
  lastRecognition: () => FakeRecognition;
};

export function installFakeSpeech(
  options: { voices?: FakeVoice[]; synthesis?: boolean; recognition?: boolean } = {},
): FakeSpeech {
  const voices = options.voices ?? defaultVoices;
  const fake: FakeSpeech = {
    queue: [],
    spoken: [],
    cancels: 0,
    finishOne: async () => {
      const utterance = fake.queue.shift();
      await act(async () => utterance?.onend?.({}));
    },
    finishAll: async () => {
      while (fake.queue.length > 0) await fake.finishOne();
    },
    recognitions: FakeRecognition.instances,
    lastRecognition: () => {
      const last = FakeRecognition.instances.at(-1);
      if (!last) throw new Error('No speech recognition was started');
      return last;
    },
  };
  FakeRecognition.instances.length = 0;
  // A fresh page: nothing learned about this browser or the server's speech carries over.
  forgetRecognitionFailures();
  refreshSpeechCapabilities();
  if (options.synthesis !== false) {
    const synthesis = Object.assign(new EventTarget(), {
      getVoices: () => voices,
      speak(utterance: FakeUtterance) {
        fake.queue.push(utterance);
        fake.spoken.push(utterance);
      },
      cancel() {
        fake.cancels += 1;
        const dropped = fake.queue.splice(0);
        for (const utterance of dropped) utterance.onerror?.({ error: 'interrupted' });
      },
    });
    vi.stubGlobal('speechSynthesis', synthesis);
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  }
  if (options.recognition !== false) vi.stubGlobal('webkitSpeechRecognition', FakeRecognition);
  return fake;
}

/** The texts of utterances, for assertions. */
export function texts(utterances: readonly FakeUtterance[]): string[] {
  return utterances.map((utterance) => utterance.text);
}
