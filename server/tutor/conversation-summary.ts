import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CefrLevel } from '../../contracts/languages.ts';
import {
  type ConversationSummary,
  type Correction,
  type CorrectionCategory,
  correctionCategoryLabels,
  type NewWord,
} from '../../contracts/tutor.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { ModelGateway } from '../llm/gateway.ts';
import { composeSummaryPrompt } from './system-prompt.ts';
import { loadTutorContext, type TutorConversation } from './tutor-context.ts';

export type SummaryDeps = {
  db: Kysely<Database>;
  clock: Clock;
  gateway: ModelGateway;
  log?: { warn(object: unknown, message: string): void };
};

const suggestionSchema = z.object({ suggestion: z.string() });
const severityRank = { major: 0, moderate: 1, minor: 2 } as const;

function parseArray<T>(json: string | null): T[] {
  try {
    const value = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** Written when no model can be reached: still concrete, from the same facts. */
function offlineSuggestion(input: {
  goalsOpen: number;
  topCategory: CorrectionCategory | undefined;
}): string {
  const parts = [
    input.goalsOpen === 0
      ? 'Well done: you reached every goal of this conversation.'
      : `You reached some of the goals; ${input.goalsOpen} remain for next time.`,
  ];
  if (input.topCategory)
    parts.push(
      `Your most frequent kind of mistake was ${correctionCategoryLabels[input.topCategory].toLowerCase()}: a short grammar practice on it would help.`,
    );
  parts.push('Review the new words in your deck, then try a scenario one level harder.');
  return parts.join(' ');
}

/**
 * Ends a conversation with its summary: goals met (from the feedback analysis), new words, the
 * mistakes made, and a suggestion written by the summary model (persona-free), or offline when no
 * model answers. Stored on the conversation; finishing again recomputes it.
 */
export async function finishConversation(
  deps: SummaryDeps,
  userId: string,
  conversation: TutorConversation,
): Promise<ConversationSummary> {
  const tutor = await loadTutorContext(deps.db, deps.clock, userId, conversation);
  const feedbackRows = await deps.db
    .selectFrom('message_feedback')
    .select(['corrections_json', 'new_vocabulary_json', 'spelling_json'])
    .where('conversation_id', '=', conversation.id)
    .where('status', '=', 'complete')
    .orderBy('message_id')
    .execute();
  const corrections: Correction[] = [];
  const newWords = new Map<string, NewWord>();
  const counts = new Map<CorrectionCategory, number>();
  for (const row of feedbackRows) {
    for (const correction of parseArray<Correction>(row.corrections_json)) {
      corrections.push(correction);
      counts.set(correction.category, (counts.get(correction.category) ?? 0) + 1);
    }
    const spelling = parseArray<unknown>(row.spelling_json).length;
    if (spelling) counts.set('spelling', (counts.get('spelling') ?? 0) + spelling);
    for (const word of parseArray<NewWord>(row.new_vocabulary_json)) {
      const key = word.term.toLowerCase();
      if (!newWords.has(key)) newWords.set(key, word);
    }
  }
  const goals = (tutor.scenario?.goals ?? []).map((goal) => ({
    ...goal,
    met: tutor.goalsMet.includes(goal.id),
  }));
  const mistakesByCategory = [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  const mistakes = corrections
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity])
    .slice(0, 10)
    .map(({ original, corrected, category, explanation }) => ({
      original,
      corrected,
      category,
      explanation,
    }));

  let suggestion: string;
  let suggestionFromModel = false;
  try {
    const record = {
      scenario: tutor.scenario?.title ?? null,
      mode: tutor.prompt.mode ?? 'free',
      goals: goals.map((goal) => ({ goal: goal.text, met: goal.met })),
      mistakesByCategory,
      exampleMistakes: mistakes.slice(0, 5).map((mistake) => `${mistake.original} → ${mistake.corrected}`),
      newWords: [...newWords.values()].slice(0, 10).map((word) => word.term),
    };
    const result = await deps.gateway.generateStructured(
      {
        userId,
        conversationId: conversation.id,
        purpose: 'roleplay-report',
        role: 'summary',
        language: conversation.language,
      },
      {
        system: composeSummaryPrompt({
          language: conversation.language,
          level: conversation.level as CefrLevel,
          nativeLanguage: tutor.nativeLanguage,
          isChild: tutor.prompt.isChild,
        }),
        messages: [{ role: 'user', content: `Session record (JSON):\n${JSON.stringify(record)}` }],
        schema: suggestionSchema,
        schemaName: 'session_suggestion',
        maxOutputTokens: 400,
      },
    );
    suggestion = result.object.suggestion.trim().slice(0, 1200);
    suggestionFromModel = suggestion.length > 0;
  } catch (error) {
    deps.log?.warn({ err: error, conversationId: conversation.id }, 'summary suggestion unavailable');
    suggestion = '';
  }
  if (!suggestion)
    suggestion = offlineSuggestion({
      goalsOpen: goals.filter((goal) => !goal.met).length,
      topCategory: mistakesByCategory[0]?.category,
    });

  const endedAt = deps.clock.now().toISOString();
  const summary: ConversationSummary = {
    goals,
    newWords: [...newWords.values()].slice(0, 20),
    mistakes,
    mistakesByCategory,
    suggestion,
    suggestionFromModel,
    endedAt,
  };
  await deps.db
    .updateTable('conversations')
    .set({ ended_at: endedAt, outcome_json: JSON.stringify(summary), updated_at: endedAt })
    .where('id', '=', conversation.id)
    .execute();
  return summary;
}
