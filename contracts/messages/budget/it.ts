import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'refusal.usedUp':
    '{scope, select, member {Il tuo budget IA {period, select, month {mensile} other {giornaliero}}} other {Il budget IA {period, select, month {mensile} other {giornaliero}} del server}} di {cap} è esaurito ({spent} spesi{held, select, none {} other {, {held} riservati a richieste in corso}}). Si rinnova il {resetsAt} ({timeZone}). {scope, select, member {Un amministratore può aumentarlo.} other {È condiviso da tutti su questo server; un amministratore può aumentarlo.}}',
  'refusal.tooLittle':
    '{scope, select, member {Al tuo budget IA {period, select, month {mensile} other {giornaliero}}} other {Al budget IA {period, select, month {mensile} other {giornaliero}} del server}} di {cap} restano {left} ({spent} spesi{held, select, none {} other {, {held} riservati a richieste in corso}}), meno di quanto può costare questa richiesta (fino a {required}). Si rinnova il {resetsAt} ({timeZone}). {scope, select, member {Un amministratore può aumentarlo.} other {È condiviso da tutti su questo server; un amministratore può aumentarlo.}}',
  'refusal.child':
    '{scope, select, member {Il tuo tempo con il tutor {period, select, month {per questo mese} other {per oggi}}} other {Il tempo del tutor per tutti {period, select, month {questo mese} other {oggi}}}} {state, select, usedUp {è esaurito} other {è quasi esaurito: non ne resta abbastanza per questo}}. Si ricarica il {resetsAt}. Fino ad allora puoi continuare a esercitarti con parole e grammatica.',
  'refusal.earlier': 'Il budget IA non bastava per questa risposta quando è stata richiesta.',
  'alert.usedUp':
    '{scope, select, member {Il tuo budget IA mensile} other {Il budget IA mensile del server}} di {cap} è esaurito. {mode, select, downgrade {Il tutor passa a un modello più economico finché non si rinnova o un amministratore non lo aumenta.} other {Il tutor si ferma finché non si rinnova o un amministratore non lo aumenta.}}',
  'alert.usedUpShort':
    '{scope, select, member {Il tuo budget IA mensile} other {Il budget IA mensile del server}} di {cap} è esaurito ({spent} spesi; quello che resta non copre un’altra richiesta{mode, select, downgrade { con il modello abituale} other {}}). {mode, select, downgrade {Il tutor passa a un modello più economico finché non si rinnova o un amministratore non lo aumenta.} other {Il tutor si ferma finché non si rinnova o un amministratore non lo aumenta.}}',
  'alert.threshold':
    '{scope, select, member {Il tuo budget IA mensile} other {Il budget IA mensile del server}} è usato al {threshold}% ({spent} su {cap}).',
  'alert.child.threshold': 'Hai usato il {threshold}% del tuo tempo con il tutor per questo mese.',
  'alert.child.usedUp':
    'Il tuo tempo con il tutor per questo mese è esaurito. {mode, select, downgrade {Puoi continuare a parlare con il tutor finché non si ricarica il mese prossimo.} other {Si ricarica il mese prossimo. Fino ad allora puoi continuare a esercitarti con parole e grammatica.}}',
} satisfies Translation<typeof en>;
