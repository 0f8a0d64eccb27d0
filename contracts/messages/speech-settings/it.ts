import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Voce',
  rate: 'Velocità di lettura',
  rateHint: 'Quanto velocemente vengono lette ad alta voce risposte e schede. Più lento aiuta all’inizio.',
  rateValue: '{rate} della velocità normale',
  voices: 'Voci',
  voicesHint:
    'Le voci segnate «online» inviano il testo al produttore del browser per leggerlo; le altre funzionano offline.',
  'voice.label': 'Voce in {language}',
  'voice.unsupported': 'Questo browser non sa parlare, quindi non ha voci da scegliere.',
  'voice.loading': 'Ricerca delle voci di questo browser…',
  'voice.none': 'Questo browser non ha una voce in {language}.',
  'voice.missing': 'La voce scelta non è su questo dispositivo: qui parla la più simile.',
  'voice.automatic': 'Automatica',
  'voice.automaticNamed': 'Automatica ({voice})',
  'voice.notHere': '{voice} (non su questo dispositivo)',
  'voice.online': 'online',
  'voice.test': 'Prova la voce',
  stop: 'Ferma',
  autoSpeak: 'Leggi ad alta voce le risposte appena arrivano',
  autoSpeakHint: 'Frase per frase mentre il tutor scrive. Anche la modalità voce lo fa, e poi ti ascolta.',
  engine: 'Motore vocale',
  'engine.auto': 'Automatico',
  'engine.auto.description':
    'La voce di questo browser dove funziona (gratis); quella del server dove il browser non ha riconoscimento o voce per la lingua, o il suo riconoscimento non riesce.',
  'engine.browser': 'Solo questo browser',
  'engine.browser.description': 'Nulla di ciò che dici o ascolti passa dal server di Charla.',
  'engine.server': 'Il server',
  'engine.server.description':
    'Le stesse voci e lo stesso riconoscimento su ogni dispositivo. Il tuo audio viene inviato al server di Charla e al fornitore di IA configurato dal proprietario, e conta nel tuo budget.',
  serverVoices: 'Voci del server',
  'serverVoice.label': 'Voce del server in {language}',
  'serverVoice.default': 'Predefinita',
  'serverVoice.defaultNamed': 'Predefinita ({voice})',
  'serverVoice.gone': '{voice} (non più offerta)',
  'serverVoice.failed': 'Impossibile riprodurre la voce del server.',
  'serverVoice.server': 'server',
  storeAudio: 'Conserva le mie registrazioni',
  storeAudioHint:
    'Disattivato: ciò che dici tramite il server viene trascritto e dimenticato. Attivato: viene conservato perché tu possa riascoltarlo, elencato qui sotto, incluso nella tua esportazione ed eliminabile in qualsiasi momento.',
  'privacy.server':
    'Parlando, il tuo audio viene inviato al server di Charla, che lo passa al fornitore di IA configurato dal proprietario per trascriverlo.',
  'privacy.browser':
    'In questo browser, parlare usa il suo riconoscimento vocale. La maggior parte dei browser invia l’audio al proprio produttore per riconoscerlo (Chrome lo invia a Google); Charla non lo riceve mai, a meno che non subentri la voce del server.',
  'privacy.none':
    'Questo browser non ha il riconoscimento vocale: con il motore automatico subentra la voce del server, dove il proprietario l’ha configurata.',
  save: 'Salva le impostazioni vocali',
  saved: 'Le tue impostazioni vocali sono salvate.',
  'note.overBudget':
    'Il tuo budget vocale per ora è esaurito: la voce del server torna quando il budget si rinnova.',
  'note.adminSpeech': 'La voce del server non è configurata. {link} con un fornitore di IA che la offra.',
  'note.adminTranscription':
    'La trascrizione del server non è configurata. {link} con un fornitore di IA che la offra.',
  'note.adminVoices': 'Le voci del server non sono configurate. {link} con un fornitore di IA che le offra.',
  'note.setUp': 'Configura la voce',
  'note.learnerSpeech':
    'Il proprietario di questo Charla non ha configurato la voce del server: si usa quella di questo browser.',
  'note.learnerTranscription':
    'Il proprietario di questo Charla non ha configurato la trascrizione del server: si usa la voce di questo browser.',
  'note.learnerVoices':
    'Il proprietario di questo Charla non ha configurato le voci del server: si usa la voce di questo browser.',
  'recordings.title': 'Le tue registrazioni',
  'recordings.none':
    'Ancora nessuna: ciò che dici tramite la voce del server viene conservato qui da ora in poi.',
  'recordings.nothingHeard': '(non si è sentito nulla)',
  'recordings.delete': 'Elimina',
  'recordings.deleteLabel': 'la registrazione «{transcript}»',
  'recordings.deleteFailed': 'Impossibile eliminare questa registrazione. Riprova.',
  'recordings.deleted': 'Registrazione eliminata.',
} satisfies Translation<typeof en>;
