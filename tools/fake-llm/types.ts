/** The wire protocols the fake speaks; also the first path segment of each protocol's base URL. */
export type FakeProvider = 'anthropic' | 'mistral' | 'openai';

/**
 * Usage numbers a rule forces into the reply, in the vendor's own semantics:
 * `inputTokens` is the *uncached* input (Anthropic's `input_tokens`). The AI SDK reports
 * `inputTokens + cacheReadTokens + cacheWriteTokens` as its total input. On the OpenAI-style
 * protocols `prompt_tokens` is that sum and `cached_tokens` is `cacheReadTokens`.
 * Fields left out are computed as for an unscripted reply.
 */
export type FakeUsage = {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
};

export type FakeFault =
  /** Answer with this HTTP status and a vendor-shaped error body (or `body` verbatim). */
  | { type: 'status'; status: number; retryAfterSeconds?: number; body?: unknown }
  /** Read the request and never answer; only the client or `close()` ends it. */
  | { type: 'hang' }
  /** Send a 200 and its headers, then nothing more. */
  | { type: 'hang-after-headers' }
  /** Destroy the socket after `afterTokens` text deltas (non-streamed: mid-body). */
  | { type: 'cut'; afterTokens: number }
  /** After `afterTokens` text deltas send a chunk that is not valid JSON, then end the response. */
  | { type: 'malformed'; afterTokens: number };

/**
 * One scripted reply. Every matcher that is set must match; the first matching rule in the
 * queue is used and consumed after `times` uses (default 1, `'always'` never consumes it).
 */
export type FakeRule = {
  /** Free label, echoed in the request record, to tell rules apart when debugging. */
  label?: string;
  /**
   * Which endpoint the rule answers: chat completions (the default) or an audio endpoint. A chat
   * rule never answers an audio call and an audio rule never answers a chat call.
   */
  endpoint?: FakeEndpoint;
  /** Audio: the `language` field a transcription request carries. */
  language?: string;
  provider?: FakeProvider;
  /** Exact model id the request names. */
  model?: string;
  /** Substring of the last user message's text. */
  contains?: string;
  /** Substring of the system prompt's text. */
  system?: string;
  /** Whether the request asks for JSON (a response format, Anthropic `output_config.format` or forced tool). */
  structured?: boolean;
  /** Reply text. Ignored for structured requests when `json` is set. A transcription rule's transcript. */
  text?: string;
  /** Reply value for structured requests; serialised with JSON.stringify. */
  json?: unknown;
  usage?: FakeUsage;
  /** Delay between streamed deltas (overrides the server default). */
  tokenDelayMs?: number;
  /** Delay before the first delta (or before a non-streamed answer, or a status fault). */
  firstTokenDelayMs?: number;
  fault?: FakeFault;
  times?: number | 'always';
};

/** The kinds of call the fake answers; rules and records say which one. */
export type FakeEndpoint = 'chat' | 'transcription' | 'speech';

/** Settings that can be changed while the server runs. */
export type FakeLlmDefaults = {
  /** Length of the unscripted reply, in streamed deltas (words and punctuation). */
  defaultReplyTokens: number;
  /** Delay between streamed deltas for unscripted replies and rules without their own. */
  tokenDelayMs: number;
  /** Delay before the first delta for unscripted replies and rules without their own. */
  firstTokenDelayMs: number;
  /** Record requests at all (benchmarks may turn this off). */
  record: boolean;
  /** Keep each request's parsed body and the reply text in its record. */
  recordBodies: boolean;
  /** Oldest records are dropped beyond this many. */
  maxRecords: number;
  /**
   * Anthropic ignores cache breakpoints whose prefix is shorter than a model-dependent minimum
   * (1,024–4,096 tokens); 0 caches any prefix so small test prompts exercise the cache.
   */
  anthropicCacheMinTokens: number;
};

export type FakeLlmOptions = Partial<FakeLlmDefaults> & {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Only loopback addresses make sense; default 127.0.0.1. */
  host?: string;
  /** Model ids listed by the models endpoints and `/api/tags`. */
  models?: Partial<Record<FakeProvider, string[]>>;
};

/** Usage as written on the wire, in the vendor's semantics (see FakeUsage). */
export type ReportedUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
};

export type FakeRequestRecord = {
  /** 1, 2, 3… in arrival order for the life of the server (not reset by `reset()`). */
  id: number;
  provider: FakeProvider;
  /** chat, transcription or speech. */
  endpoint: FakeEndpoint;
  method: string;
  path: string;
  model: string | null;
  stream: boolean;
  structured: boolean;
  /**
   * Parsed JSON body; null when bodies are not recorded or the body was not JSON. A transcription's
   * multipart form: its text fields by name, and `file` as `{ filename, contentType, bytes }`.
   */
  body: unknown;
  /** Request headers, except credentials: `authorization`, `x-api-key` and `api-key` are left out. */
  headers: Record<string, string>;
  hasAuthorization: boolean;
  hasApiKey: boolean;
  /** The credential's last four characters (never the whole key), null without one. */
  credentialTail: string | null;
  /** Label of the rule that answered, `null` for the default reply. */
  rule: string | null;
  scripted: boolean;
  fault: FakeFault['type'] | null;
  arrivedAt: number;
  finishedAt: number | null;
  /** The client closed the connection before the response ended. */
  aborted: boolean;
  abortedAt: number | null;
  /** HTTP status once headers are sent, null before (e.g. a hang). */
  status: number | null;
  /** Usage the reply reports, null for faults that report none. */
  usage: ReportedUsage | null;
  /** Reply text (JSON text for structured replies; a transcription's transcript); null when bodies are not recorded. */
  replyText: string | null;
  /** Speech: the length of the audio returned, in milliseconds. */
  audioMs?: number;
};

export type RequestFilter = {
  provider?: FakeProvider;
  endpoint?: FakeEndpoint;
  model?: string;
  /** Only records that arrived at or after this time (ms epoch). */
  since?: number;
};
