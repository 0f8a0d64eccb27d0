import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types. Both dialects store the same shapes: text UUIDv7 ids, ISO-8601 UTC text
 * timestamps, integer 0/1 booleans, JSON as text, money as integer micro-dollars.
 */
export type UsersTable = {
  id: string;
  username: string;
  email: string | null;
  password_hash: string;
  role: 'admin' | 'learner';
  is_child: number;
  is_owner: number;
  disabled: number;
  created_at: string;
  updated_at: string;
};

export type ProfilesTable = {
  user_id: string;
  native_language: string | null;
  daily_goal_minutes: number;
  correction_policy: string;
  explanation_language: string;
  preferred_persona: string | null;
  /** 1 once the learner chose a correction policy; until then a tutor mode's default applies. */
  correction_policy_explicit: Generated<number>;
  /** JSON: VoiceSettings */
  voice_json: string;
  /** One of the interface languages (en es fr de it pt): the app's words and the API's messages. */
  interface_language: Generated<string>;
  onboarded_at: string | null;
  updated_at: string;
};

export type UserLanguagesTable = {
  user_id: string;
  language: string;
  level: string;
  position: number;
  created_at: string;
};

export type SessionsTable = {
  /** sha256 of the cookie token: a leaked database does not hand out live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
};

export type SettingsTable = {
  key: string;
  /** JSON */
  value: string;
  updated_at: string;
};

export type VocabularySettingsTable = {
  user_id: string;
  desired_retention: number;
  new_cards_per_day: number;
  maximum_interval_days: number;
  auto_add: number;
  updated_at: string;
};

export type VocabularyDecksTable = {
  id: string;
  user_id: string;
  language: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
};

export type VocabularyCardsTable = {
  id: string;
  deck_id: string;
  user_id: string;
  language: string;
  term: string;
  term_key: string;
  translation: string;
  example_sentence: string;
  notes: string;
  part_of_speech: string | null;
  gender: string | null;
  source: string;
  source_message_id: string | null;
  /** The item of the source message ("original → corrected", or the new word); null otherwise. */
  source_ref: string | null;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: string | null;
  created_at: string;
  updated_at: string;
};

export type VocabularyReviewLogsTable = {
  id: string;
  user_id: string;
  card_id: string;
  rating: number;
  state: number;
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  last_elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reviewed_at: string;
  duration_ms: number | null;
  /** JSON: the card row before the review. */
  previous_card_json: string;
};

export type GrammarResultsTable = {
  id: string;
  user_id: string;
  language: string;
  /** conjugation | article | exercise */
  kind: string;
  /** What was asked, e.g. `hablar:present:2` or a noun or an exercise id. */
  item: string;
  answer: string;
  expected: string;
  correct: number;
  duration_ms: number | null;
  created_at: string;
};

export type GrammarExercisesTable = {
  id: string;
  user_id: string;
  language: string;
  kind: string;
  level: string;
  topic_id: string | null;
  error_category: string | null;
  /** JSON: the validated exercise, answer included (never sent before it is answered). */
  exercise_json: string;
  answered_at: string | null;
  created_at: string;
};

export type ConversationsTable = {
  id: string;
  user_id: string;
  title: string;
  language: string;
  level: string;
  /** Persona id (built-in or custom); null = the default persona. */
  persona_id: string | null;
  scenario_id: string | null;
  mode: string | null;
  /** Rolling summary of the turns that have left the memory window. */
  summary: string | null;
  /** Id of the newest message the summary covers (UUIDv7 ids sort by time). */
  summary_through: string | null;
  message_count: number;
  created_at: string;
  updated_at: string;
  last_message_at: string | null;
  /** default (replaceable by a generated title), generated, or learner (never replaced). */
  title_source: Generated<string>;
  /** What the learner asked to talk about (persona customisation). */
  subject: string | null;
  /** The learner's explicit correction policy for this conversation; null = profile or mode default. */
  correction_policy: string | null;
  /** JSON: ids of the scenario goals met so far. */
  goals_met_json: string;
  ended_at: string | null;
  /** JSON: ConversationSummary, written when a role-play is finished. */
  outcome_json: string | null;
};

export type MessageStatus = 'complete' | 'partial' | 'failed' | 'streaming';

export type MessagesTable = {
  id: string;
  conversation_id: string;
  user_id: string;
  role: 'learner' | 'tutor';
  text: string;
  status: MessageStatus;
  /** Why a tutor message is partial or failed: a ModelError code ('stopped', 'timeout', 'interrupted', …). */
  failure_reason: string | null;
  /** Plain text a provider sent; a catalogue message is in `failure_ref` instead. */
  failure_message: string | null;
  /** JSON { key, values }: the failure's message, rendered in the reader's interface language. */
  failure_ref: Generated<string | null>;
  /** For a tutor message, the learner message it answers. */
  reply_to: string | null;
  provider: string | null;
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  usage_estimated: number | null;
  latency_ms: number | null;
  /** The process (instance/boot) writing a `streaming` reply, so its own restart recovers it at once. */
  owner_id: string | null;
  created_at: string;
  updated_at: string;
};

export type LedgerEntriesTable = {
  id: string;
  /** Null once the member is deleted: spending history stays for the server's totals. */
  user_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  purpose: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  usage_estimated: number;
  /** Integer micro-dollars; null only on rows written before prices existed. */
  cost_micros: number | null;
  latency_ms: number;
  outcome: string;
  error_code: string | null;
  created_at: string;
  /** The part of cache_write_tokens written with the 1-hour TTL (priced higher than 5-minute writes). */
  cache_write_1h_tokens: number;
  /** 1 when the model was missing from the price table and the fallback rule priced it. */
  price_fallback: number;
  /** What was reserved for the call before it was made (null: rows from before budgets). */
  reserved_micros: number | null;
  /** Budget period the call counts towards (server time zone), fixed when it was reserved. */
  budget_month: string | null;
  budget_day: string | null;
};

/** A member's budget row: caps, and the running totals of the current period. Reservations lock it. */
export type MemberBudgetsTable = {
  user_id: string;
  /** Null = the server's default member cap applies. */
  monthly_cap_micros: number | null;
  daily_cap_micros: number | null;
  month_key: string;
  month_spent_micros: number;
  day_key: string;
  day_spent_micros: number;
  /** Sum of this member's outstanding reservations. */
  reserved_micros: number;
  updated_at: string;
};

/** The one server budget row (id 'server'): caps and policy set by admins, and the running totals. */
export type ServerBudgetTable = {
  id: string;
  /** Null = BUDGET_SERVER_MONTHLY_USD. */
  monthly_cap_micros: number | null;
  /** Null = BUDGET_POLICY. */
  policy: string | null;
  /** 1 once an admin set the default member caps; until then the configuration's apply. */
  member_defaults_set: number;
  default_member_monthly_cap_micros: number | null;
  default_member_daily_cap_micros: number | null;
  month_key: string;
  month_spent_micros: number;
  day_key: string;
  day_spent_micros: number;
  reserved_micros: number;
  updated_at: string;
};

/** The maximum cost of a call in flight, held until the call is settled or its lease expires. */
export type BudgetReservationsTable = {
  id: string;
  user_id: string | null;
  /** The process that made it: a live process settles its own; others touch it only once expired. */
  owner_id: string;
  conversation_id: string | null;
  purpose: string;
  provider: string;
  model: string;
  price_fallback: number;
  reserved_micros: number;
  month_key: string;
  day_key: string;
  created_at: string;
  expires_at: string;
  /** UTF-8 bytes of the prompt sent (an upper bound before the exact prompt is known). */
  prompt_bytes: number | null;
  /** The message the call produces (a tutor reply), whose saved text prices a crashed call. */
  message_id: string | null;
  /** The provider name the call is priced under, when not the provider's id. */
  price_as: string | null;
};

export type BudgetAlertsTable = {
  id: string;
  /** Who sees it: the member for their own cap, every admin for the server's. */
  user_id: string;
  scope: string;
  period_key: string;
  threshold: number;
  spent_micros: number;
  cap_micros: number;
  created_at: string;
  seen_at: string | null;
};

export type PersonasTable = {
  id: string;
  owner_id: string;
  /** private: its owner only; everyone: an admin shared it with every member. */
  visibility: 'private' | 'everyone';
  name: string;
  description: string;
  /** JSON: string[] */
  style_rules_json: string;
  preview_line: string;
  created_at: string;
  updated_at: string;
};

export type ScenariosTable = {
  id: string;
  author_id: string;
  shared: number;
  title: string;
  category: string;
  level: string;
  /** JSON: the validated ScenarioCreate. */
  definition_json: string;
  created_at: string;
  updated_at: string;
};

export type MessageFeedbackTable = {
  /** The learner message analysed. */
  message_id: string;
  conversation_id: string;
  user_id: string;
  language: string;
  /** complete | unavailable | off */
  status: string;
  /** The effective correction policy when the feedback was made. */
  policy: string;
  /** JSON: Correction[] — every correction, including those the policy hides. */
  corrections_json: string;
  rephrasing: string | null;
  /** JSON: NewWord[] */
  new_vocabulary_json: string;
  /** JSON: string[] */
  goals_met_json: string;
  /** JSON: SpellingIssue[] */
  spelling_json: string;
  /**
   * JSON: StoredLanguageNotice (server/tutor/feedback-notes.ts), worded when read; rows stored before
   * issue 18 that the migration could not read hold { detected, message } in English.
   */
  language_notice_json: string | null;
  /** Why the analysis failed; the note shown is worded from it when read. */
  error_code: string | null;
  /** Only a note stored before issue 18 without a code (none is written now). */
  error_message: string | null;
  provider: string | null;
  model: string | null;
  /** When the learner asked to see corrections the policy held back. */
  revealed_at: string | null;
  created_at: string;
};

export type ErrorEventsTable = {
  id: string;
  user_id: string;
  language: string;
  category: string;
  severity: string;
  message_id: string | null;
  conversation_id: string | null;
  created_at: string;
};

export type TutorPreferencesTable = {
  user_id: string;
  subject: string | null;
  learner_level: string | null;
  updated_at: string;
};

/** One change of a learner's daily goal (profile), so past days keep the goal they had. */
export type DailyGoalChangesTable = {
  id: string;
  user_id: string;
  from_minutes: number;
  to_minutes: number;
  changed_at: string;
};

/** A celebration (a key of `GET /api/progress/news`) the learner has been shown. */
export type ProgressNewsSeenTable = {
  user_id: string;
  key: string;
  seen_at: string;
};

/** A provider set up in the app; environment providers are never stored. */
export type LlmProvidersTable = {
  id: string;
  kind: string;
  name: string;
  base_url: string | null;
  api_key_ciphertext: string | null;
  api_key_fingerprint: string | null;
  api_key_last4: string | null;
  parallel: number;
  model_file: string | null;
  position: number;
  /** JSON: string[], the live model list of the last check. */
  models_json: string | null;
  check_status: string | null;
  checked_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};

export type LlmChainsTable = {
  role: string;
  /** '' for every language. */
  language: string;
  /** JSON: Array<{ provider, model }> */
  links_json: string;
  updated_at: string;
};

export type PriceOverridesTable = {
  provider: string;
  model: string;
  /** JSON: PriceRatesInput (USD per million tokens) */
  rates_json: string;
  updated_by: string;
  updated_at: string;
};

export type ChangeVersionsTable = { topic: string; version: number };

/** One import of a learner export (or an Anki package) into an account. */
export type ImportsTable = {
  id: string;
  user_id: string;
  /** charla-export | anki */
  kind: string;
  /** running | complete | failed */
  status: string;
  /** JSON: ImportResult */
  result_json: string | null;
  error_message: string | null;
  created_at: string;
  finished_at: string | null;
};

/** A text in the reading room: plain text only (decision 020). */
export type ReadingTextsTable = {
  id: string;
  user_id: string;
  language: string;
  title: string;
  /** paste | file | url */
  source: string;
  source_url: string | null;
  source_name: string | null;
  body: string;
  word_count: number;
  shared: number;
  created_at: string;
  updated_at: string;
};

/** What the model made of a text, cached with it: glossary, rewrite at a level, questions. */
export type ReadingGenerationsTable = {
  id: string;
  text_id: string;
  user_id: string;
  /** glossary | rewrite | questions */
  kind: string;
  level: string;
  content_json: string;
  created_at: string;
};

export type ReadingKnownWordsTable = {
  id: string;
  user_id: string;
  language: string;
  word: string;
  created_at: string;
};

export type ReadingAnswersTable = {
  id: string;
  user_id: string;
  text_id: string;
  question: number;
  answer: string;
  correct: number;
  feedback_json: string | null;
  created_at: string;
};

export type ReadingConversationsTable = {
  conversation_id: string;
  text_id: string;
  user_id: string;
  created_at: string;
};

/** A speech chain set in the app: `transcribe` or `speak`. */
export type SpeechChainsTable = {
  function: string;
  /** JSON: Array<{ provider, model, voice? }> */
  links_json: string;
  updated_at: string;
};

/** A recording a learner chose to keep (settings → store audio); the audio is a file under DATA_DIR/recordings. */
export type SpeechRecordingsTable = {
  id: string;
  user_id: string;
  conversation_id: string | null;
  language: string;
  mime_type: string;
  bytes: number;
  duration_ms: number;
  transcript: string;
  /** 'message' | 'pronunciation': what the transcription was asked for. */
  purpose: string;
  created_at: string;
};

export type Database = {
  users: UsersTable;
  profiles: ProfilesTable;
  user_languages: UserLanguagesTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  ledger_entries: LedgerEntriesTable;
  member_budgets: MemberBudgetsTable;
  server_budget: ServerBudgetTable;
  budget_reservations: BudgetReservationsTable;
  llm_providers: LlmProvidersTable;
  llm_chains: LlmChainsTable;
  price_overrides: PriceOverridesTable;
  change_versions: ChangeVersionsTable;
  budget_alerts: BudgetAlertsTable;
  vocabulary_settings: VocabularySettingsTable;
  vocabulary_decks: VocabularyDecksTable;
  vocabulary_cards: VocabularyCardsTable;
  vocabulary_review_logs: VocabularyReviewLogsTable;
  grammar_results: GrammarResultsTable;
  grammar_exercises: GrammarExercisesTable;
  personas: PersonasTable;
  scenarios: ScenariosTable;
  message_feedback: MessageFeedbackTable;
  error_events: ErrorEventsTable;
  tutor_preferences: TutorPreferencesTable;
  daily_goal_changes: DailyGoalChangesTable;
  progress_news_seen: ProgressNewsSeenTable;
  imports: ImportsTable;
  reading_texts: ReadingTextsTable;
  reading_generations: ReadingGenerationsTable;
  reading_known_words: ReadingKnownWordsTable;
  reading_answers: ReadingAnswersTable;
  reading_conversations: ReadingConversationsTable;
  speech_chains: SpeechChainsTable;
  speech_recordings: SpeechRecordingsTable;
};

/** The tables whose rows an import adds in batches tagged with its id (`imports.id`). */
export const importTaggedTables = [
  'daily_goal_changes',
  'personas',
  'scenarios',
  'conversations',
  'messages',
  'message_feedback',
  'error_events',
  'vocabulary_decks',
  'vocabulary_cards',
  'vocabulary_review_logs',
  'grammar_exercises',
  'grammar_results',
  'ledger_entries',
  'reading_texts',
  'reading_generations',
  'reading_known_words',
  'reading_answers',
  'reading_conversations',
  'speech_recordings',
] as const;
export type ImportTaggedTable = (typeof importTaggedTables)[number];

/**
 * The database with the `import_id` column of the tagged tables. Kept apart from `Database` so
 * rows built in memory elsewhere need not carry it: only import, export and reports use this view.
 */
export type ImportAwareDatabase = {
  [Name in keyof Database]: Name extends ImportTaggedTable
    ? Database[Name] & { import_id: ColumnType<string | null, string | null | undefined, string | null> }
    : Database[Name];
};
