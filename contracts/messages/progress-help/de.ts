import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'streak.counts':
    'Ein Tag zählt, wenn du eine Nachricht sendest, eine Karte wiederholst oder eine Grammatikfrage beantwortest, in jeder Sprache (Tage nach der Zeit von {timeZone}).',
  'streak.countsMember':
    'Ein Tag zählt, wenn eine Nachricht gesendet, eine Karte wiederholt oder eine Grammatikfrage beantwortet wird, in jeder Sprache (Tage nach der Zeit von {timeZone}).',
  'streak.freezes':
    'Alle {every} Tage in Folge gibt es einen Schutztag (höchstens {max} vorrätig); er deckt einen verpassten Tag ab, damit die Serie weitergeht.',
  goal: 'Geschätzt aus deiner Aktivität in allen Sprachen: Nachrichten, Wiederholungen und Grammatikantworten mit höchstens 5 Minuten Abstand bilden eine Sitzung, gezählt ab 1 Minute vor der ersten bis zur letzten Aktivität.',
  goalMember:
    'Geschätzt aus der Aktivität in allen Sprachen: Nachrichten, Wiederholungen und Grammatikantworten mit höchstens 5 Minuten Abstand bilden eine Sitzung, gezählt ab 1 Minute vor der ersten bis zur letzten Aktivität.',
  turns: 'Nachrichten an den Tutor ({language}).',
  words: 'Gelernt: mindestens einmal wiederholt. Gefestigt: nächste Wiederholung in 21 Tagen oder später.',
  scenarios: 'Abgeschlossen heißt: Jedes Ziel des Rollenspiels wurde erreicht.',
  level:
    'Selbst eingeschätzt: das Niveau, das du für {language} angegeben hast. Charla schätzt keine Niveaus.',
  levelMember: 'Selbst eingeschätzt: das angegebene Niveau für {language}. Charla schätzt keine Niveaus.',
  xp: 'Nur dein Üben bringt XP, in allen Sprachen, mit einer Obergrenze pro Art und Tag. Jede Stufe braucht 100 XP mehr als die vorige.',
  xpMember:
    'Nur eigenes Üben bringt XP, in allen Sprachen, mit einer Obergrenze pro Art und Tag. Jede Stufe braucht 100 XP mehr als die vorige.',
  achievements: 'Erreicht durch dein Üben in allen Sprachen. Erfolge selbst bringen keine XP.',
  achievementsMember: 'Erreicht durch Üben in allen Sprachen. Erfolge selbst bringen keine XP.',
  'table.label': 'XP nach Art des Übens',
  'table.practice': 'Übung',
  'table.today': 'Heute',
  'table.allTime': 'Insgesamt',
  'kind.turns': 'Gesprächsbeiträge',
  'kind.reviews': 'Kartenwiederholungen',
  'kind.grammar': 'Grammatikantworten',
  'kind.goals': 'Rollenspielziele',
  'kind.role-plays': 'Abgeschlossene Rollenspiele',
  'kind.daily-goal': 'Tagesziel erreicht',
  'rule.turns': '{xp} XP pro neuem Beitrag mit mindestens {min} Zeichen',
  'rule.reviews': '{recalled} XP pro gewusster Karte, {again} XP pro vergessener Karte (Nochmal)',
  'rule.grammar': '{xp} XP pro richtiger Antwort',
  'rule.goals': '{xp} XP pro erreichtem Ziel',
  'rule.role-plays': '{xp} XP pro Rollenspiel mit allen Zielen erreicht',
  'rule.daily-goal': '{xp} XP pro Tag mit erreichtem Tagesziel',
  'rule.cap': '{rule}; höchstens {cap} XP pro Tag',
  mistakes: 'Jede Korrektur des Tutors zählt einmal, in ihrer Kategorie. Wochen beginnen am Montag (UTC).',
} satisfies Translation<typeof en>;
