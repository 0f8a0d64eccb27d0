import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  listen: 'Ascolta',
  stop: 'Ferma',
  'listen.notAllowed': 'Il browser non ha ancora permesso alla pagina di parlare. Premi di nuovo Ascolta.',
  'listen.failed': 'Il browser non è riuscito a leggere questo testo.',
  'note.cannotSpeak':
    'Questo browser non sa leggere il testo ad alta voce, quindi Ascolta non è disponibile.',
  'note.cannotSpeakNoServer':
    'Questo browser non sa leggere il testo ad alta voce e la voce tramite il server non è disponibile, quindi Ascolta non è disponibile.',
  'note.noVoice':
    'Questo browser non ha una voce in {language}, quindi Ascolta non è disponibile. Le impostazioni vocali del tuo sistema potrebbero averne una da installare.',
  'note.noVoiceNoServer':
    'Questo browser non ha una voce in {language} e la voce tramite il server non è disponibile, quindi Ascolta non è disponibile.',
  'note.noServerRecognition':
    'La voce tramite il server non è disponibile, quindi qui non si può parlare né esercitare la pronuncia.',
  'note.noRecognition':
    'Questo browser non ha il riconoscimento vocale, quindi qui non si può parlare né esercitare la pronuncia.',
  'note.noRecognitionNoServer':
    'Questo browser non ha il riconoscimento vocale e la voce tramite il server non è disponibile, quindi qui non si può parlare né esercitare la pronuncia.',
  'practice.open': 'Esercitati a dirlo',
  'practice.close': 'Chiudi l’esercizio',
  'practice.opening': 'Apertura dell’esercizio…',
  speed: 'Velocità',
  'speed.failed': 'Impossibile salvare la velocità.',
  voiceMode: 'Modalità voce',
  speak: 'Parla',
  stopListening: 'Smetti di ascoltare',
  setUp: 'Configura la voce',
  'status.opening': 'Apertura del microfono…',
  'status.waiting': 'In ascolto… parla in {language} quando sei pronto.',
  'status.recordingHandsFree': 'Registrazione… viene inviata quando smetti di parlare.',
  'status.recording': 'Registrazione… premi Ferma quando hai finito.',
  'status.transcribing': 'Trascrizione di ciò che hai detto…',
  'status.heard': 'In ascolto… «{heard}»',
  'status.listening': 'In ascolto… parla in {language} adesso.',
  'status.speaking': 'Il tutor sta parlando.',
  'status.replying': 'Il tutor sta rispondendo…',
  'status.tryAgain': '{problem} Premi Parla per riprovare.',
  'status.unfinished': 'La risposta non è terminata. Riprovala oppure premi Parla per continuare.',
  'status.paused': 'In pausa. Premi Parla per parlare.',
  'problem.not-allowed':
    'L’accesso al microfono è bloccato. Consentilo per questo sito nel browser, poi riprova.',
  'problem.no-speech': 'Non si è sentito nulla. Riprova, un po’ più vicino al microfono.',
  'problem.no-microphone': 'Nessun microfono trovato. Collegane uno oppure scrivi.',
  'problem.network':
    'Il riconoscimento vocale di questo browser deve collegarsi al suo fornitore e non ci è riuscito. Scrivi oppure riprova.',
  'problem.language': 'Questo browser non riconosce il parlato in {language}. Scrivi invece.',
  'problem.failed': 'Il riconoscimento vocale si è interrotto in modo imprevisto. Riprova.',
  unsupported: 'Il tuo browser non ha il riconoscimento vocale; scrivi invece.',
  'mic.not-allowed':
    'Charla non può usare il microfono. Consentilo per questo sito nel browser (l’icona accanto all’indirizzo), poi riprova.',
  'mic.no-microphone': 'Nessun microfono trovato. Collegane uno oppure scrivi.',
  'mic.unsupported':
    'Questo browser non può registrare audio. Scrivi oppure usa un Chrome, Edge, Firefox o Safari recente.',
  'mic.failed':
    'Impossibile aprire il microfono. Controlla che nessun’altra app lo stia usando, poi riprova.',
  'server.noSpeech': 'Non si è sentito nulla. Riprova, un po’ più vicino al microfono.',
  'server.tooLongSent':
    'La registrazione si è fermata al limite di due minuti; ciò che hai detto finora è stato inviato.',
  'server.failed': 'Qualcosa non ha funzionato con l’audio. Riprova.',
  'server.tooLong':
    'Quella registrazione era troppo lunga: resta sotto i due minuti, oppure dividila in parti.',
  'server.unreadable': 'Il server non è riuscito a leggere quella registrazione. Riprova oppure scrivi.',
  'server.network': 'Impossibile raggiungere il server per ascoltarla. Controlla la connessione e riprova.',
  'server.notSetUpAdmin':
    'La voce tramite il server non è configurata: aggiungi un fornitore vocale e le sue catene.',
  'server.notSetUp':
    'Il proprietario di questo Charla non ha ancora configurato la voce tramite il server. Scrivi invece.',
  'server.overBudget': 'La tua quota vocale per ora è esaurita: è stato raggiunto il limite del budget.',
} satisfies Translation<typeof en>;
