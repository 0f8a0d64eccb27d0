import { useCallback, useEffect, useRef, useState } from 'react';
import { translate } from '../../i18n/i18n.ts';

/**
 * The browser's speech recognition (`SpeechRecognition`, `webkitSpeechRecognition` in Chrome and
 * Safari). TypeScript's DOM library has no types for it, so the part used here is declared below.
 * Chrome sends the audio to its vendor's servers to recognise it; Charla itself never sees or keeps it.
 */

type RecognitionAlternative = { transcript: string };
type RecognitionResult = {
  readonly length: number;
  isFinal: boolean;
  [index: number]: RecognitionAlternative;
};
export type RecognitionResultEvent = {
  results: { readonly length: number; [index: number]: RecognitionResult };
};
export type RecognitionErrorEvent = { error: string };

export interface BrowserRecognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  maxAlternatives: number;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onerror: ((event: RecognitionErrorEvent) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}

type RecognitionConstructor = new () => BrowserRecognition;

function recognitionConstructor(): RecognitionConstructor | null {
  if (typeof window === 'undefined') return null;
  const scope = window as unknown as {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition ?? null;
}

export function recognitionAvailable(): boolean {
  return recognitionConstructor() !== null;
}

/**
 * Languages whose recognition failed here for good this visit ('*' for all): Debian's Chromium has the
 * API but no vendor keys, so every take fails with `network`; a browser may lack a language. Where the
 * learner lets Charla choose, the server listens instead from then on.
 */
const failedHere = new Set<string>();

/** A new page (a test's fresh browser) starts trusting the recogniser again. */
export function forgetRecognitionFailures() {
  failedHere.clear();
}

export function recognitionWorks(language: string): boolean {
  return recognitionAvailable() && !failedHere.has('*') && !failedHere.has(language);
}

export type RecognitionProblem =
  | 'not-allowed'
  | 'no-speech'
  | 'no-microphone'
  | 'network'
  | 'language'
  | 'failed';

/** What each problem means for the learner, and what to do about it. */
/** Why listening failed, in the interface language (the caller renders with `useT('speech')`). */
export function recognitionProblemMessage(problem: RecognitionProblem, languageName: string): string {
  return translate(`speech.problem.${problem}`, { language: languageName });
}

export function recognitionUnsupportedMessage(): string {
  return translate('speech.unsupported');
}

function problemOf(error: string): RecognitionProblem | null {
  switch (error) {
    case 'aborted':
      return null;
    case 'not-allowed':
    case 'service-not-allowed':
      return 'not-allowed';
    case 'no-speech':
      return 'no-speech';
    case 'audio-capture':
      return 'no-microphone';
    case 'network':
      return 'network';
    case 'language-not-supported':
      return 'language';
    default:
      return 'failed';
  }
}

export type RecognitionState = {
  listening: boolean;
  /** Everything heard so far in this take, final and tentative, for the learner to watch. */
  heard: string;
  problem: RecognitionProblem | null;
};

/** The one take listening now, app-wide: a browser records one at a time, so a new one ends the last. */
let active: { recognition: BrowserRecognition; cancel: () => void } | null = null;

const idle: RecognitionState = { listening: false, heard: '', problem: null };

/**
 * One take at a time of speech in `language`: `start(onFinal)` listens until the learner stops talking
 * (or calls `stop`), then hands over what was recognised; nothing heard is the `no-speech` problem.
 * `cancel` discards the take. Leaving the component cancels it.
 */
export function useRecognition(language: string) {
  const [state, setState] = useState<RecognitionState>(idle);
  const current = useRef<BrowserRecognition | null>(null);
  const mounted = useRef(true);

  const cancel = useCallback(() => {
    const recognition = current.current;
    current.current = null;
    if (recognition) {
      recognition.onresult = null;
      recognition.onerror = null;
      recognition.onend = null;
      recognition.abort();
      if (active?.recognition === recognition) active = null;
    }
    if (mounted.current)
      setState((previous) => (previous.listening ? { ...previous, listening: false } : previous));
  }, []);

  const start = useCallback(
    (onFinal: (text: string) => void) => {
      const Recognition = recognitionConstructor();
      if (!Recognition) return;
      cancel();
      active?.cancel();
      const recognition = new Recognition();
      recognition.lang = language;
      recognition.continuous = false;
      recognition.interimResults = true;
      recognition.maxAlternatives = 1;
      let final = '';
      let latest = '';
      let problem: RecognitionProblem | null = null;
      recognition.onresult = (event) => {
        let confirmed = '';
        let tentative = '';
        for (let index = 0; index < event.results.length; index++) {
          const result = event.results[index];
          const text = result?.[0]?.transcript ?? '';
          if (result?.isFinal) confirmed += text;
          else tentative += text;
        }
        final = confirmed;
        latest = `${confirmed}${tentative}`;
        setState({ listening: true, heard: latest.trim(), problem: null });
      };
      recognition.onerror = (event) => {
        problem = problemOf(event.error);
        if (problem === 'network') failedHere.add('*');
        if (problem === 'language') failedHere.add(language);
      };
      recognition.onend = () => {
        if (current.current !== recognition) return;
        current.current = null;
        if (active?.recognition === recognition) active = null;
        // Some browsers end a take stopped early without promoting the tentative words: keep those then.
        const text = (final || latest).replace(/\s+/g, ' ').trim();
        if (!text && problem === null) problem = 'no-speech';
        if (mounted.current) setState({ listening: false, heard: text, problem: text ? null : problem });
        if (text) onFinal(text);
      };
      current.current = recognition;
      active = { recognition, cancel };
      setState({ listening: true, heard: '', problem: null });
      try {
        recognition.start();
      } catch {
        // Already started elsewhere or refused outright (an InvalidStateError): report it, do not hang.
        current.current = null;
        active = null;
        setState({ listening: false, heard: '', problem: 'failed' });
      }
    },
    [language, cancel],
  );

  /** Stops listening and keeps what was heard so far (the final result arrives before `onend`). */
  const stop = useCallback(() => {
    current.current?.stop();
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      cancel();
    };
  }, [cancel]);

  const clear = useCallback(() => setState(idle), []);

  return { supported: recognitionAvailable(), state, start, stop, cancel, clear };
}
