import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'streak.counts':
    'Un giorno conta quando invii un messaggio, ripassi una scheda o rispondi a una domanda di grammatica, in qualsiasi lingua (giorni secondo l’ora di {timeZone}).',
  'streak.countsMember':
    'Un giorno conta quando invia un messaggio, ripassa una scheda o risponde a una domanda di grammatica, in qualsiasi lingua (giorni secondo l’ora di {timeZone}).',
  'streak.freezes':
    'Ogni {every} giorni di fila si guadagna una protezione (al massimo {max} alla volta); una protezione copre un giorno saltato e la serie continua.',
  goal: 'Stimato dalla tua attività in tutte le lingue: messaggi, ripassi e risposte di grammatica a non più di 5 minuti l’uno dall’altro formano una sessione, contata da 1 minuto prima della prima attività fino all’ultima.',
  goalMember:
    'Stimato dalla sua attività in tutte le lingue: messaggi, ripassi e risposte di grammatica a non più di 5 minuti l’uno dall’altro formano una sessione, contata da 1 minuto prima della prima attività fino all’ultima.',
  turns: 'Messaggi inviati al tutor in {language}.',
  words: 'Imparate: ripassate almeno una volta. Consolidate: prossimo ripasso fra 21 giorni o più.',
  scenarios: 'Completato significa che tutti gli obiettivi del gioco di ruolo sono stati raggiunti.',
  level: 'Autovalutato: il livello che hai indicato per {language}. Charla non stima i livelli.',
  levelMember: 'Autovalutato: il livello indicato per {language}. Charla non stima i livelli.',
  xp: 'Solo la tua pratica fa guadagnare XP, in tutte le lingue, con un limite per tipo e giorno. Ogni livello richiede 100 XP in più del precedente.',
  xpMember:
    'Solo la sua pratica fa guadagnare XP, in tutte le lingue, con un limite per tipo e giorno. Ogni livello richiede 100 XP in più del precedente.',
  achievements: 'Ottenuti con la tua pratica in tutte le lingue. I traguardi non danno XP di per sé.',
  achievementsMember: 'Ottenuti con la sua pratica in tutte le lingue. I traguardi non danno XP di per sé.',
  'table.label': 'XP per tipo di pratica',
  'table.practice': 'Pratica',
  'table.today': 'Oggi',
  'table.allTime': 'In totale',
  'kind.turns': 'Turni di conversazione',
  'kind.reviews': 'Ripassi di schede',
  'kind.grammar': 'Risposte di grammatica',
  'kind.goals': 'Obiettivi dei giochi di ruolo',
  'kind.role-plays': 'Giochi di ruolo completati',
  'kind.daily-goal': 'Obiettivo giornaliero raggiunto',
  'rule.turns': '{xp} XP per turno di almeno {min} caratteri, mai inviato prima',
  'rule.reviews': '{recalled} XP per scheda ricordata, {again} XP per scheda dimenticata (Di nuovo)',
  'rule.grammar': '{xp} XP per risposta corretta',
  'rule.goals': '{xp} XP per obiettivo raggiunto',
  'rule.role-plays': '{xp} XP per gioco di ruolo con tutti gli obiettivi raggiunti',
  'rule.daily-goal': '{xp} XP per giorno con l’obiettivo giornaliero raggiunto',
  'rule.cap': '{rule}; al massimo {cap} XP al giorno',
  mistakes:
    'Ogni correzione del tutor conta una volta, nella sua categoria. Le settimane iniziano il lunedì (UTC).',
} satisfies Translation<typeof en>;
