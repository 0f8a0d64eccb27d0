import { useT } from '../../i18n/i18n.ts';
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
  const t = useT('speech');
  const speaker = useSpeaker(language);
  const transcriber = useTranscriber(language);
  const name = languageName(language);
  const notes: string[] = [];
  if (speaker.status === 'unsupported')
    notes.push(speaker.server ? t('note.cannotSpeakNoServer') : t('note.cannotSpeak'));
  if (speaker.status === 'no-voice') {
    notes.push(
      speaker.server ? t('note.noVoiceNoServer', { language: name }) : t('note.noVoice', { language: name }),
    );
  }
  const serverMissing = transcriber.caps !== null && !transcriber.serverReady;
  if (transcriber.way === 'none' || serverMissing) {
    notes.push(
      recognitionAvailable()
        ? t('note.noServerRecognition')
        : serverMissing
          ? t('note.noRecognitionNoServer')
          : t('note.noRecognition'),
    );
  }
  if (notes.length === 0) return null;
  return <p className="speech-note">{notes.join(' ')}</p>;
}
