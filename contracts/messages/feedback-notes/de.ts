import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  unavailable: 'Für diese Nachricht sind keine Korrekturen verfügbar.',
  'unavailable.malformed':
    'Für diese Nachricht sind keine Korrekturen verfügbar: Die Analyse kam in einem ungültigen Format zurück.',
  'unavailable.budget':
    'Für diese Nachricht sind keine Korrekturen verfügbar: Das KI-Budget reicht gerade nicht für die Analyse.',
  'unavailable.noProvider':
    'Für diese Nachricht sind keine Korrekturen verfügbar: Für Korrekturen ist kein KI-Anbieter eingerichtet.',
  'unavailable.timeout':
    'Für diese Nachricht sind keine Korrekturen verfügbar: Die Analyse hat zu lange gedauert.',
  'unavailable.noAnswer':
    'Für diese Nachricht sind keine Korrekturen verfügbar: Der Analysedienst hat nicht geantwortet.',
  'notice.message':
    'Diese Nachricht sieht nach {detected} aus. Versuch, es auf {target} zu sagen; der Tutor hilft dir, wenn du nicht weiterkommst.',
  'notice.words':
    '{count, plural, one {{words} ist ein Wort auf {detected}} other {{words} sind Wörter auf {detected}}}, nicht auf {target}. Versuch, es auf {target} zu sagen; der Tutor hilft dir, wenn du nicht weiterkommst.',
  quoted: '„{word}“',
} satisfies Translation<typeof en>;
