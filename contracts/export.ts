import { z } from 'zod';

/**
 * The learner export: everything stored about one learner, as one JSON document that another
 * Charla server can import. Rows travel as the database stores them (snake_case columns, ids as
 * text, booleans 0/1, JSON columns as text), one array per table in dependency order, so an
 * importer can insert them as they stream past. Sessions, budget totals, reservations and alerts
 * never travel: they belong to the server, not to the learner.
 *
 * Versioning: `version` goes up whenever a row shape changes; an importer refuses a newer version
 * with a clear message and reads every older one it knows.
 */
export const exportFormat = 'charla-export';
export const exportVersion = 5;
export const serverExportFormat = 'charla-server-export';
/** Where the JSON Schema of the export is served (linked from the OpenAPI document). */
export const exportSchemaPath = '/api/schemas/charla-export.json';

const text = z.string();
const nullableText = z.string().nullable();
// Bounded to the database's column types: an out-of-range number must be a 400, never a driver error.
const integer = z.number().int().min(-2_147_483_648).max(2_147_483_647);
const nullableInteger = integer.nullable();
const micros = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const number = z.number().min(-1e15).max(1e15);
const flag = z.union([z.literal(0), z.literal(1)]);

/** Row shapes per table, in the order an export writes them (parents before children). */
export const exportTableSchemas = {
  profiles: z.strictObject({
    user_id: text,
    native_language: nullableText,
    daily_goal_minutes: integer,
    correction_policy: text,
    explanation_language: text,
    preferred_persona: nullableText,
    correction_policy_explicit: flag,
    voice_json: text,
    onboarded_at: nullableText,
    updated_at: text,
  }),
  user_languages: z.strictObject({
    user_id: text,
    language: text,
    level: text,
    position: integer,
    created_at: text,
  }),
  vocabulary_settings: z.strictObject({
    user_id: text,
    desired_retention: number,
    new_cards_per_day: integer,
    maximum_interval_days: integer,
    auto_add: flag,
    updated_at: text,
  }),
  tutor_preferences: z.strictObject({
    user_id: text,
    subject: nullableText,
    learner_level: nullableText,
    updated_at: text,
  }),
  daily_goal_changes: z.strictObject({
    id: text,
    user_id: text,
    from_minutes: integer,
    to_minutes: integer,
    changed_at: text,
  }),
  personas: z.strictObject({
    id: text,
    owner_id: text,
    visibility: z.enum(['private', 'everyone']),
    name: text,
    description: text,
    style_rules_json: text,
    preview_line: text,
    created_at: text,
    updated_at: text,
  }),
  scenarios: z.strictObject({
    id: text,
    author_id: text,
    shared: flag,
    title: text,
    category: text,
    level: text,
    definition_json: text,
    created_at: text,
    updated_at: text,
  }),
  conversations: z.strictObject({
    id: text,
    user_id: text,
    title: text,
    language: text,
    level: text,
    persona_id: nullableText,
    scenario_id: nullableText,
    mode: nullableText,
    summary: nullableText,
    summary_through: nullableText,
    message_count: integer,
    created_at: text,
    updated_at: text,
    last_message_at: nullableText,
    subject: nullableText,
    correction_policy: nullableText,
    goals_met_json: text,
    ended_at: nullableText,
    outcome_json: nullableText,
  }),
  messages: z.strictObject({
    id: text,
    conversation_id: text,
    user_id: text,
    role: z.enum(['learner', 'tutor']),
    text: text,
    status: z.enum(['complete', 'partial', 'failed', 'streaming']),
    failure_reason: nullableText,
    failure_message: nullableText,
    // Version 5: a failed reply's reason as a catalogue key (issue 18); older exports have none.
    failure_ref: nullableText.optional(),
    reply_to: nullableText,
    provider: nullableText,
    model: nullableText,
    input_tokens: nullableInteger,
    output_tokens: nullableInteger,
    cache_read_tokens: nullableInteger,
    cache_write_tokens: nullableInteger,
    usage_estimated: flag.nullable(),
    latency_ms: nullableInteger,
    created_at: text,
    updated_at: text,
  }),
  message_feedback: z.strictObject({
    message_id: text,
    conversation_id: text,
    user_id: text,
    language: text,
    status: text,
    policy: text,
    corrections_json: text,
    rephrasing: nullableText,
    new_vocabulary_json: text,
    goals_met_json: text,
    spelling_json: text,
    language_notice_json: nullableText,
    error_code: nullableText,
    error_message: nullableText,
    provider: nullableText,
    model: nullableText,
    revealed_at: nullableText,
    created_at: text,
  }),
  error_events: z.strictObject({
    id: text,
    user_id: text,
    language: text,
    category: text,
    severity: text,
    message_id: nullableText,
    conversation_id: nullableText,
    created_at: text,
  }),
  vocabulary_decks: z.strictObject({
    id: text,
    user_id: text,
    language: text,
    name: text,
    description: text,
    created_at: text,
    updated_at: text,
  }),
  vocabulary_cards: z.strictObject({
    id: text,
    deck_id: text,
    user_id: text,
    language: text,
    term: text,
    term_key: text,
    translation: text,
    example_sentence: text,
    notes: text,
    part_of_speech: nullableText,
    gender: nullableText,
    source: text,
    source_message_id: nullableText,
    state: integer,
    due: text,
    stability: number,
    difficulty: number,
    elapsed_days: integer,
    scheduled_days: integer,
    learning_steps: integer,
    reps: integer,
    lapses: integer,
    last_review: nullableText,
    created_at: text,
    updated_at: text,
  }),
  vocabulary_review_logs: z.strictObject({
    id: text,
    user_id: text,
    card_id: text,
    rating: integer,
    state: integer,
    due: text,
    stability: number,
    difficulty: number,
    elapsed_days: integer,
    last_elapsed_days: integer,
    scheduled_days: integer,
    learning_steps: integer,
    reviewed_at: text,
    duration_ms: nullableInteger,
    previous_card_json: text,
  }),
  grammar_exercises: z.strictObject({
    id: text,
    user_id: text,
    language: text,
    kind: text,
    level: text,
    topic_id: nullableText,
    error_category: nullableText,
    exercise_json: text,
    answered_at: nullableText,
    created_at: text,
  }),
  grammar_results: z.strictObject({
    id: text,
    user_id: text,
    language: text,
    kind: text,
    item: text,
    answer: text,
    expected: text,
    correct: flag,
    duration_ms: nullableInteger,
    created_at: text,
  }),
  ledger_entries: z.strictObject({
    id: text,
    user_id: text,
    conversation_id: nullableText,
    message_id: nullableText,
    purpose: text,
    provider: text,
    model: text,
    input_tokens: integer,
    output_tokens: integer,
    cache_read_tokens: integer,
    cache_write_tokens: integer,
    usage_estimated: flag,
    cost_micros: micros.nullable(),
    latency_ms: integer,
    outcome: text,
    error_code: nullableText,
    created_at: text,
    cache_write_1h_tokens: integer,
    price_fallback: flag,
    reserved_micros: micros.nullable(),
    budget_month: nullableText,
    budget_day: nullableText,
  }),
  // Version 3: the reading room (decision 020).
  reading_texts: z.strictObject({
    id: text,
    user_id: text,
    language: text,
    title: text,
    source: text,
    source_url: nullableText,
    source_name: nullableText,
    body: text,
    word_count: integer,
    shared: flag,
    created_at: text,
    updated_at: text,
  }),
  reading_generations: z.strictObject({
    id: text,
    text_id: text,
    user_id: text,
    kind: text,
    level: text,
    content_json: text,
    created_at: text,
  }),
  reading_known_words: z.strictObject({
    id: text,
    user_id: text,
    language: text,
    word: text,
    created_at: text,
  }),
  reading_answers: z.strictObject({
    id: text,
    user_id: text,
    text_id: text,
    question: integer,
    answer: text,
    correct: flag,
    feedback_json: nullableText,
    created_at: text,
  }),
  reading_conversations: z.strictObject({
    conversation_id: text,
    text_id: text,
    user_id: text,
    created_at: text,
  }),
  // Version 4: recordings the learner kept (issue 16), each with its audio inline.
  speech_recordings: z.strictObject({
    id: text,
    user_id: text,
    conversation_id: nullableText,
    language: text,
    mime_type: z.enum(['audio/webm', 'audio/ogg', 'audio/wav', 'audio/mpeg', 'audio/mp4']),
    bytes: integer,
    duration_ms: integer,
    transcript: text,
    created_at: text,
    /** The audio file itself, base64 (not a column: the server keeps it under DATA_DIR/recordings). */
    audio_base64: z
      .string()
      .max(Math.ceil((10 * 1024 * 1024) / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  }),
} as const;

/** Columns of an export row that are not database columns (a recording's audio travels inline). */
export const exportFileColumns: Partial<Record<ExportTableName, string>> = {
  speech_recordings: 'audio_base64',
};

export type ExportTableName = keyof typeof exportTableSchemas;
export const exportTableNames = Object.keys(exportTableSchemas) as ExportTableName[];

/** The account the export was made from: shown on import, never applied (the new server's admin decides). */
export const exportUserSchema = z.strictObject({
  id: text,
  username: text,
  email: nullableText,
  role: z.enum(['admin', 'learner']),
  isChild: z.boolean(),
  createdAt: text,
});

/** Everything before `tables`: the importer reads and checks it before the first row. */
export const exportHeaderSchema = z.object({
  format: z.literal(exportFormat),
  version: z.number().int().min(1),
  exportedAt: text,
  user: exportUserSchema,
});
export type ExportHeader = z.infer<typeof exportHeaderSchema>;

/** The whole document, for the published JSON Schema. */
export const learnerExportSchema = z.strictObject({
  format: z.literal(exportFormat),
  version: z.literal(exportVersion),
  exportedAt: text,
  user: exportUserSchema,
  tables: z.strictObject(
    Object.fromEntries(exportTableNames.map((name) => [name, z.array(exportTableSchemas[name])])) as {
      [Name in ExportTableName]: z.ZodArray<(typeof exportTableSchemas)[Name]>;
    },
  ),
});

/** The owner's archive: every member's export in one document. */
export const serverExportSchema = z.strictObject({
  format: z.literal(serverExportFormat),
  version: z.literal(exportVersion),
  exportedAt: text,
  members: z.array(learnerExportSchema),
});

/** The JSON Schema (draft 2020-12) published at `exportSchemaPath`. */
export function exportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(learnerExportSchema),
    $id: exportSchemaPath,
    title: `Charla learner export, version ${exportVersion}`,
    $defs: { serverExport: z.toJSONSchema(serverExportSchema) },
  };
}

/** What an import did: rows added per table, rows already there, NUL characters removed. */
export const importResultSchema = z.object({
  importId: z.string(),
  version: z.number().int(),
  added: z.record(z.string(), z.number().int()),
  skipped: z.record(z.string(), z.number().int()),
  nulCharactersRemoved: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
