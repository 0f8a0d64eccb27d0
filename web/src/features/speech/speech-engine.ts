import type { SpeechCapabilities } from '../../../../contracts/speech.ts';
import { recognitionWorks } from './recognition.ts';
import { useSpeechCapabilities } from './server-capabilities.ts';
import { useVoiceSettings } from './synthesis.ts';

export type Transcriber = {
  /** Who listens: the browser's recogniser, the server, or nothing here (engine "browser" without one). */
  way: 'browser' | 'server' | 'none';
  /** The server's speech for the language, once known (asked only when the server is the way). */
  caps: SpeechCapabilities | null;
  /** The server is the way and can transcribe (set up, within budget). */
  serverReady: boolean;
};

/**
 * Who writes down what the learner says in `language`: with engine "auto" the browser's recogniser where
 * there is one that works here, else the server; or the one the learner chose in settings.
 */
export function useTranscriber(language: string): Transcriber {
  const { engine } = useVoiceSettings();
  const browser = recognitionWorks(language);
  let way: Transcriber['way'] = 'server';
  if (engine === 'browser') way = browser ? 'browser' : 'none';
  else if (engine === 'auto' && browser) way = 'browser';
  const caps = useSpeechCapabilities(language, way === 'server');
  return { way, caps, serverReady: way === 'server' && caps?.transcribe.available === true };
}
