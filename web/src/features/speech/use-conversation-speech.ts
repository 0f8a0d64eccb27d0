import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message } from '../../../../contracts/conversations.ts';
import { useAuth } from '../../lib/auth-context.tsx';
import type { TurnPhase } from '../conversations/use-conversation.ts';
import { replySpeechOwner } from './message-speech.tsx';
import { type RecognitionProblem, useRecognition } from './recognition.ts';
import type { ServerListener, ServerListenState } from './server-listener.ts';
import type { SpeechProblem } from './server-speech.ts';
import { type Transcriber, useTranscriber } from './speech-engine.ts';
import { speechSentences } from './speech-text.ts';
import {
  finishSpeaking,
  type Speaker,
  say,
  startSpeaking,
  stopSpeaking,
  usePlayer,
  useSpeaker,
  useVoiceSettings,
} from './synthesis.ts';

export type VoiceModeStatus = 'off' | 'listening' | 'speaking' | 'waiting' | 'paused';

export type ConversationSpeech = {
  speaker: Speaker;
  /** Voice mode needs both a voice for the language and a way to listen (the browser's or the server's). */
  voiceModeAvailable: boolean;
  voiceMode: boolean;
  voiceStatus: VoiceModeStatus;
  toggleVoiceMode: () => void;
  /** Silences the tutor and closes the microphone; voice mode stays on, paused. */
  stopAll: () => void;
  transcriber: Transcriber;
  listening: boolean;
  /** What the microphone has heard in this take so far (browser recognition only). */
  heard: string;
  problem: RecognitionProblem | null;
  /** Server speech: recording, sending the audio to be written down, or why it could not. */
  server: ServerListenState | null;
  serverProblem: SpeechProblem | null;
  /** The microphone's loudness now, for the level meter (server speech). */
  level: (() => number) | null;
  /** The learner pressed the microphone where nothing can listen: say so. */
  explainUnsupported: boolean;
  /** The microphone button: start a take, or end it keeping what was heard. */
  toggleMicrophone: () => void;
  /** The latest reply ended without finishing (failed, cut, stopped). */
  replyUnfinished: boolean;
};

type Options = {
  language: string;
  conversationId?: string | undefined;
  messages: readonly Message[];
  /** The reply of the latest turn this page ran (`ConversationState.liveReply`): the one to read aloud. */
  liveReply: { id: string; turn: number } | null;
  phase: TurnPhase;
  /** Outside voice mode recognised words go into the draft: the learner reviews them and sends. */
  onDictated: (text: string) => void;
  /** In voice mode they are the learner's message. */
  onSpoken: (text: string) => void;
};

const idle: ServerListenState = { status: 'idle', handsFree: false, problem: null };

/** How far the live reply of one turn has been read aloud; `done` once it has been dealt with for good. */
type SpokenReply = { turn: number; spoken: number; done: boolean };
type Mode = 'dictate' | 'converse';

/**
 * The conversation screen's speech: the microphone in the composer, replies read aloud sentence by
 * sentence as they stream (in voice mode, or always with the learner's auto-speak preference), and voice
 * mode's loop — the reply is spoken, then the microphone opens, and what is heard is sent. Leaving the
 * screen silences the tutor and closes the microphone. Listening goes through the browser's recogniser
 * or, where it has none (or it fails, or the learner chose so), through the server: that code loads on
 * first use.
 */
export function useConversationSpeech({
  language,
  conversationId,
  messages,
  liveReply,
  phase,
  onDictated,
  onSpoken,
}: Options): ConversationSpeech {
  const recognition = useRecognition(language);
  const speaker = useSpeaker(language);
  const transcriber = useTranscriber(language);
  const player = usePlayer();
  const admin = useAuth().user?.role === 'admin';
  const { autoSpeak, engine } = useVoiceSettings();
  const [voiceMode, setVoiceMode] = useState(false);
  /** Voice mode opens the microphone once nothing else is going on (a reply finished, or just turned on). */
  const [listenNext, setListenNext] = useState(false);
  const [explainUnsupported, setExplainUnsupported] = useState(false);
  const [server, setServer] = useState<ServerListenState | null>(null);
  const listener = useRef<ServerListener | null>(null);
  const callbacks = useRef({ onDictated, onSpoken });
  callbacks.current = { onDictated, onSpoken };
  const reply = useRef<SpokenReply | null>(null);
  const speakingNow = useRef(false);
  speakingNow.current = player.owner !== null;

  const options = speaker.status === 'ready' ? speaker.options : null;
  const viaServer = transcriber.way === 'server';
  const canListen = transcriber.way === 'browser' || transcriber.serverReady;
  const voiceModeAvailable = options !== null && canListen;
  const speakReplies = options !== null && (voiceMode || autoSpeak);
  const latest = messages.findLast((message) => message.role === 'tutor');
  const latestId = latest?.id;
  const latestStatus = latest?.status;

  // Speaks the live reply one complete sentence at a time as it streams, then the rest when it ends
  // complete. It goes by the turn, not by having seen the reply `streaming`: a reply that arrived whole
  // in one render is spoken all at once, and each turn's reply is spoken once. Loaded replies are never
  // live, so opening a conversation says nothing.
  const live = liveReply ? messages.findLast((message) => message.id === liveReply.id) : undefined;
  const liveText = live?.text ?? '';
  const liveStatus = live?.status;
  const liveReason = live?.failureReason ?? null;
  const speakOptions = useRef(options);
  speakOptions.current = options;
  useEffect(() => {
    if (liveReply === null || liveStatus === undefined) return;
    const options = speakOptions.current;
    const owner = replySpeechOwner(liveReply.id);
    const ended = liveStatus !== 'streaming';
    let current = reply.current?.turn === liveReply.turn ? reply.current : null;
    if (!speakReplies || !options) {
      // Not reading replies now. One still streaming is read from its start if voice mode is turned on
      // before it ends; one that is over stays unspoken, whatever is turned on later.
      if (ended) reply.current = { turn: liveReply.turn, spoken: current?.spoken ?? 0, done: true };
      return;
    }
    if (current?.done) return;
    if (!current) {
      if (ended && liveReason === 'stopped') {
        // Stopped before this page said anything: nothing to start, and voice mode pauses.
        reply.current = { turn: liveReply.turn, spoken: 0, done: true };
        setListenNext(false);
        return;
      }
      current = { turn: liveReply.turn, spoken: 0, done: false };
      reply.current = current;
      startSpeaking(owner, options, { more: true });
    }
    if (!ended) {
      const { sentences } = speechSentences(liveText);
      say(owner, sentences.slice(current.spoken));
      current.spoken = Math.max(current.spoken, sentences.length);
      return;
    }
    current.done = true;
    if (liveStatus === 'complete') {
      say(owner, speechSentences(liveText, { final: true }).sentences.slice(current.spoken));
      finishSpeaking(owner);
      if (voiceMode) setListenNext(true);
      return;
    }
    // Stopped or failed: voice mode pauses rather than listening on as if the reply had been heard.
    setListenNext(false);
    if (liveReason === 'stopped') {
      stopSpeaking(owner);
      return;
    }
    // Cut off by a failure: its complete sentences are said (all of them when it arrived whole), the
    // broken tail and the error are not.
    say(owner, speechSentences(liveText).sentences.slice(current.spoken));
    finishSpeaking(owner);
  }, [speakReplies, liveReply, liveText, liveStatus, liveReason, voiceMode]);

  const deliver = useCallback(
    (mode: Mode, text: string) =>
      mode === 'converse' ? callbacks.current.onSpoken(text) : callbacks.current.onDictated(text),
    [],
  );

  /** The server's listener, made (and its code loaded) on first use; one per screen. */
  const serverListener = useCallback(
    async (mode: Mode): Promise<ServerListener | null> => {
      const caps = transcriber.caps;
      if (!caps) return null;
      listener.current?.close();
      const { ServerListener } = await import('./server-listener.ts');
      const made = new ServerListener({
        language,
        conversationId,
        admin,
        maxSeconds: caps.maxSeconds,
        onState: (state) => setServer(state),
        onText: (text) => deliver(mode, text),
        tutorSpeaking: () => speakingNow.current,
        interrupt: () => stopSpeaking(),
      });
      listener.current = made;
      return made;
    },
    [transcriber.caps, language, conversationId, admin, deliver],
  );

  /** The mode of the browser's latest take: a take the recogniser failed goes on in it through the server. */
  const lastMode = useRef<Mode>('dictate');
  const startListening = useCallback(
    (mode: Mode) => {
      if (viaServer) {
        // Hands-free keeps the microphone open (the learner may interrupt the tutor); a take is recorded.
        if (mode === 'dictate') stopSpeaking();
        void serverListener(mode).then((made) =>
          mode === 'converse' ? made?.listenHandsFree() : made?.record(),
        );
        return;
      }
      // The microphone would hear the tutor's voice.
      stopSpeaking();
      lastMode.current = mode;
      recognition.start((text) => deliver(mode, text));
    },
    [viaServer, serverListener, recognition.start, deliver],
  );

  // The browser's recogniser failed for good here (no vendor keys, no such language): where the learner
  // lets Charla choose and the server can listen, the same take starts again through the server.
  const { problem } = recognition.state;
  useEffect(() => {
    if (engine !== 'auto' || (problem !== 'network' && problem !== 'language')) return;
    if (!viaServer || !transcriber.serverReady) return;
    recognition.clear();
    startListening(lastMode.current);
  }, [engine, problem, viaServer, transcriber.serverReady, recognition.clear, startListening]);

  // Voice mode: the microphone opens when the reply has been spoken and nothing else is running.
  const serverOpen = server !== null && server.status !== 'idle';
  const listening = recognition.state.listening || serverOpen;
  useEffect(() => {
    if (!voiceMode || !listenNext || listening) return;
    if (phase !== 'idle' || latestStatus === 'streaming' || player.owner !== null) return;
    setListenNext(false);
    startListening('converse');
  }, [voiceMode, listenNext, listening, phase, latestStatus, player.owner, startListening]);

  // Leaving the screen: nothing goes on speaking or listening (the recogniser closes itself).
  useEffect(
    () => () => {
      stopSpeaking();
      listener.current?.close();
    },
    [],
  );

  const stopAll = useCallback(() => {
    setListenNext(false);
    stopSpeaking();
    recognition.cancel();
    listener.current?.close();
    setServer(null);
  }, [recognition.cancel]);

  const toggleVoiceMode = useCallback(() => {
    if (voiceMode) {
      stopAll();
      setVoiceMode(false);
      return;
    }
    setVoiceMode(true);
    recognition.clear();
    setServer(null);
    // Mid-reply, the reply is spoken first; otherwise the learner starts. Through the server the
    // microphone opens at once, so the learner can interrupt the reply.
    if (viaServer) startListening('converse');
    else setListenNext(true);
  }, [voiceMode, stopAll, recognition.clear, viaServer, startListening]);

  const toggleMicrophone = useCallback(() => {
    if (!canListen && !viaServer) {
      setExplainUnsupported(true);
      return;
    }
    const caps = transcriber.caps;
    if (viaServer && !transcriber.serverReady) {
      // Not set up, or over budget: the status line says which (in words loaded with the server's code).
      if (caps)
        void import('./server-speech.ts').then(({ unavailableProblem }) =>
          setServer({ ...idle, problem: unavailableProblem(caps, 'transcribe', admin) }),
        );
      return;
    }
    if (listening) {
      if (server?.status === 'recording' && !server.handsFree) void listener.current?.finish();
      else if (viaServer) stopAll();
      else recognition.stop();
      return;
    }
    setListenNext(false);
    startListening(voiceMode ? 'converse' : 'dictate');
  }, [
    canListen,
    viaServer,
    transcriber.serverReady,
    transcriber.caps,
    admin,
    listening,
    server,
    stopAll,
    recognition.stop,
    voiceMode,
    startListening,
  ]);

  const replyUnfinished = latestStatus === 'failed' || latestStatus === 'partial';
  const tutorSpeaking = latestId !== undefined && player.owner === replySpeechOwner(latestId);
  let voiceStatus: VoiceModeStatus = 'off';
  if (voiceMode) {
    if (tutorSpeaking) voiceStatus = 'speaking';
    else if (
      listening &&
      (server?.status !== 'waiting' || (phase === 'idle' && latestStatus !== 'streaming'))
    )
      voiceStatus = 'listening';
    else if (phase !== 'idle' || latestStatus === 'streaming' || listenNext) voiceStatus = 'waiting';
    else voiceStatus = 'paused';
  }

  return {
    speaker,
    voiceModeAvailable,
    voiceMode,
    voiceStatus,
    toggleVoiceMode,
    stopAll,
    transcriber,
    listening,
    heard: recognition.state.heard,
    problem: recognition.state.problem,
    server,
    serverProblem: server?.problem ?? null,
    level: serverOpen ? (listener.current?.level ?? null) : null,
    explainUnsupported,
    toggleMicrophone,
    replyUnfinished,
  };
}
