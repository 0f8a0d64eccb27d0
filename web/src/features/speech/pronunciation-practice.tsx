import './speech.css';
import { useEffect, useId, useRef, useState } from 'react';
import { languageName } from '../../lib/languages.ts';
import { ListenButton } from './listen-button.tsx';
import { recognitionAvailable, recognitionProblemMessage, useRecognition } from './recognition.ts';
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
          'This sentence has no words to compare.'
        ) : (
          <>
            <strong>{percent}%</strong> — {alignment.matched} of {alignment.targetCount}{' '}
            {alignment.targetCount === 1 ? 'word' : 'words'} recognised as written
            {extras > 0 ? `, ${extras} extra ${extras === 1 ? 'word' : 'words'} heard` : ''}.
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
        Heard: <q lang={language}>{heard}</q>
      </p>
      {marksOnly > 0 ? (
        <p className="practice-hint">
          {marksOnly === 1 ? 'One word was' : `${marksOnly} words were`} heard with other accents or marks.
          Some sound the same (él and el), others do not (año and ano): listen and judge by ear.
        </p>
      ) : null}
      <ul className="practice-legend" aria-label="Key">
        <li>
          <span className="word word-match">word</span> recognised
        </li>
        <li>
          <span className="word word-substituted">word</span> heard as another word
        </li>
        <li>
          <del className="word word-missed">word</del> not heard
        </li>
        <li>
          <ins className="word word-extra">word</ins> extra
        </li>
      </ul>
    </div>
  );
}

/**
 * Pronunciation practice: the learner reads a sentence aloud, the browser's recogniser writes down what
 * it heard, and the two are aligned word by word (`word-alignment.ts`). The score is the share of the
 * sentence's words the recogniser wrote as written — what it measured, nothing more.
 */
type PracticeProps = {
  /** What the learner may choose to say (a reply's sentences, a card's term and example). */
  sentences: readonly string[];
  language: string;
  /** The speech owner of what is practised: its model reading is `${owner}:model`. */
  owner: string;
};

export function PronunciationPractice({ sentences, language, owner }: PracticeProps) {
  const [chosen, setChosen] = useState(0);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const recognition = useRecognition(language);
  const name = languageName(language);
  const choiceName = useId();
  const target = sentences[chosen] ?? sentences[0] ?? '';
  const { listening, heard, problem } = recognition.state;

  if (!recognitionAvailable()) {
    return (
      <section className="practice" aria-label="Pronunciation practice">
        <p className="speech-note">
          Pronunciation practice needs speech recognition, which this browser does not have.
        </p>
      </section>
    );
  }

  function start() {
    setAttempt(null);
    // The microphone would hear the voice reading the sentence out.
    stopSpeaking();
    const said = target;
    recognition.start((text) =>
      setAttempt({ target: said, heard: text, alignment: alignWords(said, text, language) }),
    );
  }

  return (
    <section className="practice" aria-label="Pronunciation practice">
      {sentences.length > 1 ? (
        <fieldset className="practice-choices">
          <legend>Choose what to say</legend>
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
        <ListenButton text={target} language={language} owner={`${owner}:model`} label="Hear it first" />
        {listening ? (
          <button type="button" className="button button-secondary button-small" onClick={recognition.stop}>
            <span className="speech-stop-icon" aria-hidden="true" />
            Stop listening
          </button>
        ) : (
          <button type="button" className="button button-primary button-small" onClick={start}>
            {attempt ? 'Try again' : 'Start speaking'}
          </button>
        )}
      </div>
      <p className="practice-status" role="status">
        {listening
          ? `Listening… read the sentence aloud in ${name}.${heard ? ` Heard so far: “${heard}”` : ''}`
          : problem
            ? recognitionProblemMessage(problem, name)
            : ''}
      </p>
      {attempt && attempt.target === target ? <AttemptResult attempt={attempt} language={language} /> : null}
    </section>
  );
}

/** "Practise saying this": opens the practice under a reply or a card. Offered only where it can work. */
export function PractiseToggle({ sentences, language, owner }: PracticeProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  if (!recognitionAvailable() || sentences.length === 0) return null;
  return (
    <>
      <button
        type="button"
        className="button button-quiet button-small speech-practise"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? 'Close practice' : 'Practise saying this'}
      </button>
      {open ? (
        <div id={panelId} className="practice-frame">
          <PronunciationPractice sentences={sentences} language={language} owner={owner} />
        </div>
      ) : null}
    </>
  );
}
