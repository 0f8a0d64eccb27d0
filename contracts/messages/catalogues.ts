import type achievements from './achievements/en.ts';
import type admin from './admin/en.ts';
import type adminUsage from './admin-usage/en.ts';
import type auth from './auth/en.ts';
import type budget from './budget/en.ts';
import type celebrations from './celebrations/en.ts';
import type common from './common/en.ts';
import type conversationList from './conversation-list/en.ts';
import type conversations from './conversations/en.ts';
import type corrections from './corrections/en.ts';
import type errors from './errors/en.ts';
import type feedbackNotes from './feedback-notes/en.ts';
import type grammar from './grammar/en.ts';
import type onboarding from './onboarding/en.ts';
import type progress from './progress/en.ts';
import type progressHelp from './progress-help/en.ts';
import type progressStart from './progress-start/en.ts';
import type providerNotice from './provider-notice/en.ts';
import type providers from './providers/en.ts';
import type reading from './reading/en.ts';
import type replyFailures from './reply-failures/en.ts';
import type settings from './settings/en.ts';
import type speech from './speech/en.ts';
import type speechPractice from './speech-practice/en.ts';
import type speechSettings from './speech-settings/en.ts';
import type tenseGlosses from './tense-glosses/en.ts';
import type tutor from './tutor/en.ts';
import type tutorPage from './tutor-page/en.ts';
import type tutorSession from './tutor-session/en.ts';
import type usage from './usage/en.ts';
import type validation from './validation/en.ts';
import type vocabulary from './vocabulary/en.ts';

/**
 * The message catalogue, one namespace per folder: `contracts/messages/<namespace>/<language>.ts`.
 * English (`en.ts`) is the source and the type; every other language `satisfies Translation<typeof en>`.
 * A new namespace adds one line here and one folder with six files (see docs/architecture.md, "Interface
 * languages"). Namespaces are loaded one by one in the web app, so a page loads only what it shows.
 */
export type Catalogues = {
  achievements: typeof achievements;
  admin: typeof admin;
  'admin-usage': typeof adminUsage;
  auth: typeof auth;
  budget: typeof budget;
  celebrations: typeof celebrations;
  common: typeof common;
  'conversation-list': typeof conversationList;
  conversations: typeof conversations;
  corrections: typeof corrections;
  errors: typeof errors;
  'feedback-notes': typeof feedbackNotes;
  grammar: typeof grammar;
  onboarding: typeof onboarding;
  progress: typeof progress;
  'progress-help': typeof progressHelp;
  'progress-start': typeof progressStart;
  'provider-notice': typeof providerNotice;
  providers: typeof providers;
  reading: typeof reading;
  'reply-failures': typeof replyFailures;
  settings: typeof settings;
  speech: typeof speech;
  'speech-practice': typeof speechPractice;
  'speech-settings': typeof speechSettings;
  'tense-glosses': typeof tenseGlosses;
  usage: typeof usage;
  validation: typeof validation;
  tutor: typeof tutor;
  'tutor-page': typeof tutorPage;
  'tutor-session': typeof tutorSession;
  vocabulary: typeof vocabulary;
};

export type Namespace = keyof Catalogues;

/** A key inside one namespace. */
export type KeyIn<N extends Namespace> = keyof Catalogues[N] & string;

/** A full key, "namespace.key", as the server and non-React code use it. */
export type MessageKey = { [N in Namespace]: `${N}.${KeyIn<N>}` }[Namespace];

/** Values for a message's ICU placeholders ({name}, {count, plural, …}). */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** A message to render later, in the reader's language: stored and sent as a key with its values. */
export type MessageRef = { key: MessageKey; values?: MessageValues };
