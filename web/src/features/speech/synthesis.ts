import { useEffect, useSyncExternalStore } from 'react';
import type { VoiceSettings } from '../../../../contracts/auth.ts';
import { useAuth } from '../../lib/auth-context.tsx';
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

const defaultVoiceSettings: VoiceSettings = { rate: 1, voiceNames: {}, autoSpeak: false };

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

/** The voice `language` is spoken with here, from the learner's preferences and this browser's voices. */
export function useSpeechVoice(language: string): SpeechVoice {
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

/** This browser's voices for `language`, best first: the choices on the settings page. */
export function useVoicesFor(language: string): {
  status: VoicesState['status'];
  voices: SpeechSynthesisVoice[];
} {
  const { status, voices } = useVoices();
  return { status, voices: voicesFor(voices, language, browserTags()) };
}

// ——— The player ———

export type SpeakOptions = { voice: SpeechSynthesisVoice; rate: number };

export type PlayerState = {
  /** Who is speaking (a message id, "card", "voice-mode"…), until its last sentence is spoken. */
  owner: string | null;
  /** The browser refused or failed to speak for this owner (e.g. `not-allowed`, `synthesis-failed`). */
  failure: { owner: string; error: string } | null;
};

type Session = {
  owner: string;
  options: SpeakOptions;
  open: boolean;
  pending: Set<SpeechSynthesisUtterance>;
};

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
  if (!synthesisAvailable()) return;
  if (session) window.speechSynthesis.cancel();
  session = { owner, options, open: more, pending: new Set() };
  setPlayerState({ owner, failure: null });
}

/** Queues sentences for `owner`; nothing happens if someone else has started speaking since. */
export function say(owner: string, sentences: readonly string[]) {
  const current = session;
  if (!current || current.owner !== owner || !synthesisAvailable()) return;
  for (const sentence of sentences) {
    const utterance = new window.SpeechSynthesisUtterance(sentence);
    utterance.voice = current.options.voice;
    utterance.lang = current.options.voice.lang;
    utterance.rate = current.options.rate;
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

/** Silences everything, or only `owner` when given (someone else speaking is left alone). */
export function stopSpeaking(owner?: string) {
  const current = session;
  if (!current || (owner !== undefined && current.owner !== owner)) return;
  session = null;
  current.pending.clear();
  if (synthesisAvailable()) window.speechSynthesis.cancel();
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
