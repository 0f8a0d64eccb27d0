import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  off: 'Aus',
  'off.description': 'Keine Korrekturen: nur Unterhaltung.',
  'on-request': 'Auf Wunsch',
  'on-request.description': 'Korrekturen nur, wenn du danach fragst.',
  important: 'Nur Wichtiges',
  'important.description': 'Höchstens 3 Korrekturen pro Runde: die Fehler, die am meisten zählen.',
  all: 'Alle',
  'all.description': 'Jeder Fehler wird korrigiert, auch der kleinste.',
} satisfies Translation<typeof en>;
