import './speech.css';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatPercent } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { languageName } from '../../lib/languages.ts';
import { ListenButton } from './listen-button.tsx';
import { recognitionProblemMessage, useRecognition } from './recognition.ts';
import { idleListenState, ServerListener, type ServerListenState } from './server-listener.ts';
import { unavailableProblem } from './server-speech.ts';
import { useTranscriber } from './speech-engine.ts';
import { stopSpeaking } from './synthesis.ts';
import { type AlignedWord, type Alignment, alignWords } from './word-alignment.ts';

type Attempt = { target: string; heard: string; alignment: Alignment };

function Word({ word }: { word: AlignedWord }) {
  switch (word.kind) {
    case 'match':
      return <span className="word word-match">{word.target}</span>;
    case 'missed':
      return (
        <del className="word word-missed">
          {word.target}
          <span className="visually-hidden"> (not heard)</span>
        </del>
      );
    case 'substitution':
      return (
        <span className="word word-substituted" data-marks-only={word.marksOnly || undefined}>
          {word.target}
          <span className="word-heard">
            <span className="visually-hidden"> heard as </span>
            <span aria-hidden="true">→ </span>
            {word.heard}
          </span>
        </span>
      );
    case 'extra':
      return (
        <ins className="word word-extra">
          <span className="visually-hidden">extra: </span>
          {word.heard}
        </ins>
      );
  }
}

function AttemptResult({ attempt, language }: { attempt: Attempt; language: string }) {
  const t = useT('speech-practice');
  const { alignment, heard } = attempt;
  const extras = alignment.words.filter((word) => word.kind === 'extra').length;
  const marksOnly = alignment.words.filter((word) => word.kind === 'substitution' && word.marksOnly).length;
  const percent = alignment.score === null ? null : Math.round(alignment.score * 100);
  const frame = useRef<HTMLDivElement>(null);
  // The result opens below the fold of the message list: bring it into view once, when it arrives.
  useEffect(() => {
    frame.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, []);
  return (
    <div className="practice-result" ref={frame}>
      <p className="practice-score">
        {percent === null ? (
          t('practice.noWords')
        ) : (
          <>
            {rich(
              t(extras > 0 ? 'practice.scoreExtra' : 'practice.score', {
                matched: alignment.matched,
                count: alignment.targetCount,
                extra: extras,
                ...slots('percent'),
              }),
              { percent: <strong>{formatPercent(percent / 100)}</strong> },
            )}
            .
          </>
        )}
      </p>
      <p className="practice-words" lang={language}>
        {alignment.words.map((word, index) => (
          // The alignment never reorders, and words repeat: its position is the key.
          <Word key={index} word={word} />
        ))}
      </p>
      <p className="practice-heard">
        {rich(t('practice.heard', slots('heard')), { heard: <q lang={language}>{heard}</q> })}
      </p>
      {marksOnly > 0 ? <p className="practice-hint">{t('practice.marks', { count: marksOnly })}</p> : null}
      <ul className="practice-legend" aria-label={t('practice.key')}>
        <li>
          <span className="word word-match">{t('practice.legend.word')}</span> {t('practice.legend.match')}
        </li>
        <li>
          <span className="word word-substituted">{t('practice.legend.word')}</span>{' '}
          {t('practice.legend.substituted')}
        </li>
        <li>
          <del className="word word-missed">{t('practice.legend.word')}</del> {t('practice.legend.missed')}
        </li>
        <li>
          <ins className="word word-extra">{t('practice.legend.word')}</ins> {t('practice.legend.extra')}
        </li>
      </ul>
    </div>
  );
}

/**
 * Pronunciation practice: the learner reads a sentence aloud, the browser's recogniser (or the server's
 * transcription, recorded here) writes down what it heard, and the two are aligned word by word
 * (`word-alignment.ts`). The score is the share of the sentence's words the recogniser wrote as written —
 * what it measured, nothing more. Loaded when the learner opens it.
 */
export type PracticeProps = {
  /** What the learner may choose to say (a reply's sentences, a card's term and example). */
  sentences: readonly string[];
  language: string;
  /** The speech owner of what is practised: its model reading is `${owner}:model`. */
  owner: string;
};

export default function PronunciationPractice({ sentences, language, owner }: PracticeProps) {
  const [chosen, setChosen] = useState(0);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const recognition = useRecognition(language);
  const transcriber = useTranscriber(language);
  const admin = useAuth().user?.role === 'admin';
  const [server, setServer] = useState<ServerListenState>(idleListenState);
  const listener = useRef<ServerListener | null>(null);
  const t = useT('speech-practice');
  const ts = useT('speech');
  const name = languageName(language);
  const choiceName = useId();
  const target = sentences[chosen] ?? sentences[0] ?? '';
  const viaServer = transcriber.way === 'server';
  const serverBusy = server.status !== 'idle';
  const listening = recognition.state.listening || serverBusy;
  const { heard } = recognition.state;
  const problem = viaServer ? null : recognition.state.problem;
  const serverProblem =
    server.problem ??
    (viaServer && transcriber.caps && !transcriber.serverReady
      ? unavailableProblem(transcriber.caps, 'transcribe', admin)
      : null);
  useEffect(() => () => listener.current?.close(), []);

  if (transcriber.way === 'none') {
    return (
      <section className="practice" aria-label={t('practice.label')}>
        <p className="speech-note">
          Pronunciation practice needs speech recognition, which this browser does not have.
        </p>
      </section>
    );
  }

  function score(said: string, text: string) {
    setAttempt({ target: said, heard: text, alignment: alignWords(said, text, language) });
  }

  function start() {
    setAttempt(null);
    // The microphone would hear the voice reading the sentence out.
    stopSpeaking();
    const said = target;
    if (!viaServer) {
      recognition.start((text) => score(said, text));
      return;
    }
    const caps = transcriber.caps;
    if (!caps || !transcriber.serverReady) return;
    listener.current?.close();
    const made = new ServerListener({
      language,
      purpose: 'pronunciation',
      admin,
      maxSeconds: caps.maxSeconds,
      onState: setServer,
      onText: (text) => score(said, text),
    });
    listener.current = made;
    void made.record();
  }

  function stop() {
    if (server.status === 'recording') void listener.current?.finish();
    else recognition.stop();
  }

  let status: ReactNode = '';
  if (server.status === 'opening') status = ts('status.opening');
  else if (server.status === 'recording') status = t('practice.recording', { language: name });
  else if (server.status === 'transcribing') status = ts('status.transcribing');
  else if (recognition.state.listening)
    status = heard
      ? t('practice.listeningHeard', { language: name, heard })
      : t('practice.listening', { language: name });
  else if (serverProblem)
    status = (
      <>
        {serverProblem.message}
        {serverProblem.setUp ? (
          <>
            {' '}
            <Link to="/admin/providers#speech">{ts('setUp')}</Link>
          </>
        ) : null}
      </>
    );
  else if (problem) status = recognitionProblemMessage(problem, name);

  return (
    <section className="practice" aria-label={t('practice.label')}>
      {sentences.length > 1 ? (
        <fieldset className="practice-choices">
          <legend>{t('practice.choose')}</legend>
          {sentences.map((sentence, index) => (
            <label key={sentence} className="practice-choice">
              <input
                type="radio"
                name={choiceName}
                checked={index === chosen}
                disabled={listening}
                onChange={() => {
                  setChosen(index);
                  setAttempt(null);
                  recognition.clear();
                }}
              />
              <span lang={language}>{sentence}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <p className="practice-target" lang={language}>
        {target}
      </p>
      <div className="practice-actions">
        <ListenButton
          text={target}
          language={language}
          owner={`${owner}:model`}
          label={t('practice.hearFirst')}
        />
        {listening ? (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={stop}
            disabled={server.status === 'transcribing' || server.status === 'opening'}
          >
            <span className="speech-stop-icon" aria-hidden="true" />
            {viaServer ? ts('stop') : ts('stopListening')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary button-small"
            onClick={start}
            disabled={viaServer && !transcriber.serverReady}
          >
            {attempt ? t('practice.tryAgain') : t('practice.start')}
          </button>
        )}
      </div>
      <p className="practice-status" role="status">
        {status}
      </p>
      {attempt && attempt.target === target ? <AttemptResult attempt={attempt} language={language} /> : null}
    </section>
  );
}
