/** The correction policies, worded for whoever chooses (a learner for themself, an admin for everyone). */
export default {
  off: 'Off',
  'off.description': 'No corrections: just conversation.',
  'on-request': 'On request',
  'on-request.description': 'Corrections only when asked for.',
  important: 'Important only',
  'important.description': 'At most 3 corrections per turn, the mistakes that matter most.',
  all: 'All',
  'all.description': 'Every mistake is corrected, however small.',
} as const;
