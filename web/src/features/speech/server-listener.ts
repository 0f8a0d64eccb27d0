import { translate } from '../../i18n/i18n.ts';
import {
  type Microphone,
  MicrophoneError,
  microphoneProblemMessage,
  openMicrophone,
  Take,
  watchVoice,
} from './recorder.ts';
import { type SpeechProblem, serverSpeechProblem, transcribe } from './server-speech.ts';

/**
 * Listening through the server: push-to-talk (a press starts a take, the next press sends it to be
 * transcribed) and hands-free (the microphone stays open; voice-activity detection starts a take when the
 * learner speaks and sends it when they stop, and speech while the tutor talks interrupts the tutor).
 * Loaded on first use only.
 */

export type ServerListenStatus = 'idle' | 'opening' | 'waiting' | 'recording' | 'transcribing';

export type ServerListenState = {
  status: ServerListenStatus;
  /** Voice mode's microphone is open (between takes too). */
  handsFree: boolean;
  problem: SpeechProblem | null;
};

export const idleListenState: ServerListenState = { status: 'idle', handsFree: false, problem: null };

export type ServerListenerOptions = {
  language: string;
  conversationId?: string | undefined;
  purpose?: 'message' | 'pronunciation';
  admin: boolean;
  /** The server's limit: a take stops by itself just before it. */
  maxSeconds: number;
  onState: (state: ServerListenState) => void;
  onText: (text: string) => void;
  /** Hands-free: whether the tutor is speaking now, and how to silence it (barge-in). */
  tutorSpeaking?: () => boolean;
  interrupt?: () => void;
};

/** Takes shorter than this are a click or a breath, not words: not sent (nor paid for). */
const shortestTakeMs = 300;

export class ServerListener {
  private readonly options: ServerListenerOptions;
  private mic: Microphone | null = null;
  private take: Take | null = null;
  private stopWatching: (() => void) | null = null;
  private limit: ReturnType<typeof setTimeout> | null = null;
  private state: ServerListenState = idleListenState;
  private closed = false;

  constructor(options: ServerListenerOptions) {
    this.options = options;
  }

  /** The microphone's loudness now (0 when it is closed), for the level meter. */
  readonly level = () => this.mic?.level() ?? 0;

  private set(next: Partial<ServerListenState>) {
    this.state = { ...this.state, ...next };
    if (!this.closed) this.options.onState(this.state);
  }

  private async ensureMicrophone(): Promise<Microphone | null> {
    if (this.mic) return this.mic;
    this.set({ status: 'opening', problem: null });
    try {
      const mic = await openMicrophone();
      if (this.closed) {
        mic.close();
        return null;
      }
      this.mic = mic;
      return mic;
    } catch (error) {
      const problem = error instanceof MicrophoneError ? error.problem : 'failed';
      this.set({ status: 'idle', handsFree: false, problem: { message: microphoneProblemMessage(problem) } });
      return null;
    }
  }

  private startTake(mic: Microphone) {
    this.take = new Take(mic.stream);
    this.set({ status: 'recording', problem: null });
    // Ends a take at the server's limit rather than recording what it would refuse.
    this.limit = setTimeout(() => void this.finish({ tooLong: true }), (this.options.maxSeconds - 1) * 1000);
  }

  /** Push-to-talk: opens the microphone and records until `finish`. */
  async record() {
    const mic = await this.ensureMicrophone();
    if (!mic || this.closed || this.take) return;
    this.startTake(mic);
  }

  /** Ends the take and sends it to be transcribed; what comes back goes to `onText`. */
  async finish({ tooLong = false } = {}) {
    const take = this.take;
    if (!take) return;
    this.take = null;
    if (this.limit) clearTimeout(this.limit);
    const blob = await take.stop();
    const tooShort = Date.now() - take.startedAt < shortestTakeMs || blob.size === 0;
    if (!this.state.handsFree) this.releaseMicrophone();
    if (this.closed) return;
    if (tooShort) {
      this.set({
        status: this.state.handsFree ? 'waiting' : 'idle',
        problem: { message: translate('speech.server.noSpeech') },
      });
      return;
    }
    this.set({ status: 'transcribing', problem: null });
    try {
      const result = await transcribe(blob, {
        language: this.options.language,
        conversationId: this.options.conversationId,
        purpose: this.options.purpose ?? 'message',
      });
      if (this.closed) return;
      const text = result.text.replace(/\s+/g, ' ').trim();
      this.set({
        status: this.state.handsFree ? (this.take ? 'recording' : 'waiting') : 'idle',
        problem: text
          ? tooLong
            ? { message: translate('speech.server.tooLongSent') }
            : null
          : { message: translate('speech.server.noSpeech') },
      });
      if (text) this.options.onText(text);
    } catch (error) {
      if (this.closed) return;
      const problem = serverSpeechProblem(error, this.options.admin);
      // A refusal (not set up, over budget) would refuse every take: hands-free stops listening.
      if (this.state.handsFree && (problem.setUp || (error as { status?: number }).status === 402)) {
        this.shutDown();
        this.set({ status: 'idle', handsFree: false, problem });
        return;
      }
      this.set({ status: this.state.handsFree ? (this.take ? 'recording' : 'waiting') : 'idle', problem });
    }
  }

  /** Hands-free: the microphone stays open and voice activity starts and ends each take. */
  async listenHandsFree() {
    if (this.state.handsFree) return;
    const mic = await this.ensureMicrophone();
    if (!mic || this.closed) return;
    this.set({ status: this.take ? 'recording' : 'waiting', handsFree: true, problem: null });
    this.stopWatching = watchVoice(mic.level, {
      onStart: () => {
        // The learner talks over the tutor: the tutor stops, as a person would.
        if (this.options.tutorSpeaking?.()) this.options.interrupt?.();
        if (!this.take) this.startTake(mic);
      },
      onEnd: () => void this.finish(),
      // The tutor's own voice from the speakers must be louder than speech to count (echo).
      strictness: () => (this.options.tutorSpeaking?.() ? 2.5 : 1),
    });
  }

  private releaseMicrophone() {
    this.stopWatching?.();
    this.stopWatching = null;
    this.mic?.close();
    this.mic = null;
  }

  /** Stops listening: no take, no microphone. */
  private shutDown() {
    if (this.limit) clearTimeout(this.limit);
    this.take?.cancel();
    this.take = null;
    this.releaseMicrophone();
  }

  /** Closes the microphone and drops a take in progress (nothing is sent); the listener is done. */
  close() {
    this.shutDown();
    this.set({ status: 'idle', handsFree: false });
    this.closed = true;
  }
}
