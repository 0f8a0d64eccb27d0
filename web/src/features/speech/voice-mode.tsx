import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { languageName } from '../../lib/languages.ts';
import { recognitionProblemMessage, recognitionUnsupportedMessage } from './recognition.ts';
import { useSaveVoiceSettings } from './speech-api.ts';
import { SpeechSupportNote } from './speech-support-note.tsx';
import './speech.css';
import { useVoiceSettings } from './synthesis.ts';
import type { ConversationSpeech } from './use-conversation-speech.ts';

/** The speeds offered beside the chat; the settings page allows any rate from 0.5× to 1.5×. */
const quickRates = [0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2];

export function formatRate(rate: number): string {
  return `${Number(rate.toFixed(2))}×`;
}

function SpeedSelect() {
  const t = useT('speech');
  const { rate } = useVoiceSettings();
  const save = useSaveVoiceSettings();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const rates = [...new Set([...quickRates, rate])].sort((a, b) => a - b);
  return (
    <span className="speech-speed">
      <label htmlFor={id}>{t('speed')}</label>
      <select
        id={id}
        value={String(rate)}
        disabled={saving}
        onChange={async (event) => {
          setSaving(true);
          setError(null);
          try {
            await save({ rate: Number(event.target.value) });
          } catch {
            setError(t('speed.failed'));
          } finally {
            setSaving(false);
          }
        }}
      >
        {rates.map((value) => (
          <option key={value} value={String(value)}>
            {formatRate(value)}
          </option>
        ))}
      </select>
      {error ? (
        <span className="speech-failure" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** What the server's listener is doing, in words; null when it is not the one listening. */
function serverStatusText(speech: ConversationSpeech, name: string, t: Translate<'speech'>): string | null {
  switch (speech.server?.status) {
    case 'opening':
      return t('status.opening');
    case 'waiting':
      return t('status.waiting', { language: name });
    case 'recording':
      return speech.server.handsFree ? t('status.recordingHandsFree') : t('status.recording');
    case 'transcribing':
      return t('status.transcribing');
    default:
      return null;
  }
}

function voiceStatusText(speech: ConversationSpeech, name: string, t: Translate<'speech'>): string {
  switch (speech.voiceStatus) {
    case 'listening':
      return (
        serverStatusText(speech, name, t) ??
        (speech.heard
          ? t('status.heard', { heard: speech.heard })
          : t('status.listening', { language: name }))
      );
    case 'speaking':
      return t('status.speaking');
    case 'waiting':
      return t('status.replying');
    case 'paused':
      if (speech.serverProblem) return t('status.tryAgain', { problem: speech.serverProblem.message });
      if (speech.problem)
        return t('status.tryAgain', { problem: recognitionProblemMessage(speech.problem, name) });
      if (speech.replyUnfinished) return t('status.unfinished');
      return t('status.paused');
    default:
      return '';
  }
}

/**
 * Beside the chat: the voice mode switch, the speed replies are read at, what voice mode is doing, and a
 * line on what this browser cannot do.
 */
export function SpeechBar({ speech, language }: { speech: ConversationSpeech; language: string }) {
  const t = useT('speech');
  const name = languageName(language);
  const busy = speech.voiceStatus === 'listening' || speech.voiceStatus === 'speaking';
  return (
    <div className="speech-bar">
      {speech.voiceModeAvailable || speech.speaker.status === 'ready' ? (
        <div className="speech-bar-row">
          {speech.voiceModeAvailable ? (
            <button
              type="button"
              className="button button-small voice-toggle"
              aria-pressed={speech.voiceMode}
              onClick={speech.toggleVoiceMode}
            >
              <span className="voice-toggle-light" aria-hidden="true" />
              {t('voiceMode')}
            </button>
          ) : null}
          {speech.speaker.status === 'ready' ? <SpeedSelect /> : null}
          {speech.voiceMode ? (
            <p className="speech-bar-status" role="status" data-status={speech.voiceStatus}>
              {speech.level ? <LevelMeter level={speech.level} /> : null}
              {voiceStatusText(speech, name, t)}
              {speech.voiceStatus === 'paused' && speech.serverProblem?.setUp ? (
                <>
                  {' '}
                  <Link to="/admin/providers#speech">{t('setUp')}</Link>
                </>
              ) : null}
            </p>
          ) : null}
          {speech.voiceMode && busy ? (
            <button type="button" className="button button-secondary button-small" onClick={speech.stopAll}>
              <span className="speech-stop-icon" aria-hidden="true" />
              {t('stop')}
            </button>
          ) : null}
        </div>
      ) : null}
      <SpeechSupportNote language={language} />
    </div>
  );
}

/** How loud the microphone hears the learner, redrawn every frame without re-rendering the screen. */
function LevelMeter({ level }: { level: () => number }) {
  const bar = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      // Speech sits around 0.05–0.3 RMS: stretched so a normal voice fills most of the meter.
      bar.current?.style.setProperty('--level', String(Math.min(1, Math.sqrt(level() * 4))));
      frame = requestAnimationFrame(draw);
    };
    draw();
    return () => cancelAnimationFrame(frame);
  }, [level]);
  return <span className="speech-level" ref={bar} aria-hidden="true" />;
}

/** A refusal from the server's speech, with the way to set it up for an admin. */
function ServerProblem({ speech }: { speech: ConversationSpeech }) {
  const t = useT('speech');
  const problem = speech.serverProblem;
  if (!problem) return null;
  return (
    <>
      {problem.message}
      {problem.setUp ? (
        <>
          {' '}
          <Link to="/admin/providers#speech">{t('setUp')}</Link>
        </>
      ) : null}
    </>
  );
}

function MicIcon() {
  return (
    <svg className="speech-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <rect x="7" y="2.5" width="6" height="10" rx="3" fill="currentColor" />
      <path d="M4.5 9.5a5.5 5.5 0 0 0 11 0M10 15v3" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

/**
 * The composer's microphone: press to speak, press again to stop (it also stops by itself when the
 * learner goes quiet). Where the browser has no recognition it stays, but only explains.
 */
export function MicButton({ speech }: { speech: ConversationSpeech }) {
  const t = useT('speech');
  return (
    <button
      type="button"
      className="button button-secondary composer-button composer-mic"
      data-listening={speech.listening || undefined}
      aria-disabled={
        speech.transcriber.way === 'none' ||
        (speech.transcriber.caps !== null && !speech.transcriber.serverReady) ||
        undefined
      }
      onClick={speech.toggleMicrophone}
    >
      {speech.listening ? <span className="speech-stop-icon" aria-hidden="true" /> : <MicIcon />}
      <span className="composer-mic-label">{speech.listening ? t('stopListening') : t('speak')}</span>
    </button>
  );
}

/** Above the message box outside voice mode: what the microphone hears, or why it heard nothing. */
export function DictationStatus({ speech, language }: { speech: ConversationSpeech; language: string }) {
  const t = useT('speech');
  if (speech.voiceMode) return null;
  const name = languageName(language);
  let text: ReactNode = null;
  const server = serverStatusText(speech, name, t);
  if (speech.explainUnsupported) text = recognitionUnsupportedMessage();
  else if (server) text = server;
  else if (speech.listening)
    text = speech.heard
      ? t('status.heard', { heard: speech.heard })
      : t('status.listening', { language: name });
  else if (speech.serverProblem) text = <ServerProblem speech={speech} />;
  else if (speech.problem) text = recognitionProblemMessage(speech.problem, name);
  return (
    <p
      className="composer-speech"
      role="status"
      data-problem={(!speech.listening && text !== null) || undefined}
    >
      {speech.level ? <LevelMeter level={speech.level} /> : null}
      {text}
    </p>
  );
}
