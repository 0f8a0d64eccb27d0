/**
 * The microphone for server speech: one open stream, a level for the meter, voice-activity detection for
 * hands-free voice mode, and takes recorded with MediaRecorder (WebM/Opus where the browser has it, else
 * Ogg or MP4 — all formats the server reads). Loaded on first use only.
 */

import { translate } from '../../i18n/i18n.ts';

export type MicrophoneProblem = 'not-allowed' | 'no-microphone' | 'unsupported' | 'failed';

export class MicrophoneError extends Error {
  readonly problem: MicrophoneProblem;
  constructor(problem: MicrophoneProblem) {
    super(problem);
    this.problem = problem;
  }
}

export function microphoneProblemMessage(problem: MicrophoneProblem): string {
  return translate(`speech.mic.${problem}`);
}

/** Containers the server reads, best first: Opus in WebM or Ogg is small; Safari records MP4 (AAC). */
const mimeTypes = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/ogg', 'audio/mp4'];

export function recordingMimeType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return mimeTypes.find((type) => MediaRecorder.isTypeSupported(type));
}

export type Microphone = {
  stream: MediaStream;
  /** The loudness now, 0 (silence) to 1, from the analyser (root mean square of the waveform). */
  level: () => number;
  close: () => void;
};

export async function openMicrophone(): Promise<Microphone> {
  if (
    typeof navigator === 'undefined' ||
    !navigator.mediaDevices?.getUserMedia ||
    typeof MediaRecorder === 'undefined'
  )
    throw new MicrophoneError('unsupported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      // The browser's echo cancellation keeps the tutor's voice out of what voice mode hears.
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new MicrophoneError('not-allowed');
    if (name === 'NotFoundError' || name === 'OverconstrainedError')
      throw new MicrophoneError('no-microphone');
    throw new MicrophoneError('failed');
  }
  const context = new AudioContext();
  // Opened by a press, but a context made after an await may start suspended.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    stream,
    level: () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      return Math.min(1, Math.sqrt(sum / samples.length));
    },
    close: () => {
      for (const track of stream.getTracks()) track.stop();
      source.disconnect();
      void context.close().catch(() => undefined);
    },
  };
}

/** One recording: from `start` until `stop`, which hands over the audio. */
export class Take {
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private readonly result: Promise<Blob>;
  readonly startedAt = Date.now();

  constructor(stream: MediaStream) {
    const mimeType = recordingMimeType();
    this.recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    this.recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    };
    this.result = new Promise((resolve) => {
      this.recorder.onstop = () =>
        resolve(new Blob(this.chunks, { type: this.recorder.mimeType || mimeType || 'audio/webm' }));
    });
    this.recorder.start();
  }

  get recording(): boolean {
    return this.recorder.state === 'recording';
  }

  stop(): Promise<Blob> {
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    return this.result;
  }

  cancel() {
    this.recorder.ondataavailable = null;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
  }
}

export type VoiceActivityOptions = {
  /** Called when speech starts (loud enough for long enough) and when it has ended (quiet for a while). */
  onStart: () => void;
  onEnd: () => void;
  /** How long quiet must last before speech counts as over. */
  hangoverMs?: number;
  /** Extra margin over the threshold (>1) while the tutor speaks, so its echo does not interrupt it. */
  strictness?: () => number;
};

export const vadTickMs = 40;
/** The quietest level that can be speech: about −36 dBFS. */
const minThreshold = 0.016;
/** Loud for this long (two ticks) before it counts as speech: a click or a cough is shorter. */
const startTicks = 2;

/**
 * Voice-activity detection by energy: speech starts when the level stays above the threshold for two
 * ticks, and ends after `hangoverMs` below it (with some hysteresis, so a pause between words does not
 * end it). The threshold follows the room's noise floor, measured while nobody speaks.
 */
export function watchVoice(level: () => number, options: VoiceActivityOptions): () => void {
  const hangoverMs = options.hangoverMs ?? 900;
  let noiseFloor = 0.004;
  let speaking = false;
  let loudTicks = 0;
  let quietSince = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    const value = level();
    const threshold = Math.max(minThreshold, noiseFloor * 3) * (options.strictness?.() ?? 1);
    if (!speaking) {
      if (value > threshold) {
        loudTicks += 1;
        if (loudTicks >= startTicks) {
          speaking = true;
          quietSince = 0;
          options.onStart();
        }
      } else {
        loudTicks = 0;
        // The floor drifts slowly toward the quiet level (fans, traffic), never up to speech.
        noiseFloor = noiseFloor * 0.95 + Math.min(value, minThreshold) * 0.05;
      }
      return;
    }
    if (value > threshold * 0.7) {
      quietSince = 0;
      return;
    }
    if (quietSince === 0) quietSince = now;
    if (now - quietSince >= hangoverMs) {
      speaking = false;
      loudTicks = 0;
      options.onEnd();
    }
  }, vadTickMs);
  return () => clearInterval(timer);
}
