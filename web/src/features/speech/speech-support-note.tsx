import { languageName } from '../../lib/languages.ts';
import { recognitionAvailable } from './recognition.ts';
import { useSpeechVoice } from './synthesis.ts';

/**
 * One line saying which speech features this browser cannot offer for `language`, and why — said once
 * per screen instead of a disabled button under every message. Renders nothing when all is there.
 */
export function SpeechSupportNote({ language }: { language: string }) {
  const voice = useSpeechVoice(language);
  const name = languageName(language);
  const notes: string[] = [];
  if (voice.status === 'unsupported')
    notes.push('This browser cannot read text aloud, so nothing offers Listen.');
  if (voice.status === 'no-voice') {
    notes.push(
      `This browser has no ${name} voice, so nothing offers Listen. Your system's speech settings may have one to install.`,
    );
  }
  if (!recognitionAvailable()) {
    notes.push(
      'This browser has no speech recognition, so speaking and pronunciation practice are not available here.',
    );
  }
  if (notes.length === 0) return null;
  return <p className="speech-note">{notes.join(' ')}</p>;
}
