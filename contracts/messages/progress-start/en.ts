/**
 * The progress dashboard's words for a first day (nothing practised yet) and for an admin reading a
 * member's dashboard: Home's usual first load needs neither, so they load only when shown.
 */
export default {
  'empty.title': 'Nothing to show yet',
  'empty.titleMember': '{name} has not practised yet',
  'empty.text':
    'Start a conversation or review cards: your streak, minutes, words and mistakes appear here as soon as you practise.',
  'empty.textMember': 'Their streak, minutes, words and mistakes appear here once they practise.',
  'empty.converse': 'Start a conversation',
  'empty.review': 'Review cards',
  'empty.grammar': 'Practise grammar',
  'streak.today': 'Practised today.',
  'streak.keep': 'Not practised today yet.',
  'streak.start': 'No streak at the moment.',
  'level.noneMember': 'No language to learn chosen yet.',
  'level.none': 'You have not chosen a language to learn yet.',
  'level.choose': 'Choose one in settings',
} as const;
