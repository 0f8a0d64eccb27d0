import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { correctionRef } from '../../contracts/corrections.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import {
  type Correction,
  correctionCategorySchema,
  type Feedback,
  type NewWord,
  type SpellingIssue,
  severitySchema,
} from '../../contracts/tutor.ts';
import { insertRows } from '../db/compiled-once.ts';
import type { Database, MessageFeedbackTable } from '../db/schema.ts';
import { detectLanguage } from '../language/detect-language.ts';
import {
  foreignWordsNotice,
  mergeWithModelCorrections,
  type OfflineCorrection,
  type SpellChecker,
} from '../language/spelling.ts';
import type { Clock } from '../lib/clock.ts';
import { ModelError, ModelOutputError } from '../llm/errors.ts';
import type { ModelGateway } from '../llm/gateway.ts';
import { autoAddFromFeedback } from '../vocabulary/auto-add.ts';
import { correctedExample } from './corrected-example.ts';
import { applyCorrectionPolicy } from './correction-policy.ts';
import { recordErrorEvents } from './error-patterns.ts';
import { presentLanguageNotice, type StoredLanguageNotice, unavailableNote } from './feedback-notes.ts';
import { composeFeedbackInput, composeFeedbackPrompt } from './system-prompt.ts';
import { parseGoalsMet, type TutorContext } from './tutor-context.ts';

/**
 * What the analysis model must return. Plain required fields only (no length limits or optional
 * keys), so every provider's structured-output mode accepts the schema; limits are applied after
 * validation.
 */
export const feedbackOutputSchema = z.object({
  corrections: z.array(
    z.object({
      original: z.string(),
      corrected: z.string(),
      category: correctionCategorySchema,
      explanation: z.string(),
      severity: severitySchema,
      // Required in the schema sent to the model; `.catch` keeps analyses without them (an older
      // prompt, a scripted test) valid, with no card front or translation.
      cardFront: z.string().nullable().catch(null),
      translation: z.string().nullable().catch(null),
    }),
  ),
  rephrasing: z.string().nullable(),
  newVocabulary: z.array(
    z.object({ term: z.string(), translation: z.string(), note: z.string().nullable() }),
  ),
  goalsMet: z.array(z.string()),
});
export type FeedbackOutput = z.infer<typeof feedbackOutputSchema>;

export type FeedbackDeps = {
  db: Kysely<Database>;
  clock: Clock;
  gateway: ModelGateway;
  spelling: SpellChecker;
  maxOutputTokens: number;
  log?: { warn(object: unknown, message: string): void };
};

export type FeedbackEvent = Feedback & { type: 'feedback'; scenarioGoalsMet: string[] };

type StoredCorrection = Correction & { hidden: boolean };
type FeedbackRow = Selectable<MessageFeedbackTable>;

const maxCorrections = 12;
const maxNewWords = 5;
const clip = (text: string, max: number) => {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
};

function locate(text: string, span: string): number | null {
  const exact = text.indexOf(span);
  if (exact !== -1) return exact;
  const folded = text.toLowerCase().indexOf(span.toLowerCase());
  return folded === -1 ? null : folded;
}

/** Cleans validated model output: bounded lengths, no no-op corrections, spans located in the text. */
export function sanitizeFeedbackOutput(
  output: FeedbackOutput,
  learnerText: string,
  openGoalIds: string[],
): { corrections: Correction[]; rephrasing: string | null; newVocabulary: NewWord[]; goalsMet: string[] } {
  const corrections: Correction[] = [];
  for (const item of output.corrections) {
    const original = clip(item.original, 300);
    const corrected = clip(item.corrected, 300);
    if (!original || original === corrected) continue;
    corrections.push({
      original,
      corrected,
      category: item.category,
      explanation: clip(item.explanation, 400),
      severity: item.severity,
      source: 'model',
      offset: locate(learnerText, original),
      cardFront: item.cardFront?.trim() ? clip(item.cardFront, 200) : null,
      translation: item.translation?.trim() ? clip(item.translation, 300) : null,
      example: null,
    });
    if (corrections.length === maxCorrections) break;
  }
  for (const correction of corrections) {
    correction.example = correctedExample(learnerText, corrections, correction);
  }
  const rephrasing = output.rephrasing ? clip(output.rephrasing, 1000) : '';
  return {
    corrections,
    rephrasing: rephrasing && rephrasing !== learnerText.trim() ? rephrasing : null,
    newVocabulary: output.newVocabulary
      .filter((word) => word.term.trim())
      .slice(0, maxNewWords)
      .map((word) => ({
        term: clip(word.term, 100),
        translation: clip(word.translation, 200),
        note: word.note?.trim() ? clip(word.note, 200) : null,
      })),
    goalsMet: [...new Set(output.goalsMet)].filter((id) => openGoalIds.includes(id)),
  };
}

function parseJson<T>(json: string | null, fallback: T): T {
  if (!json) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

/**
 * The stored feedback as the learner sees it: hidden corrections only once revealed, its notes worded
 * in the reader's interface language.
 */
export function presentFeedback(row: FeedbackRow, language: InterfaceLanguage = 'en'): Feedback {
  const stored = parseJson<StoredCorrection[]>(row.corrections_json, []);
  const spelling = parseJson<SpellingIssue[]>(row.spelling_json, []);
  const revealed = row.revealed_at !== null;
  const spellingShown = revealed || (row.policy !== 'off' && row.policy !== 'on-request');
  // The same change listed twice (the model and an offline rule agreeing) is one correction: a hidden
  // duplicate of a visible one would offer "Show 1 more" and reveal nothing new.
  const seen = new Set<string>();
  const unique = [...stored]
    .sort((a, b) => Number(a.hidden) - Number(b.hidden))
    .filter((correction) => {
      const key = `${correction.original.toLowerCase()}\u0000${correction.corrected.toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const corrections = stored
    .filter((correction) => unique.includes(correction))
    .filter((correction) => revealed || !correction.hidden)
    // Feedback stored before cards had a front, a translation and an example reads them as null.
    .map(({ hidden: _hidden, ...correction }) => ({
      ...correction,
      cardFront: correction.cardFront ?? null,
      translation: correction.translation ?? null,
      example: correction.example ?? null,
    }));
  return {
    learnerMessageId: row.message_id,
    status: row.status as Feedback['status'],
    policy: row.policy as Feedback['policy'],
    corrections,
    hiddenCorrections: unique.length - corrections.length + (spellingShown ? 0 : spelling.length),
    rephrasing: row.rephrasing,
    newVocabulary: parseJson<NewWord[]>(row.new_vocabulary_json, []),
    goalsMet: parseJson<string[]>(row.goals_met_json, []),
    spelling: spellingShown ? spelling : [],
    languageNotice: presentLanguageNotice(language, row.language_notice_json),
    // The note is worded from its code; a row with only a text (none is written since issue 18) shows it.
    message: row.error_code ? unavailableNote(language, row.error_code) : row.error_message,
  };
}

/** Feedback stored for these learner messages, keyed by message id (for a conversation page). */
export async function feedbackForMessages(
  db: Kysely<Database>,
  messageIds: string[],
  language: InterfaceLanguage = 'en',
): Promise<Map<string, Feedback>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('message_feedback')
    .selectAll()
    .where('message_id', 'in', messageIds)
    .execute();
  return new Map(rows.map((row) => [row.message_id, presentFeedback(row, language)]));
}

/**
 * Why the analysis failed, as the code stored in `message_feedback.error_code` (worded when read by
 * `unavailableNote`). Short and specific: the reply (or the composer) already carries the full story
 * of a budget cap or a provider outage, so the note under the learner's message must not repeat it.
 */
function unavailableCode(error: unknown): string {
  if (error instanceof ModelOutputError) return 'output_invalid';
  if (error instanceof ModelError) return error.code;
  return 'internal_error';
}

async function analyseWithModel(
  deps: FeedbackDeps,
  input: AnalyseInput,
  learnerText: string,
  previousTutorMessage: string | null,
  openGoals: Array<{ id: string; text: string }>,
) {
  const { tutor } = input;
  const result = await deps.gateway.generateStructured(
    {
      userId: input.userId,
      conversationId: input.conversationId,
      purpose: 'feedback',
      role: 'feedback',
      language: input.language,
    },
    {
      system: composeFeedbackPrompt({
        language: input.language,
        level: tutor.prompt.level,
        nativeLanguage: tutor.nativeLanguage,
        explanationLanguage: tutor.explanationLanguage,
        policy: tutor.policy,
        openGoals,
        focusCategories: tutor.focusCategories,
        isChild: tutor.prompt.isChild,
      }),
      messages: [
        {
          role: 'user',
          content: composeFeedbackInput({ previousTutorMessage, learnerMessage: learnerText }),
        },
      ],
      schema: feedbackOutputSchema,
      schemaName: 'learner_feedback',
      maxOutputTokens: deps.maxOutputTokens,
    },
  );
  return result;
}

export type AnalyseInput = {
  userId: string;
  conversationId: string;
  language: string;
  learnerMessageId: string;
  /** The text of a learner message this very turn stored: it has no feedback yet, and need not be read back. */
  newLearnerText?: string | undefined;
  /** The tutor's text before the learner's message when the caller has read it (null: none). */
  previousTutorText?: string | null | undefined;
  tutor: TutorContext;
  /** The interface language the feedback event's notes are worded in (the learner's). */
  readerLanguage?: InterfaceLanguage | undefined;
};

/**
 * Analyses one learner turn: a separate structured call on the feedback chain (never the persona),
 * merged with offline spelling and language detection, filtered by the correction policy, stored
 * with the message, counted into error patterns, and scenario goals updated. Never throws: any
 * failure becomes feedback marked unavailable, so the turn itself always completes.
 */
export async function analyseLearnerTurn(deps: FeedbackDeps, input: AnalyseInput): Promise<FeedbackEvent> {
  try {
    return await analyse(deps, input);
  } catch (error) {
    deps.log?.warn({ err: error, messageId: input.learnerMessageId }, 'feedback failed');
    const message = unavailableNote(input.readerLanguage ?? 'en', unavailableCode(error));
    return {
      type: 'feedback',
      learnerMessageId: input.learnerMessageId,
      status: 'unavailable',
      policy: input.tutor.policy,
      corrections: [],
      hiddenCorrections: 0,
      rephrasing: null,
      newVocabulary: [],
      goalsMet: [],
      spelling: [],
      languageNotice: null,
      message,
      scenarioGoalsMet: input.tutor.goalsMet,
    };
  }
}

/** What the analysis found before anything is merged: the model's answer and the offline checks'. */
type Findings = {
  status: Feedback['status'];
  errorCode: string | null;
  provider: string | null;
  model: string | null;
  output: ReturnType<typeof sanitizeFeedbackOutput>;
  spelling: SpellingIssue[];
  offline: OfflineCorrection[];
  languageNotice: StoredLanguageNotice | null;
};

/**
 * Gathers the findings on a learner message: the model's analysis and the offline checks (spelling,
 * context rules, LanguageTool, the language notice) side by side. Nothing is stored here.
 */
async function gatherFindings(
  deps: FeedbackDeps,
  input: AnalyseInput,
  learnerText: string,
  previousTutorText: string | null,
): Promise<Findings> {
  const { tutor } = input;
  const openGoals = (tutor.scenario?.goals ?? []).filter((goal) => !tutor.goalsMet.includes(goal.id));
  const findings: Findings = {
    status: 'off',
    errorCode: null,
    provider: null,
    model: null,
    output: { corrections: [], rephrasing: null, newVocabulary: [], goalsMet: [] },
    spelling: [],
    offline: [],
    languageNotice: null,
  };
  if (tutor.policy === 'off' && openGoals.length === 0) return findings;

  const native = tutor.nativeLanguage;
  const detected =
    native && native !== input.language && tutor.prompt.mode !== 'explain'
      ? detectLanguage(learnerText, [input.language, native])
      : undefined;
  if (detected && detected === native) {
    findings.languageNotice = { kind: 'message', detected, target: input.language };
  }
  const [modelResult, spellingResult] = await Promise.allSettled([
    analyseWithModel(deps, input, learnerText, previousTutorText, openGoals),
    // A message in the native language would be all "misspellings": skip the check then.
    tutor.policy === 'off' || findings.languageNotice
      ? Promise.resolve(null)
      : deps.spelling.review(input.language, learnerText, {
          nativeLanguage: native,
          explanationLanguage: tutor.explanationLanguage === 'target' ? input.language : (native ?? 'en'),
        }),
  ]);
  if (spellingResult.status === 'fulfilled' && spellingResult.value) {
    findings.spelling = spellingResult.value.spelling;
    findings.offline = spellingResult.value.corrections;
    // Words of the native language (or English) in a target-language message: the same notice.
    findings.languageNotice = foreignWordsNotice(
      spellingResult.value.foreignWords,
      input.language,
      learnerText,
    );
  } else if (spellingResult.status === 'rejected')
    deps.log?.warn({ err: spellingResult.reason }, 'spelling check failed');
  if (modelResult.status === 'fulfilled') {
    findings.status = 'complete';
    findings.provider = modelResult.value.provider;
    findings.model = modelResult.value.model;
    findings.output = sanitizeFeedbackOutput(
      modelResult.value.object,
      learnerText,
      openGoals.map((goal) => goal.id),
    );
  } else {
    findings.status = 'unavailable';
    findings.errorCode = unavailableCode(modelResult.reason);
    if (!(modelResult.reason instanceof ModelError))
      deps.log?.warn({ err: modelResult.reason }, 'feedback analysis failed unexpectedly');
  }
  return findings;
}

/**
 * Merges the findings into what the learner is shown and what is stored (pure): the offline
 * corrections join the model's where it said nothing about those words, every correction's example
 * is the sentence with all of them applied, a misspelling already corrected is not listed twice,
 * and the correction policy hides what it holds back.
 */
export function mergeFindings(
  findings: Pick<Findings, 'output' | 'offline' | 'spelling'>,
  learnerText: string,
  policy: {
    policy: AnalyseInput['tutor']['policy'];
    focusCategories: AnalyseInput['tutor']['focusCategories'];
  },
): { corrections: Correction[]; stored: StoredCorrection[]; spelling: SpellingIssue[] } {
  const corrections = mergeWithModelCorrections(findings.output.corrections, findings.offline);
  for (const correction of corrections)
    correction.example = correctedExample(learnerText, corrections, correction);
  const correctedSpans = corrections.map((correction) => correction.original.toLowerCase());
  const spelling = findings.spelling.filter(
    (issue) => !correctedSpans.some((span) => span.includes(issue.word.toLowerCase())),
  );
  const { visible } = applyCorrectionPolicy(corrections, policy.policy, policy.focusCategories);
  const stored: StoredCorrection[] = [
    ...visible.map((correction) => ({ ...correction, hidden: false })),
    ...corrections
      .filter((correction) => !visible.includes(correction))
      .map((correction) => ({ ...correction, hidden: true })),
  ];
  return { corrections, stored, spelling };
}

async function analyse(deps: FeedbackDeps, input: AnalyseInput): Promise<FeedbackEvent> {
  const { db, clock } = deps;
  const { tutor } = input;
  const existing =
    input.newLearnerText === undefined
      ? await db
          .selectFrom('message_feedback')
          .selectAll()
          .where('message_id', '=', input.learnerMessageId)
          .executeTakeFirst()
      : undefined;
  // A retried reply answers the same learner message: its feedback stands.
  if (existing && existing.status !== 'unavailable')
    return {
      type: 'feedback',
      ...presentFeedback(existing, input.readerLanguage),
      scenarioGoalsMet: tutor.goalsMet,
    };

  const learnerText =
    input.newLearnerText ??
    (
      await db
        .selectFrom('messages')
        .select(['text'])
        .where('id', '=', input.learnerMessageId)
        .executeTakeFirstOrThrow()
    ).text;
  const previousTutorText =
    input.previousTutorText !== undefined
      ? input.previousTutorText
      : ((
          await db
            .selectFrom('messages')
            .select('text')
            .where('conversation_id', '=', input.conversationId)
            .where('role', '=', 'tutor')
            .where('id', '<', input.learnerMessageId)
            .where('text', '!=', '')
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirst()
        )?.text ?? null);

  // Gather → merge → store → side effects.
  const findings = await gatherFindings(deps, input, learnerText, previousTutorText);
  const merged = mergeFindings(findings, learnerText, tutor);
  const at = clock.now().toISOString();
  const row: FeedbackRow = {
    message_id: input.learnerMessageId,
    conversation_id: input.conversationId,
    user_id: input.userId,
    language: input.language,
    status: findings.status,
    policy: tutor.policy,
    corrections_json: JSON.stringify(merged.stored),
    rephrasing: findings.output.rephrasing,
    new_vocabulary_json: JSON.stringify(findings.output.newVocabulary),
    goals_met_json: JSON.stringify(findings.output.goalsMet),
    spelling_json: JSON.stringify(merged.spelling),
    language_notice_json: findings.languageNotice ? JSON.stringify(findings.languageNotice) : null,
    error_code: findings.errorCode,
    // Worded from the code when read (issue 18); the column holds only texts stored before.
    error_message: null,
    provider: findings.provider,
    model: findings.model,
    revealed_at: null,
    created_at: at,
  };
  const scenarioGoalsMet = await storeFeedback(deps, input, row, {
    replace: existing !== undefined,
    corrections: merged.corrections,
    spelling: merged.spelling,
    goalsMet: findings.output.goalsMet,
  });
  if (findings.status === 'complete')
    await addFeedbackCards(deps, input, learnerText, {
      corrections: merged.corrections,
      newVocabulary: findings.output.newVocabulary,
      rephrasing: findings.output.rephrasing,
    });
  return { type: 'feedback', ...presentFeedback(row, input.readerLanguage), scenarioGoalsMet };
}

/**
 * Stores one message's feedback in one transaction: the row, the error events that feed the
 * learner's patterns, and the role-play goals met. Returns the conversation's goals met so far.
 */
async function storeFeedback(
  deps: FeedbackDeps,
  input: AnalyseInput,
  row: FeedbackRow,
  found: {
    replace: boolean;
    corrections: Correction[];
    spelling: SpellingIssue[];
    goalsMet: string[];
  },
): Promise<string[]> {
  let scenarioGoalsMet = input.tutor.goalsMet;
  const errorCount = found.corrections.length + found.spelling.length;
  if (!found.replace && errorCount === 0 && found.goalsMet.length === 0) {
    // Nothing to write beside the row: one statement, no transaction around it.
    await deps.db.executeQuery(insertRows(deps.db, 'message_feedback', [row]));
    return scenarioGoalsMet;
  }
  await deps.db.transaction().execute(async (trx) => {
    if (found.replace)
      await trx.deleteFrom('message_feedback').where('message_id', '=', row.message_id).execute();
    await trx.executeQuery(insertRows(trx, 'message_feedback', [row]));
    await recordErrorEvents(trx, {
      userId: input.userId,
      language: input.language,
      conversationId: input.conversationId,
      messageId: input.learnerMessageId,
      corrections: [
        ...found.corrections,
        ...found.spelling.map(() => ({ category: 'spelling' as const, severity: 'minor' as const })),
      ],
      at: row.created_at,
    });
    if (found.goalsMet.length > 0) {
      const current = await trx
        .selectFrom('conversations')
        .select('goals_met_json')
        .where('id', '=', input.conversationId)
        .executeTakeFirst();
      scenarioGoalsMet = [...new Set([...parseGoalsMet(current?.goals_met_json), ...found.goalsMet])];
      await trx
        .updateTable('conversations')
        .set({ goals_met_json: JSON.stringify(scenarioGoalsMet) })
        .where('id', '=', input.conversationId)
        .execute();
    }
  });
  return scenarioGoalsMet;
}

/** "Every mistake teaches": with automatic adding on, corrections and new words become cards. */
async function addFeedbackCards(
  deps: FeedbackDeps,
  input: AnalyseInput,
  learnerText: string,
  found: {
    corrections: Correction[];
    newVocabulary: ReturnType<typeof sanitizeFeedbackOutput>['newVocabulary'];
    rephrasing: string | null;
  },
): Promise<void> {
  const example = found.rephrasing ?? learnerText;
  try {
    await autoAddFromFeedback({ db: deps.db, clock: deps.clock }, input.userId, {
      language: input.language,
      sourceMessageId: input.learnerMessageId,
      items: [
        ...found.corrections.map((correction) => ({
          term: correction.cardFront ?? correction.corrected,
          translation: correction.translation ?? undefined,
          notes: `${correction.original} → ${correction.corrected}: ${correction.explanation}`,
          exampleSentence: correction.example ?? example,
          sourceRef: correctionRef(correction),
          kind: 'correction' as const,
        })),
        ...found.newVocabulary.map((word) => ({
          term: word.term,
          translation: word.translation,
          notes: word.note ?? undefined,
          exampleSentence: example,
          sourceRef: word.term,
          kind: 'new-word' as const,
        })),
      ],
    });
  } catch (error) {
    deps.log?.warn({ err: error, messageId: input.learnerMessageId }, 'adding feedback to the deck failed');
  }
}

/**
 * Shows the corrections the policy held back for one learner message ("on request"). Returns the
 * full feedback; the caller has already checked the conversation belongs to the learner.
 */
export async function revealFeedback(
  db: Kysely<Database>,
  clock: Clock,
  conversationId: string,
  messageId: string,
  language: InterfaceLanguage = 'en',
): Promise<Feedback | undefined> {
  await db
    .updateTable('message_feedback')
    .set({ revealed_at: clock.now().toISOString() })
    .where('message_id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .where('revealed_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('message_feedback')
    .selectAll()
    .where('message_id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return row ? presentFeedback(row, language) : undefined;
}

/**
 * Starts a turn's feedback: at once, beside the reply, when the feedback model can run two calls
 * at a time; otherwise (a single-slot local server) only when `result()` is first called, after
 * the reply. `result()` never rejects.
 */
export function startTurnFeedback(
  deps: FeedbackDeps,
  input: AnalyseInput,
): { result(): Promise<FeedbackEvent> } {
  let running = deps.gateway.isParallel('feedback', input.language)
    ? analyseLearnerTurn(deps, input)
    : undefined;
  return {
    result: () => {
      running ??= analyseLearnerTurn(deps, input);
      return running;
    },
  };
}
