/**
 * The conversation screen: the chat and the message box. The list of conversations and its dialogs are
 * `conversation-list`, and why a reply failed is `reply-failures` (kept apart: this screen's first load
 * is tight).
 */
export default {
  'screen.loading': 'Loading the conversation…',
  'screen.loadFailed': 'Could not load this conversation.',
  'screen.back': 'All conversations',
  'screen.tutor': 'Tutor',
  'screen.rename': 'Rename',
  'screen.delete': 'Delete',
  'screen.emptyHint':
    'Say hello in {language} to start. Write as well as you can: the tutor keeps it at {level}.',
  'screen.announce.sent': 'Message sent. The tutor is replying.',
  'screen.announce.stopped': 'Stopped. The reply so far is kept.',
  'screen.announce.tutorSaved': 'Tutor settings saved: they apply from the next reply.',
  'screen.announce.renamed': 'Renamed to “{title}”.',
  'composer.label': 'Your message in {language}',
  'composer.placeholder': 'Write in {language}…',
  'composer.stop': 'Stop',
  'composer.send': 'Send',
  'composer.hint': 'Enter to send, Shift+Enter for a new line, {key} to come back here.',
  'composer.over': '{count, plural, one {# character} other {# characters}} over the {limit} limit',
  'composer.left': '{count, plural, one {# character} other {# characters}} left',
  'messages.label': 'Messages',
  'messages.you': 'You:',
  'messages.tutor': 'Tutor:',
  'messages.writing': 'The tutor is writing',
  'messages.noReply': 'No reply.',
  'messages.retry': 'Retry',
  'messages.jumpToLatest': 'Jump to latest',
  'messages.loadOlder': 'Load older messages',
  'messages.loadingOlder': 'Loading older messages…',
  'messages.olderFailed': 'Could not load older messages.',
  'badge.writing': 'Writing…',
  'badge.stopped': 'Stopped',
  'badge.incomplete': 'Incomplete',
  'badge.failed': 'Failed',
} as const;
