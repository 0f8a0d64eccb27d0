/**
 * Feedback under a learner's message on the conversation screen (shown with every conversation). The
 * scenario aside, the summary and the tutor dialog are `tutor-session`; the personas and scenarios page
 * and the new-conversation options are `tutor-page` (kept apart: this screen's first load is tight).
 */
export default {
  'feedback.unavailable': 'Corrections are unavailable for this message.',
  'feedback.none': 'No corrections.',
  'feedback.labelYours': 'Feedback on your message',
  'feedback.labelTheirs': 'Feedback on this message',
  'feedback.spelling': 'Spelling?',
  'feedback.heldBack':
    '{count, plural, one {# more correction held back} other {# more corrections held back}} by the corrections setting.',
  'feedback.checkMine': 'Check my message ({count})',
  'feedback.showMore': 'Show {count} more',
  'feedback.moreNatural': 'More natural:',
  'feedback.newWords': 'New words:',
  'feedback.why': 'Why?',
  'feedback.addToDeck': 'Add to deck',
  'feedback.inDeck': 'In your deck',
  'feedback.chipAdd': 'add to your deck',
  'feedback.chipInDeck': 'in your deck',
  'feedback.editorTitle': 'Add to your deck',
  'feedback.addCard': 'Add card',
  'feedback.added': 'Added “{term}” to your deck.',
  'feedback.alreadyThere': '“{term}” was already in your deck.',
  'category.verb-tense': 'Verb tense',
  'category.agreement': 'Agreement',
  'category.gender': 'Gender',
  'category.word-order': 'Word order',
  'category.preposition': 'Preposition',
  'category.spelling': 'Spelling',
  'category.vocabulary-choice': 'Word choice',
  'category.register': 'Register',
  'category.other': 'Other',
} as const;
