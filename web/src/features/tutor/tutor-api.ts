import type { Conversation } from '../../../../contracts/conversations.ts';
import type { KeyIn } from '../../../../contracts/messages/catalogues.ts';
import type {
  ConversationSummary,
  Feedback,
  Persona,
  Scenario,
  ScenarioSummary,
  TutorModeInfo,
} from '../../../../contracts/tutor.ts';
import { translate } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';

/*
 * The Tutor feature's calls. Types only from the contract: its runtime values would pull zod into the
 * conversation screens' chunk.
 */

/** Scenario categories, in the order the pickers list them (names in the `tutor-page` catalogue). */
export const scenarioCategories = [
  'restaurant',
  'travel',
  'shopping',
  'health',
  'work',
  'social',
  'emergencies',
  'education',
  'daily-life',
  'hobbies',
] as const;

export function scenarioCategoryLabel(category: string): string {
  return (scenarioCategories as readonly string[]).includes(category)
    ? translate(`tutor-page.category.${category as (typeof scenarioCategories)[number]}`)
    : category;
}

const correctionCategories = [
  'verb-tense',
  'agreement',
  'gender',
  'word-order',
  'preposition',
  'spelling',
  'vocabulary-choice',
  'register',
  'other',
] as const;

/** A correction's category in the interface language; one this version does not know, as sent. */
export function correctionCategoryLabel(category: string): string {
  return (correctionCategories as readonly string[]).includes(category)
    ? translate(`tutor.category.${category as (typeof correctionCategories)[number]}`)
    : category;
}

const policyKeys: Record<string, KeyIn<'tutor-session'>> = {
  '': 'policy.default',
  important: 'policy.important',
  all: 'policy.all',
  'on-request': 'policy.on-request',
  off: 'policy.off',
};

/**
 * A conversation's corrections setting as its selects offer it; '' is the default that applies. The
 * caller renders with `useT('tutor-session')`, so these words are loaded.
 */
export function conversationPolicyOptions(): { value: string; label: string }[] {
  return Object.entries(policyKeys).map(([value, key]) => ({
    value,
    label: translate(`tutor-session.${key}`),
  }));
}

export const fetchPersonas = (signal?: AbortSignal) =>
  api.get<{ personas: Persona[] }>('/api/personas', { signal }).then((result) => result.personas);

export const fetchModes = (signal?: AbortSignal) =>
  api.get<{ modes: TutorModeInfo[] }>('/api/tutor-modes', { signal }).then((result) => result.modes);

export function fetchScenarios(
  filters: { category?: string; level?: string; language?: string },
  signal?: AbortSignal,
) {
  const query = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return api
    .get<{ scenarios: ScenarioSummary[] }>(`/api/scenarios${query ? `?${query}` : ''}`, { signal })
    .then((result) => result.scenarios);
}

export const fetchScenario = (id: string, signal?: AbortSignal) =>
  api
    .get<{ scenario: Scenario }>(`/api/scenarios/${encodeURIComponent(id)}`, { signal })
    .then((result) => result.scenario);

export const revealFeedback = (conversationId: string, messageId: string) =>
  api
    .post<{ feedback: Feedback }>(
      `/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback/reveal`,
    )
    .then((result) => result.feedback);

export const finishConversation = (conversationId: string) =>
  api
    .post<{ summary: ConversationSummary }>(`/api/conversations/${encodeURIComponent(conversationId)}/finish`)
    .then((result) => result.summary);

export const fetchSummary = (conversationId: string, signal?: AbortSignal) =>
  api
    .get<{ summary: ConversationSummary }>(
      `/api/conversations/${encodeURIComponent(conversationId)}/summary`,
      {
        signal,
      },
    )
    .then((result) => result.summary);

export const updateConversationTutor = (
  conversationId: string,
  update: { correctionPolicy?: string | null; personaId?: string | null; subject?: string | null },
) =>
  api
    .patch<{ conversation: Conversation }>(
      `/api/conversations/${encodeURIComponent(conversationId)}/tutor`,
      update,
    )
    .then((result) => result.conversation);

export const addToDeck = (input: {
  language: string;
  term: string;
  translation?: string;
  exampleSentence: string;
  notes?: string;
  sourceMessageId: string;
  sourceRef: string;
  kind: 'correction' | 'new-word';
}) => api.post<{ created: boolean }>('/api/vocabulary/cards/from-conversation', input);
