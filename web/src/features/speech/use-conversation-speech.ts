import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message } from '../../../../contracts/conversations.ts';
import type { TurnPhase } from '../conversations/use-conversation.ts';
import { replySpeechOwner } from './message-speech.tsx';
import { type RecognitionProblem, useRecognition } from './recognition.ts';
import { speechSentences } from './speech-text.ts';
import {
  finishSpeaking,
  type SpeechVoice,
  say,
  startSpeaking,
  stopSpeaking,
  usePlayer,
  useSpeechVoice,
  useVoiceSettings,
} from './synthesis.ts';

export type VoiceModeStatus = 'off' | 'listening' | 'speaking' | 'waiting' | 'paused';

export type ConversationSpeech = {
  speech: SpeechVoice;
  /** Voice mode needs both a voice for the language and speech recognition. */
  voiceModeAvailable: boolean;
  voiceMode: boolean;
  voiceStatus: VoiceModeStatus;
  toggleVoiceMode: () => void;
  /** Silences the tutor and closes the microphone; voice mode stays on, paused. */
  stopAll: () => void;
  recognitionSupported: boolean;
  listening: boolean;
  /** What the microphone has heard in this take so far. */
  heard: string;
  problem: RecognitionProblem | null;
  /** The learner pressed the microphone in a browser without recognition: say so. */
  explainUnsupported: boolean;
  /** The microphone button: start a take, or end it keeping what was heard. */
  toggleMicrophone: () => void;
  /** The latest reply ended without finishing (failed, cut, stopped). */
  replyUnfinished: boolean;
};

type Options = {
  language: string;
  messages: readonly Message[];
  phase: TurnPhase;
  /** Outside voice mode recognised words go into the draft: the learner reviews them and sends. */
  onDictated: (text: string) => void;
  /** In voice mode they are the learner's message. */
  onSpoken: (text: string) => void;
};

type SpokenReply = { id: string; spoken: number; done: boolean };

/**
 * The conversation screen's speech: the microphone in the composer, replies read aloud sentence by
 * sentence as they stream (in voice mode, or always with the learner's auto-speak preference), and voice
 * mode's loop — the reply is spoken, then the microphone opens, and what is heard is sent. Leaving the
 * screen silences the tutor and closes the microphone.
 */
export function useConversationSpeech({
  language,
  messages,
  phase,
  onDictated,
  onSpoken,
}: Options): ConversationSpeech {
  const recognition = useRecognition(language);
  const speech = useSpeechVoice(language);
  const player = usePlayer();
  const { autoSpeak } = useVoiceSettings();
  const [voiceMode, setVoiceMode] = useState(false);
  /** Voice mode opens the microphone once nothing else is going on (a reply finished, or just turned on). */
  const [listenNext, setListenNext] = useState(false);
  const [explainUnsupported, setExplainUnsupported] = useState(false);
  const callbacks = useRef({ onDictated, onSpoken });
  callbacks.current = { onDictated, onSpoken };
  const reply = useRef<SpokenReply | null>(null);

  const ready = speech.status === 'ready';
  const voice = speech.voice;
  const rate = speech.rate;
  const voiceModeAvailable = ready && recognition.supported;
  const speakReplies = ready && (voiceMode || autoSpeak);
  const latest = messages.findLast((message) => message.role === 'tutor');
  const latestId = latest?.id;
  const latestText = latest?.text ?? '';
  const latestStatus = latest?.status;
  const latestReason = latest?.failureReason ?? null;

  // Speaks the streaming reply one complete sentence at a time, then the rest when it ends complete.
  useEffect(() => {
    if (!speakReplies || !voice || latestId === undefined) return;
    const owner = replySpeechOwner(latestId);
    let current = reply.current;
    if (latestStatus === 'streaming') {
      // A new reply, or a retry streaming the same one again from nothing.
      if (!current || current.id !== latestId || current.done) {
        current = { id: latestId, spoken: 0, done: false };
        reply.current = current;
        startSpeaking(owner, { voice, rate }, { more: true });
      }
      const { sentences } = speechSentences(latestText);
      say(owner, sentences.slice(current.spoken));
      current.spoken = Math.max(current.spoken, sentences.length);
      return;
    }
    if (!current || current.id !== latestId || current.done) return;
    current.done = true;
    if (latestStatus === 'complete') {
      say(owner, speechSentences(latestText, { final: true }).sentences.slice(current.spoken));
      finishSpeaking(owner);
      if (voiceMode) setListenNext(true);
      return;
    }
    // Stopped or failed: voice mode pauses rather than listening on as if the reply had been heard.
    setListenNext(false);
    if (latestReason === 'stopped') stopSpeaking(owner);
    // Cut off by a failure: the complete sentences were said; the broken tail and the error are not.
    else finishSpeaking(owner);
  }, [speakReplies, voice, rate, latestId, latestText, latestStatus, latestReason, voiceMode]);

  const startListening = useCallback(
    (mode: 'dictate' | 'converse') => {
      // The microphone would hear the tutor's voice.
      stopSpeaking();
      recognition.start((text) =>
        mode === 'converse' ? callbacks.current.onSpoken(text) : callbacks.current.onDictated(text),
      );
    },
    [recognition.start],
  );

  // Voice mode: the microphone opens when the reply has been spoken and nothing else is running.
  const { listening } = recognition.state;
  useEffect(() => {
    if (!voiceMode || !listenNext || listening) return;
    if (phase !== 'idle' || latestStatus === 'streaming' || player.owner !== null) return;
    setListenNext(false);
    startListening('converse');
  }, [voiceMode, listenNext, listening, phase, latestStatus, player.owner, startListening]);

  // Leaving the screen: nothing goes on speaking (the recogniser closes itself).
  useEffect(() => () => stopSpeaking(), []);

  const stopAll = useCallback(() => {
    setListenNext(false);
    stopSpeaking();
    recognition.cancel();
  }, [recognition.cancel]);

  const toggleVoiceMode = useCallback(() => {
    if (voiceMode) {
      stopAll();
      setVoiceMode(false);
      return;
    }
    setVoiceMode(true);
    recognition.clear();
    // Mid-reply, the reply is spoken first; otherwise the learner starts.
    setListenNext(true);
  }, [voiceMode, stopAll, recognition.clear]);

  const toggleMicrophone = useCallback(() => {
    if (!recognition.supported) {
      setExplainUnsupported(true);
      return;
    }
    if (listening) {
      recognition.stop();
      return;
    }
    setListenNext(false);
    startListening(voiceMode ? 'converse' : 'dictate');
  }, [recognition.supported, recognition.stop, listening, voiceMode, startListening]);

  const replyUnfinished = latestStatus === 'failed' || latestStatus === 'partial';
  let voiceStatus: VoiceModeStatus = 'off';
  if (voiceMode) {
    if (listening) voiceStatus = 'listening';
    else if (latestId !== undefined && player.owner === replySpeechOwner(latestId)) voiceStatus = 'speaking';
    else if (phase !== 'idle' || latestStatus === 'streaming' || listenNext) voiceStatus = 'waiting';
    else voiceStatus = 'paused';
  }

  return {
    speech,
    voiceModeAvailable,
    voiceMode,
    voiceStatus,
    toggleVoiceMode,
    stopAll,
    recognitionSupported: recognition.supported,
    listening,
    heard: recognition.state.heard,
    problem: recognition.state.problem,
    explainUnsupported,
    toggleMicrophone,
    replyUnfinished,
  };
}
