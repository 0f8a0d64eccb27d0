/**
 * The shell and shared components: navigation, page states, forms, client-side errors, language and
 * level names. Keys are camelCase, grouped by a dotted prefix (`nav.`, `states.`); see catalogues.ts.
 */
export default {
  'nav.home': 'Home',
  'nav.conversations': 'Conversations',
  'nav.vocabulary': 'Vocabulary',
  'nav.grammar': 'Grammar',
  'nav.reading': 'Reading',
  'nav.tutor': 'Personas & scenarios',
  'nav.usage': 'Usage',
  'nav.settings': 'Profile & settings',
  'nav.members': 'Members',
  'nav.adminUsage': 'Usage and budgets',
  'nav.providers': 'AI providers',
  'nav.serverSettings': 'Server settings',
  'nav.learn': 'Learn',
  'nav.account': 'Account',
  'nav.admin': 'Administration',

  'shell.skipToContent': 'Skip to content',
  'shell.signedInAs': 'Signed in as {name}',
  'shell.signOut': 'Sign out',
  'shell.menu': 'Menu',
  'shell.mainNav': 'Main',

  'states.loading': 'Loading…',
  'states.documentTitle': '{page} · Charla',
  'states.notFound': 'Page not found',
  'states.notFoundLead': 'There is no page at this address. It may have moved, or the link may be mistyped.',
  'states.notAllowed': 'Not allowed',
  'states.notAllowedLead':
    'This page is only for admins of this server. Ask an admin if you think you need it.',
  'states.goHome': 'Go to the home page',
  'states.serverUnreachable': 'Charla can’t reach its server',
  'states.serverSilent': 'The server did not answer.',

  'actions.tryAgain': 'Try again',
  'actions.cancel': 'Cancel',
  'actions.close': 'Close',
  'actions.save': 'Save',

  'form.optional': '(optional)',
  'form.correctFields': 'Please correct the fields marked below.',

  'errors.generic': 'Something went wrong. Please try again.',
  'errors.network': 'Could not reach the server. Check your connection and try again.',
  'errors.unexpectedStatus':
    'The server answered with an unexpected error (HTTP {status}). Please try again.',
  'errors.unreadable': 'The server sent a response the app could not read.',
  'errors.streamLost':
    'The connection was lost before the reply finished. What was saved is shown after a reload.',
  'errors.loadFailed': 'Could not load this.',

  'language.notSet': 'Not set',
  'language.interface': 'Interface language',
  'language.interfaceHint': 'The language of Charla’s menus, buttons and messages.',

  'level.A1': 'Beginner: simple phrases',
  'level.A2': 'Elementary: everyday situations',
  'level.B1': 'Intermediate: familiar topics with ease',
  'level.B2': 'Upper intermediate: fluent on most topics',
  'level.C1': 'Advanced: flexible and precise',
  'level.C2': 'Mastery',

  'budgetAlert.seeUsage': 'See the usage',
  'budgetAlert.dismiss': 'Dismiss',
  'home.title': 'Home',
  'home.leadChild': 'Ready to practise? Here is how you are doing.',
  'home.lead': 'Here is how your practice is going.',
  'home.loadFailed': 'Could not load your progress: {message}',
  'home.loading': 'Loading your progress…',
  'content.inEnglish': 'The built-in grammar topics are in English for now.',
} as const;
