import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'refusal.usedUp':
    '{scope, select, member {Dein {period, select, month {monatliches} other {tägliches}} KI-Budget} other {Das {period, select, month {monatliche} other {tägliche}} KI-Budget des Servers}} von {cap} ist aufgebraucht ({spent} ausgegeben{held, select, none {} other {, {held} reserviert für laufende Anfragen}}). Es wird am {resetsAt} ({timeZone}) zurückgesetzt. {scope, select, member {Ein Admin kann es erhöhen.} other {Alle auf diesem Server teilen es sich; ein Admin kann es erhöhen.}}',
  'refusal.tooLittle':
    '{scope, select, member {Von deinem {period, select, month {monatlichen} other {täglichen}} KI-Budget} other {Vom {period, select, month {monatlichen} other {täglichen}} KI-Budget des Servers}} von {cap} sind noch {left} übrig ({spent} ausgegeben{held, select, none {} other {, {held} reserviert für laufende Anfragen}}), weniger als diese Anfrage kosten kann (bis zu {required}). Es wird am {resetsAt} ({timeZone}) zurückgesetzt. {scope, select, member {Ein Admin kann es erhöhen.} other {Alle auf diesem Server teilen es sich; ein Admin kann es erhöhen.}}',
  'refusal.child':
    '{scope, select, member {Deine Tutor-Zeit {period, select, month {für diesen Monat} other {für heute}}} other {Die Tutor-Zeit für alle {period, select, month {in diesem Monat} other {heute}}}} {state, select, usedUp {ist aufgebraucht} other {ist fast aufgebraucht: Es ist nicht mehr genug dafür übrig}}. Sie füllt sich am {resetsAt} wieder auf. Bis dahin kannst du weiter Wörter und Grammatik üben.',
  'refusal.earlier': 'Das KI-Budget hat für diese Antwort nicht gereicht, als sie angefragt wurde.',
  'alert.usedUp':
    '{scope, select, member {Dein monatliches KI-Budget} other {Das monatliche KI-Budget des Servers}} von {cap} ist aufgebraucht. {mode, select, downgrade {Der Tutor wechselt zu einem günstigeren Modell, bis es zurückgesetzt wird oder ein Admin es erhöht.} other {Der Tutor pausiert, bis es zurückgesetzt wird oder ein Admin es erhöht.}}',
  'alert.usedUpShort':
    '{scope, select, member {Dein monatliches KI-Budget} other {Das monatliche KI-Budget des Servers}} von {cap} ist aufgebraucht ({spent} ausgegeben; der Rest reicht für keine weitere Anfrage{mode, select, downgrade { mit dem üblichen Modell} other {}}). {mode, select, downgrade {Der Tutor wechselt zu einem günstigeren Modell, bis es zurückgesetzt wird oder ein Admin es erhöht.} other {Der Tutor pausiert, bis es zurückgesetzt wird oder ein Admin es erhöht.}}',
  'alert.threshold':
    '{scope, select, member {Dein monatliches KI-Budget} other {Das monatliche KI-Budget des Servers}} ist zu {threshold} % verbraucht ({spent} von {cap}).',
  'alert.child.threshold': 'Du hast {threshold} % deiner Tutor-Zeit für diesen Monat verbraucht.',
  'alert.child.usedUp':
    'Deine Tutor-Zeit für diesen Monat ist aufgebraucht. {mode, select, downgrade {Du kannst weiter mit dem Tutor sprechen, bis sie sich nächsten Monat wieder auffüllt.} other {Nächsten Monat füllt sie sich wieder auf. Bis dahin kannst du weiter Wörter und Grammatik üben.}}',
} satisfies Translation<typeof en>;
