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

// ——— Server speech: the microphone, the recorder and audio playback ———

/**
 * happy-dom has no microphone, MediaRecorder, Web Audio or media playback. These stand in at that
 * boundary: `getUserMedia` grants (or refuses) a stream, the analyser reads the `level` the test sets (as
 * if the learner spoke or went quiet), MediaRecorder hands over a small WebM blob on stop, and `<audio>`
 * plays until the test says it ended.
 */
export type FakeMicrophone = {
  /** The loudness the microphone hears now, 0–1 (a waveform of this amplitude). */
  level: number;
  /** How `getUserMedia` answers. */
  access: 'granted' | 'denied' | 'missing';
  opened: number;
  /** Tracks stopped (the microphone closed). */
  closed: number;
  recorders: FakeMediaRecorder[];
  /** `<audio>` elements started, in order, with the source each played. */
  plays: { element: HTMLMediaElement; src: string }[];
  /** The audio playing now ends by itself. */
  endAudio: () => Promise<void>;
  playing: () => HTMLMediaElement | null;
};

export class FakeMediaRecorder {
  static supported = ['audio/webm;codecs=opus', 'audio/webm'];
  static isTypeSupported(type: string) {
    return FakeMediaRecorder.supported.includes(type);
  }
  state: 'inactive' | 'recording' = 'inactive';
  mimeType: string;
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor(_stream: unknown, options?: { mimeType?: string }) {
    this.mimeType = options?.mimeType ?? 'audio/webm';
    microphone?.recorders.push(this);
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    if (this.state === 'inactive') return;
    this.state = 'inactive';
    // As the browser does: the last data, then stop, a moment later.
    setTimeout(() => {
      this.ondataavailable?.({ data: new Blob(['\x1a\x45\xdf\xa3 fake webm'], { type: this.mimeType }) });
      this.onstop?.();
    }, 0);
  }
}

let microphone: FakeMicrophone | null = null;

export function installFakeMicrophone(options: { access?: FakeMicrophone['access'] } = {}): FakeMicrophone {
  const mic: FakeMicrophone = {
    level: 0,
    access: options.access ?? 'granted',
    opened: 0,
    closed: 0,
    recorders: [],
    plays: [],
    endAudio: async () => {
      const element = mic.playing();
      if (!element) throw new Error('No audio is playing');
      Object.defineProperty(element, 'ended', { configurable: true, value: true });
      Object.defineProperty(element, 'paused', { configurable: true, value: true });
      await act(async () => {
        element.dispatchEvent(new Event('ended'));
      });
    },
    playing: () => {
      const last = mic.plays.at(-1)?.element ?? null;
      return last && !last.paused ? last : null;
    },
  };
  microphone = mic;
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia: async () => {
        if (mic.access === 'denied') throw new DOMException('Permission denied', 'NotAllowedError');
        if (mic.access === 'missing') throw new DOMException('Requested device not found', 'NotFoundError');
        mic.opened += 1;
        return { getTracks: () => [{ stop: () => (mic.closed += 1) }] };
      },
    },
  });
  vi.stubGlobal('MediaRecorder', FakeMediaRecorder);
  vi.stubGlobal(
    'AudioContext',
    class {
      state = 'running';
      createMediaStreamSource() {
        return { connect() {}, disconnect() {} };
      }
      createAnalyser() {
        return {
          fftSize: 2048,
          getFloatTimeDomainData(samples: Float32Array) {
            // A square wave of the level's amplitude: its RMS is the level.
            for (let index = 0; index < samples.length; index++)
              samples[index] = index % 2 === 0 ? mic.level : -mic.level;
          },
        };
      }
      resume() {
        return Promise.resolve();
      }
      close() {
        return Promise.resolve();
      }
    },
  );
  // Blob URLs: only their being set matters here.
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (blob: Blob) => `blob:fake/${blob.size}-${mic.plays.length}`,
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    Object.defineProperty(this, 'paused', { configurable: true, value: false });
    Object.defineProperty(this, 'ended', { configurable: true, value: false });
    mic.plays.push({ element: this, src: this.src });
    return Promise.resolve();
  });
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    if (this.paused) return;
    Object.defineProperty(this, 'paused', { configurable: true, value: true });
    this.dispatchEvent(new Event('pause'));
  });
  return mic;
}
