/** The progress dashboard's "?" explanations and XP table: loaded only when one is opened. */
export default {
  'streak.counts':
    'A day counts when you send a message, review a card or answer a grammar question, in any language (days in {timeZone} time).',
  'streak.countsMember':
    'A day counts when they send a message, review a card or answer a grammar question, in any language (days in {timeZone} time).',
  'streak.freezes':
    'Every {every} days in a row earn a freeze (at most {max} held); a freeze covers a missed day so the streak goes on.',
  goal: 'Estimated from your activity in every language: messages, reviews and grammar answers at most 5 minutes apart make one session, counted from 1 minute before its first activity to its last.',
  goalMember:
    'Estimated from their activity in every language: messages, reviews and grammar answers at most 5 minutes apart make one session, counted from 1 minute before its first activity to its last.',
  turns: 'Messages sent to the tutor in {language}.',
  words: 'Learned: reviewed at least once. Mature: next review 21 days or more away.',
  scenarios: 'Completed means every goal of the role-play was reached.',
  level: 'Self-assessed: the level you set for {language}. Charla does not estimate levels.',
  levelMember: 'Self-assessed: the level they set for {language}. Charla does not estimate levels.',
  xp: 'Only your practice earns XP, in every language, with a cap per kind and day. Each level takes 100 XP more than the one before.',
  xpMember:
    'Only their practice earns XP, in every language, with a cap per kind and day. Each level takes 100 XP more than the one before.',
  achievements: 'Earned from your practice in every language. Achievements earn no XP of their own.',
  achievementsMember: 'Earned from their practice in every language. Achievements earn no XP of their own.',
  'table.label': 'XP by kind of practice',
  'table.practice': 'Practice',
  'table.today': 'Today',
  'table.allTime': 'All time',
  'kind.turns': 'Conversation turns',
  'kind.reviews': 'Card reviews',
  'kind.grammar': 'Grammar answers',
  'kind.goals': 'Role-play goals',
  'kind.role-plays': 'Role-plays completed',
  'kind.daily-goal': 'Daily goal reached',
  'rule.turns': '{xp} XP a turn of {min} characters or more, not sent before',
  'rule.reviews': '{recalled} XP a card recalled, {again} XP a card forgotten (Again)',
  'rule.grammar': '{xp} XP a correct answer',
  'rule.goals': '{xp} XP a goal met',
  'rule.role-plays': '{xp} XP a role-play with every goal met',
  'rule.daily-goal': '{xp} XP a day the daily goal is reached',
  'rule.cap': '{rule}; at most {cap} XP a day',
  mistakes:
    'Each correction in the tutor’s feedback counts once, in its category. Weeks start on Monday (UTC).',
} as const;
