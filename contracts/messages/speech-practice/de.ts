import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'practice.label': 'Ausspracheübung',
  'practice.choose': 'Wähle, was du sagen willst',
  'practice.hearFirst': 'Zuerst anhören',
  'practice.tryAgain': 'Noch einmal',
  'practice.start': 'Sprechen beginnen',
  'practice.recording': 'Aufnahme … lies den Satz auf {language} laut vor und drück dann Stopp.',
  'practice.listening': 'Hört zu … lies den Satz auf {language} laut vor.',
  'practice.listeningHeard': 'Hört zu … lies den Satz auf {language} laut vor. Bisher gehört: „{heard}“',
  'practice.noWords': 'Dieser Satz hat keine Wörter zum Vergleichen.',
  'practice.score':
    '{percent} – {matched} von {count, plural, one {# Wort} other {# Wörtern}} wie geschrieben erkannt',
  'practice.scoreExtra':
    '{percent} – {matched} von {count, plural, one {# Wort} other {# Wörtern}} wie geschrieben erkannt, {extra, plural, one {# zusätzliches Wort} other {# zusätzliche Wörter}} gehört',
  'practice.heard': 'Gehört: {heard}',
  'practice.marks':
    '{count, plural, one {Ein Wort wurde} other {# Wörter wurden}} mit anderen Akzenten oder Zeichen gehört. Manche klingen gleich (él und el), andere nicht (año und ano): Hör hin und entscheide nach Gehör.',
  'practice.key': 'Legende',
  'practice.legend.word': 'Wort',
  'practice.legend.match': 'erkannt',
  'practice.legend.substituted': 'als anderes Wort gehört',
  'practice.legend.missed': 'nicht gehört',
  'practice.legend.extra': 'zusätzlich',
} satisfies Translation<typeof en>;
