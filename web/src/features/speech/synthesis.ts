import { useEffect, useSyncExternalStore } from 'react';
import type { VoiceSettings } from '../../../../contracts/auth.ts';
import { useAuth } from '../../lib/auth-context.tsx';
import { useSpeechCapabilities } from './server-capabilities.ts';
import { chooseVoice, voicesFor } from './voice-choice.ts';

/**
 * The browser's speech synthesis (free, offline with a local voice): the voices it offers and one player
 * for the whole app, so only one thing speaks at a time and every Listen button knows whether it is the
 * one speaking.
 */

export function synthesisAvailable(): boolean {
  return (
    typeof window !== 'undefined' &&
    'speechSynthesis' in window &&
    typeof window.SpeechSynthesisUtterance === 'function'
  );
}

// ——— Voices ———

export type VoicesState = {
  /** `loading`: the browser has listed no voice yet; Chrome lists them only after a `voiceschanged`. */
  status: 'unsupported' | 'loading' | 'ready';
  voices: readonly SpeechSynthesisVoice[];
};

/** A browser that lists no voice by then has none (Firefox on Linux without speech-dispatcher). */
const voicesWaitMs = 2000;
const unsupported: VoicesState = { status: 'unsupported', voices: [] };

let voicesSource: SpeechSynthesis | null = null;
let voicesState: VoicesState = unsupported;
const voicesListeners = new Set<() => void>();

function readVoices(synthesis: SpeechSynthesis, gaveUp: boolean): VoicesState {
  const voices = synthesis.getVoices();
  return { status: voices.length > 0 || gaveUp ? 'ready' : 'loading', voices };
}

function setVoicesState(next: VoicesState) {
  voicesState = next;
  for (const listener of voicesListeners) listener();
}

function currentVoices(): VoicesState {
  if (!synthesisAvailable()) return unsupported;
  // A different synthesis object (tests install their own) starts over.
  if (voicesSource !== window.speechSynthesis) {
    voicesSource = window.speechSynthesis;
    voicesState = readVoices(voicesSource, false);
  }
  return voicesState;
}

function subscribeVoices(listener: () => void): () => void {
  voicesListeners.add(listener);
  currentVoices();
  const synthesis = voicesSource;
  if (!synthesis) return () => voicesListeners.delete(listener);
  const refresh = () => {
    if (voicesSource === synthesis) setVoicesState(readVoices(synthesis, voicesState.status === 'ready'));
  };
  synthesis.addEventListener('voiceschanged', refresh);
  const timer = setTimeout(() => {
    if (voicesSource === synthesis && voicesState.status === 'loading')
      setVoicesState(readVoices(synthesis, true));
  }, voicesWaitMs);
  return () => {
    voicesListeners.delete(listener);
    synthesis.removeEventListener('voiceschanged', refresh);
    clearTimeout(timer);
  };
}

export function useVoices(): VoicesState {
  return useSyncExternalStore(subscribeVoices, currentVoices, () => unsupported);
}

const defaultVoiceSettings: VoiceSettings = {
  rate: 1,
  voiceNames: {},
  autoSpeak: false,
  engine: 'auto',
  serverVoices: {},
  storeAudio: false,
};

/** The signed-in learner's speech preferences (defaults when nobody is signed in). */
export function useVoiceSettings(): VoiceSettings {
  return useAuth().user?.profile.voice ?? defaultVoiceSettings;
}

function browserTags(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

export type SpeechVoice =
  | { status: 'unsupported' | 'loading' | 'no-voice'; voice: null; rate: number }
  | { status: 'ready'; voice: SpeechSynthesisVoice; rate: number };

/** The browser voice `language` is spoken with here, from the learner's preferences and this browser's voices. */
export function useBrowserVoice(language: string): SpeechVoice {
  const { status, voices } = useVoices();
  const settings = useVoiceSettings();
  const rate = settings.rate;
  if (status !== 'ready') return { status, voice: null, rate };
  const voice = chooseVoice(voices, language, {
    preferredName: settings.voiceNames[language as keyof VoiceSettings['voiceNames']],
    preferredTags: browserTags(),
  });
  return voice ? { status: 'ready', voice, rate } : { status: 'no-voice', voice: null, rate };
}

export type Speaker =
  | { status: 'unsupported' | 'loading' | 'no-voice'; options: null; server: boolean }
  | { status: 'ready'; options: SpeakOptions; server: boolean };

/**
 * How `language` is spoken here: the browser's voice where it has one (engine auto or browser), else the
 * server's (engine auto or server) when it is set up and within budget. `server` says the server's speech
 * is the way (the settings choose it, or the browser has no voice), whether or not it is available yet.
 */
export function useSpeaker(language: string): Speaker {
  const browser = useBrowserVoice(language);
  const settings = useVoiceSettings();
  const engine = settings.engine;
  const server =
    engine === 'server' ||
    (engine === 'auto' && (browser.status === 'unsupported' || browser.status === 'no-voice'));
  const caps = useSpeechCapabilities(language, server);
  if (!server) {
    if (browser.status !== 'ready') return { status: browser.status, options: null, server };
    return { status: 'ready', options: { voice: browser.voice, rate: browser.rate }, server };
  }
  if (caps === null) return { status: 'loading', options: null, server };
  if (!caps.speak.available)
    return { status: browser.status === 'unsupported' ? 'unsupported' : 'no-voice', options: null, server };
  const chosen = settings.serverVoices[language as keyof VoiceSettings['serverVoices']];
  return {
    status: 'ready',
    options: {
      server: { language, voice: chosen ?? caps.speak.defaultVoice },
      rate: settings.rate,
    },
    server,
  };
}

/** This browser's voices for `language`, best first: the choices on the settings page. */
export function useVoicesFor(language: string): {
  status: VoicesState['status'];
  voices: SpeechSynthesisVoice[];
} {
  const { status, voices } = useVoices();
  return { status, voices: voicesFor(voices, language, browserTags()) };
}

// ——— The player ———

/** A browser voice, or the server's voice for a language (null: the speak chain's default). */
export type SpeakOptions =
  | { voice: SpeechSynthesisVoice; rate: number; server?: undefined }
  | { server: { language: string; voice: string | null }; rate: number; voice?: undefined };

export type PlayerState = {
  /** Who is speaking (a message id, "card", "voice-mode"…), until its last sentence is spoken. */
  owner: string | null;
  /**
   * The browser refused or failed to speak for this owner (e.g. `not-allowed`, `synthesis-failed`), or
   * the server did (`server`, with its message: not set up, over budget).
   */
  failure: { owner: string; error: string; message?: string | undefined } | null;
};

type Session = {
  owner: string;
  options: SpeakOptions;
  open: boolean;
  /** Utterances (browser) or sentences (server) not yet spoken. */
  pending: Set<object>;
};

/** The server's player, once loaded: stopping it is only needed after it has played. */
let serverPlayer: typeof import('./server-player.ts') | null = null;

let session: Session | null = null;
let playerState: PlayerState = { owner: null, failure: null };
const playerListeners = new Set<() => void>();

function setPlayerState(next: PlayerState) {
  playerState = next;
  for (const listener of playerListeners) listener();
}

function settle(current: Session) {
  if (session !== current || current.open || current.pending.size > 0) return;
  session = null;
  setPlayerState({ ...playerState, owner: null });
}

/**
 * Starts speaking for `owner`, interrupting whoever was speaking. With `more`, sentences keep coming
 * (`say`) until `finish`: the owner stays the speaker between sentences of a reply that is still streaming.
 */
export function startSpeaking(owner: string, options: SpeakOptions, { more = false } = {}) {
  if (!options.server && !synthesisAvailable()) return;
  if (session) silence();
  session = { owner, options, open: more, pending: new Set() };
  setPlayerState({ owner, failure: null });
}

/** Queues sentences for `owner`; nothing happens if someone else has started speaking since. */
export function say(owner: string, sentences: readonly string[]) {
  const current = session;
  if (!current || current.owner !== owner) return;
  const { server, rate } = current.options;
  if (server) {
    for (const text of sentences) {
      // Pending at once, so `finishSpeaking` waits for sentences whose player is still loading.
      const token = {};
      current.pending.add(token);
      const done = (failure?: { error: string; message?: string }) => {
        if (!current.pending.delete(token)) return;
        if (failure) setPlayerState({ ...playerState, failure: { owner, ...failure } });
        settle(current);
      };
      void import('./server-player.ts').then((player) => {
        serverPlayer = player;
        player.playSentence({
          text,
          options: { ...server, speed: rate },
          isCurrent: () => session === current,
          done,
        });
      });
    }
    return;
  }
  const voice = current.options.voice;
  if (!voice || !synthesisAvailable()) return;
  for (const sentence of sentences) {
    const utterance = new window.SpeechSynthesisUtterance(sentence);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = rate;
    // Kept in `pending` until spoken: Chrome drops the events of an utterance nobody references.
    current.pending.add(utterance);
    utterance.onend = () => {
      if (!current.pending.delete(utterance)) return;
      settle(current);
    };
    utterance.onerror = (event) => {
      // A cancel (Stop, another Listen) reports "interrupted" or "canceled" for what was queued: not a failure.
      if (!current.pending.delete(utterance)) return;
      if (event.error !== 'interrupted' && event.error !== 'canceled') {
        setPlayerState({ ...playerState, failure: { owner, error: event.error } });
      }
      settle(current);
    };
    window.speechSynthesis.speak(utterance);
  }
}

/** No more sentences for `owner`: it stops being the speaker once the queued ones are spoken. */
export function finishSpeaking(owner: string) {
  const current = session;
  if (!current || current.owner !== owner) return;
  current.open = false;
  settle(current);
}

export function speakAll(owner: string, sentences: readonly string[], options: SpeakOptions) {
  startSpeaking(owner, options);
  say(owner, sentences);
  finishSpeaking(owner);
}

function silence() {
  if (synthesisAvailable()) window.speechSynthesis.cancel();
  serverPlayer?.stopPlaying();
}

/** Silences everything, or only `owner` when given (someone else speaking is left alone). */
export function stopSpeaking(owner?: string) {
  const current = session;
  if (!current || (owner !== undefined && current.owner !== owner)) return;
  session = null;
  current.pending.clear();
  silence();
  setPlayerState({ ...playerState, owner: null });
}

function subscribePlayer(listener: () => void): () => void {
  playerListeners.add(listener);
  return () => playerListeners.delete(listener);
}

export function usePlayer(): PlayerState {
  return useSyncExternalStore(
    subscribePlayer,
    () => playerState,
    () => playerState,
  );
}

/** Stops `owner`'s speech when the component that started it goes away (leaving the screen). */
export function useStopOnUnmount(owner: string) {
  useEffect(() => () => stopSpeaking(owner), [owner]);
}
