import type { Conversation } from '../../../../contracts/conversations.ts';
import type {
  ConversationSummary,
  Feedback,
  Persona,
  Scenario,
  ScenarioSummary,
  TutorModeInfo,
} from '../../../../contracts/tutor.ts';
import { api } from '../../lib/api-client.ts';

/*
 * The Tutor feature's calls. Types only from the contract: its runtime values would pull zod into the
 * conversation screens' chunk.
 */

export const categoryLabels: Record<string, string> = {
  restaurant: 'Restaurant',
  travel: 'Travel',
  shopping: 'Shopping',
  health: 'Health',
  work: 'Work',
  social: 'Social',
  emergencies: 'Emergencies',
  education: 'Education',
  'daily-life': 'Daily life',
  hobbies: 'Hobbies',
};

export const correctionCategoryLabels: Record<string, string> = {
  'verb-tense': 'Verb tense',
  agreement: 'Agreement',
  gender: 'Gender',
  'word-order': 'Word order',
  preposition: 'Preposition',
  spelling: 'Spelling',
  'vocabulary-choice': 'Word choice',
  register: 'Register',
  other: 'Other',
};

/** A conversation's corrections setting as its selects offer it; '' is the default that applies. */
export const conversationPolicyOptions = [
  { value: '', label: 'The mode’s default' },
  { value: 'important', label: 'Important only (at most 3)' },
  { value: 'all', label: 'Every mistake' },
  { value: 'on-request', label: 'Only when I ask' },
  { value: 'off', label: 'Off' },
] as const;

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
