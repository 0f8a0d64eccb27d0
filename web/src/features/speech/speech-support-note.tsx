import { languageName } from '../../lib/languages.ts';
import { recognitionAvailable } from './recognition.ts';
import { useTranscriber } from './speech-engine.ts';
import { useSpeaker } from './synthesis.ts';

/**
 * One line saying which speech features cannot be offered here for `language`, and why — said once per
 * screen instead of a disabled button under every message. Renders nothing when all is there. Where the
 * server's speech stands in for the browser's, nothing is missing.
 */
export function SpeechSupportNote({ language }: { language: string }) {
  const speaker = useSpeaker(language);
  const transcriber = useTranscriber(language);
  const name = languageName(language);
  const notes: string[] = [];
  const viaServer = speaker.server ? ' and speech through the server is not available' : '';
  if (speaker.status === 'unsupported')
    notes.push(`This browser cannot read text aloud${viaServer}, so nothing offers Listen.`);
  if (speaker.status === 'no-voice') {
    notes.push(
      speaker.server
        ? `This browser has no ${name} voice${viaServer}, so nothing offers Listen.`
        : `This browser has no ${name} voice, so nothing offers Listen. Your system's speech settings may have one to install.`,
    );
  }
  const serverMissing = transcriber.caps !== null && !transcriber.serverReady;
  if (transcriber.way === 'none' || serverMissing) {
    notes.push(
      recognitionAvailable()
        ? 'Speech through the server is not available, so speaking and pronunciation practice are not available here.'
        : `This browser has no speech recognition${serverMissing ? ' and speech through the server is not available' : ''}, so speaking and pronunciation practice are not available here.`,
    );
  }
  if (notes.length === 0) return null;
  return <p className="speech-note">{notes.join(' ')}</p>;
}
