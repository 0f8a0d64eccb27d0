/** The card that celebrates a level, an achievement, a streak milestone or the daily goal. */
export default {
  'level.title': 'Level {level}!',
  'level.detail': 'You reached level {level}. Keep it up.',
  'level.spoken': 'You reached level {level}.',
  'achievement.detail': 'You earned a new achievement.',
  'achievement.spoken': 'New achievement: {title}.',
  'streak.title': '{days, plural, one {# day in a row!} other {# days in a row!}}',
  'streak.detail': 'Your streak is growing. See you tomorrow.',
  'streak.spoken': '{days, plural, one {# day in a row.} other {# days in a row.}}',
  'goal.title': 'Daily goal reached!',
  'goal.detail':
    '{minutes, plural, one {# minute of practice today.} other {# minutes of practice today.}} Well done.',
  'goal.spoken': 'Daily goal reached.',
  several: 'Well done!',
  dismiss: 'Dismiss',
} as const;
