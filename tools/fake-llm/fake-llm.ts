import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchemaDefault } from './json-schema-default.ts';
import { type CacheBreakpoint, type ParsedRequest, parseRequest } from './parse-request.ts';
import { buildDefaultReply, splitTokens, tokensForBytes, utf8Bytes } from './tokens.ts';
import type {
  FakeEndpoint,
  FakeFault,
  FakeLlmDefaults,
  FakeLlmOptions,
  FakeProvider,
  FakeRequestRecord,
  FakeRule,
  ReportedUsage,
  RequestFilter,
} from './types.ts';
import { defaultErrorMessage, type ReplyPlan, wires } from './wire.ts';

export type FakeLlm = {
  /** Origin of the server, e.g. http://127.0.0.1:4010 (also an Ollama-style base: /api/tags, /v1). */
  url: string;
  port: number;
  /** `${url}/anthropic/v1`: pass as `baseURL` to createAnthropic. */
  anthropicBaseURL: string;
  /** `${url}/mistral/v1`: pass as `baseURL` to createMistral. */
  mistralBaseURL: string;
  /** `${url}/openai/v1`: pass as `baseURL` to createOpenAICompatible. */
  openaiBaseURL: string;
  /** Appends rules to the queue. */
  script(rules: FakeRule | FakeRule[]): void;
  setDefaults(partial: Partial<FakeLlmDefaults>): FakeLlmDefaults;
  defaults(): FakeLlmDefaults;
  /** Rules not yet used up, in queue order. */
  pendingRules(): FakeRule[];
  /** Recorded model calls, oldest first. Records of calls in progress change as they finish. */
  requests(filter?: RequestFilter): FakeRequestRecord[];
  /** Clears the rules, the records and the simulated prompt cache; defaults are kept. */
  reset(): void;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
};

const DEFAULTS: FakeLlmDefaults = {
  defaultReplyTokens: 30,
  tokenDelayMs: 0,
  firstTokenDelayMs: 0,
  record: true,
  recordBodies: true,
  maxRecords: 10_000,
  anthropicCacheMinTokens: 0,
};

const DEFAULT_MODELS: Record<FakeProvider, string[]> = {
  anthropic: ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-sonnet-5', 'claude-opus-5'],
  mistral: ['mistral-small-latest', 'mistral-medium-latest', 'mistral-large-latest'],
  openai: ['llama3.2:3b', 'qwen2.5:7b'],
};

const MODEL_CALL_ROUTES = new Map<string, FakeProvider>([
  ['/anthropic/v1/messages', 'anthropic'],
  ['/mistral/v1/chat/completions', 'mistral'],
  ['/openai/v1/chat/completions', 'openai'],
  // Ollama serves its OpenAI-compatible API at /v1 beside /api/tags.
  ['/v1/chat/completions', 'openai'],
]);

const MODEL_LIST_ROUTES = new Map<string, FakeProvider>([
  ['/anthropic/v1/models', 'anthropic'],
  ['/mistral/v1/models', 'mistral'],
  ['/openai/v1/models', 'openai'],
  ['/v1/models', 'openai'],
]);

/** Speech endpoints: OpenAI's audio API (also at Ollama-style /v1) and Mistral's (Voxtral). */
const AUDIO_ROUTES = new Map<string, { provider: FakeProvider; endpoint: 'transcription' | 'speech' }>([
  ['/openai/v1/audio/transcriptions', { provider: 'openai', endpoint: 'transcription' }],
  ['/v1/audio/transcriptions', { provider: 'openai', endpoint: 'transcription' }],
  ['/mistral/v1/audio/transcriptions', { provider: 'mistral', endpoint: 'transcription' }],
  ['/openai/v1/audio/speech', { provider: 'openai', endpoint: 'speech' }],
  ['/v1/audio/speech', { provider: 'openai', endpoint: 'speech' }],
  ['/mistral/v1/audio/speech', { provider: 'mistral', endpoint: 'speech' }],
]);

/** Voices the fake lists: OpenAI's names (Kokoro-FastAPI's `{ voices }` shape) and Mistral-style presets. */
const FAKE_VOICES: Record<'openai' | 'mistral', string[]> = {
  openai: ['alloy', 'nova', 'ef_dora'],
  mistral: ['en_paul_neutral', 'fr_marie_neutral', 'es_lucia_neutral'],
};

/** Speech the fake returns lasts this long per input character (a sentence of 50 characters: 3 s). */
const SPEECH_MS_PER_CHARACTER = 60;
const DEFAULT_TRANSCRIPT = 'This is a fake transcript.';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
// Bounds the simulated prompt cache; real entries expire after minutes anyway.
const MAX_CACHE_ENTRIES = 100_000;
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
const JSON_HEADERS = { 'content-type': 'application/json' };

type RuleEntry = { rule: FakeRule; remaining: number };

/** One model call in flight. */
type Exchange = {
  res: ServerResponse;
  record: FakeRequestRecord | null;
  timer: NodeJS.Timeout | null;
  closed: boolean;
  /** The fake destroyed the socket itself (a `cut` fault, or close()): not a client abort. */
  closedByServer: boolean;
};

type CacheResult = { read: number; write: number; write1h: number };

/**
 * Starts the fake on loopback. Port 0 (the default) picks a free port; read it from `url`.
 */
export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const { port = 0, host = '127.0.0.1', models: modelOptions, ...defaultOptions } = options;
  const models = { ...DEFAULT_MODELS, ...modelOptions };
  let settings: FakeLlmDefaults = checkDefaults({ ...DEFAULTS, ...stripUndefined(defaultOptions) });
  let rules: RuleEntry[] = [];
  let records: FakeRequestRecord[] = [];
  const promptCache = new Set<string>();
  const active = new Set<Exchange>();
  let nextRecordId = 1;
  let nextReplyId = 1;

  const server = createServer({ noDelay: true, keepAliveTimeout: 30_000 }, (req, res) => {
    const arrivedAt = Date.now();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const provider = req.method === 'POST' ? MODEL_CALL_ROUTES.get(path) : undefined;
    if (provider !== undefined) {
      handleModelCall(provider, req, res, path, arrivedAt);
      return;
    }
    const audio = req.method === 'POST' ? AUDIO_ROUTES.get(path) : undefined;
    if (audio !== undefined) {
      handleAudioCall(audio.provider, audio.endpoint, req, res, path, arrivedAt);
      return;
    }
    if (path.startsWith('/__control/')) {
      handleControl(req, res, path, new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)));
      return;
    }
    if (req.method === 'GET') {
      const listed = MODEL_LIST_ROUTES.get(path);
      if (listed !== undefined) return sendJson(res, 200, modelList(listed, models[listed]));
      if (path === '/api/tags') return sendJson(res, 200, ollamaTags(models.openai));
      if (path === '/mistral/v1/audio/voices')
        return sendJson(res, 200, {
          items: FAKE_VOICES.mistral.map((slug, index) => ({
            id: `0190000${index}-0000-7000-8000-00000000000${index}`,
            name: slug,
            slug,
            created_at: '2026-01-01T00:00:00Z',
            user_id: null,
          })),
          page: 1,
          page_size: 100,
          total: FAKE_VOICES.mistral.length,
          total_pages: 1,
        });
      if (path === '/openai/v1/audio/voices' || path === '/v1/audio/voices')
        return sendJson(res, 200, { voices: FAKE_VOICES.openai });
      if (path === '/api/version') return sendJson(res, 200, { version: '0.12.0' });
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Ollama is running');
        return;
      }
    }
    sendJson(res, 404, { error: { message: `No route for ${req.method} ${path}`, type: 'not_found_error' } });
  });

  /** One call in flight: stopped at close, and its record marked aborted when the client went first. */
  function trackExchange(res: ServerResponse): Exchange {
    const exchange: Exchange = { res, record: null, timer: null, closed: false, closedByServer: false };
    active.add(exchange);
    res.on('close', () => {
      exchange.closed = true;
      if (exchange.timer !== null) clearTimeout(exchange.timer);
      active.delete(exchange);
      const { record } = exchange;
      if (record !== null && !res.writableFinished && !exchange.closedByServer) {
        record.aborted = true;
        record.abortedAt = Date.now();
      }
    });
    res.on('finish', () => {
      if (exchange.record !== null) exchange.record.finishedAt = Date.now();
    });
    return exchange;
  }

  function handleModelCall(
    provider: FakeProvider,
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    arrivedAt: number,
  ): void {
    const exchange = trackExchange(res);
    readBody(req, (raw) => {
      if (exchange.closed) return;
      if (raw === null) {
        return sendError(exchange, provider, 413, 'Request body too large.');
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        startRecord(exchange, provider, req, path, arrivedAt, null, null, null);
        return sendError(exchange, provider, 400, 'The request body is not valid JSON.');
      }
      const parsed = parseRequest(provider, body);
      if (!hasCredentials(provider, req.headers)) {
        startRecord(exchange, provider, req, path, arrivedAt, body, parsed, null);
        return sendError(exchange, provider, 401, defaultErrorMessage(401));
      }
      if (parsed.invalid !== null) {
        startRecord(exchange, provider, req, path, arrivedAt, body, parsed, null);
        return sendError(exchange, provider, 400, parsed.invalid);
      }
      const rule = takeRule(provider, parsed);
      startRecord(exchange, provider, req, path, arrivedAt, body, parsed, rule);
      answer(exchange, provider, parsed, rule);
    });
  }

  /**
   * The audio endpoints: a transcription answers the scripted transcript (or a default one) and
   * records the multipart fields it received; speech answers a WAV of a quiet tone whose length
   * follows the input (Mistral: base64 in `audio_data`). Faults and delays as for chat rules.
   */
  function handleAudioCall(
    provider: FakeProvider,
    endpoint: 'transcription' | 'speech',
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    arrivedAt: number,
  ): void {
    const exchange = trackExchange(res);
    readRawBody(req, async (raw) => {
      if (exchange.closed) return;
      if (raw === null) return sendError(exchange, provider, 413, 'Request body too large.');
      let body: Record<string, unknown> | null = null;
      let invalid: string | null = null;
      if (endpoint === 'transcription') {
        try {
          const form = await new Response(new Uint8Array(raw), {
            headers: { 'content-type': String(req.headers['content-type'] ?? '') },
          }).formData();
          body = {};
          for (const [name, value] of form.entries()) {
            body[name] =
              typeof value === 'string'
                ? value
                : { filename: value.name, contentType: value.type, bytes: value.size };
          }
          if (typeof body.model !== 'string' || body.model === '') invalid = 'model is required.';
          else if (typeof body.file !== 'object' || body.file === null) invalid = 'file is required.';
        } catch {
          invalid = 'The request body is not multipart/form-data.';
        }
      } else {
        try {
          body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
          if (typeof body.model !== 'string' || body.model === '') invalid = 'model is required.';
          else if (typeof body.input !== 'string' || body.input === '') invalid = 'input is required.';
        } catch {
          invalid = 'The request body is not valid JSON.';
        }
      }
      const model = typeof body?.model === 'string' ? body.model : null;
      const language = typeof body?.language === 'string' ? body.language : null;
      if (exchange.closed) return;
      const record = (rule: FakeRule | null) =>
        startAudioRecord(exchange, provider, endpoint, req, path, arrivedAt, body, model, rule);
      if (!hasCredentials(provider, req.headers)) {
        record(null);
        return sendError(exchange, provider, 401, defaultErrorMessage(401));
      }
      if (invalid !== null) {
        record(null);
        return sendError(exchange, provider, 400, invalid);
      }
      const index = rules.findIndex(
        ({ rule }) =>
          rule.endpoint === endpoint &&
          (rule.provider === undefined || rule.provider === provider) &&
          (rule.model === undefined || rule.model === model) &&
          (rule.language === undefined || rule.language === language),
      );
      const entry = rules[index];
      let rule: FakeRule | null = null;
      if (entry !== undefined) {
        rule = entry.rule;
        entry.remaining--;
        if (entry.remaining <= 0) rules.splice(index, 1);
      }
      record(rule);
      const fault = rule?.fault;
      const delay = rule?.firstTokenDelayMs ?? settings.firstTokenDelayMs;
      if (fault?.type === 'hang') return;
      if (fault?.type === 'status')
        return later(exchange, delay, () => sendStatusFault(exchange, provider, fault));
      if (fault !== undefined) {
        // cut, malformed, hang-after-headers: the connection dies mid-answer.
        writeHead(exchange, 200, JSON_HEADERS);
        return cutAfter(exchange, '');
      }
      later(exchange, delay, () => {
        if (endpoint === 'transcription') {
          const text = rule?.text ?? DEFAULT_TRANSCRIPT;
          if (exchange.record !== null && settings.recordBodies) exchange.record.replyText = text;
          const file = body?.file as { bytes?: number } | undefined;
          const answer =
            provider === 'mistral'
              ? {
                  model: model ?? '',
                  text,
                  language,
                  segments: [],
                  usage: {
                    prompt_audio_seconds: Math.ceil((file?.bytes ?? 0) / 16_000),
                    prompt_tokens: 0,
                    total_tokens: 0,
                    completion_tokens: 0,
                  },
                }
              : { text };
          writeHead(exchange, 200, JSON_HEADERS);
          exchange.res.end(JSON.stringify(answer));
          return;
        }
        const input = String(body?.input ?? '');
        const audioMs = Math.min(300_000, Math.max(200, [...input].length * SPEECH_MS_PER_CHARACTER));
        const wav = toneWav(audioMs);
        if (exchange.record !== null) exchange.record.audioMs = audioMs;
        if (provider === 'mistral') {
          writeHead(exchange, 200, JSON_HEADERS);
          exchange.res.end(JSON.stringify({ audio_data: wav.toString('base64') }));
          return;
        }
        writeHead(exchange, 200, { 'content-type': 'audio/wav', 'content-length': String(wav.length) });
        exchange.res.end(wav);
      });
    });
  }

  function startAudioRecord(
    exchange: Exchange,
    provider: FakeProvider,
    endpoint: FakeEndpoint,
    req: IncomingMessage,
    path: string,
    arrivedAt: number,
    body: unknown,
    model: string | null,
    rule: FakeRule | null,
  ): void {
    startRecord(exchange, provider, req, path, arrivedAt, body, null, rule);
    if (exchange.record !== null) {
      exchange.record.endpoint = endpoint;
      exchange.record.model = model;
    }
  }

  function answer(exchange: Exchange, provider: FakeProvider, parsed: ParsedRequest, rule: FakeRule | null) {
    const fault = rule?.fault;
    const firstDelay = rule?.firstTokenDelayMs ?? settings.firstTokenDelayMs;
    const tokenDelay = rule?.tokenDelayMs ?? settings.tokenDelayMs;
    if (fault?.type === 'hang') return;
    if (fault?.type === 'status') {
      return later(exchange, firstDelay, () => sendStatusFault(exchange, provider, fault));
    }
    if (fault?.type === 'hang-after-headers') {
      writeHead(exchange, 200, parsed.stream ? SSE_HEADERS : JSON_HEADERS);
      exchange.res.flushHeaders();
      return;
    }
    const plan = planReply(provider, parsed, rule);
    if (exchange.record !== null) {
      exchange.record.usage = plan.usage;
      if (settings.recordBodies) exchange.record.replyText = plan.text;
    }
    const endFault = fault?.type === 'cut' || fault?.type === 'malformed' ? fault : null;
    if (parsed.stream) streamReply(exchange, provider, plan, firstDelay, tokenDelay, endFault);
    else {
      const delay = firstDelay + tokenDelay * Math.max(0, plan.deltas.length - 1);
      later(exchange, delay, () => sendReplyBody(exchange, provider, plan, endFault));
    }
  }

  function planReply(provider: FakeProvider, parsed: ParsedRequest, rule: FakeRule | null): ReplyPlan {
    const { structured } = parsed;
    let text: string;
    if (rule?.json !== undefined) text = JSON.stringify(rule.json);
    else if (rule?.text !== undefined) text = rule.text;
    else if (structured !== null) {
      text = JSON.stringify(structured.schema === undefined ? {} : buildSchemaDefault(structured.schema));
    } else text = buildDefaultReply(parsed.lastUserText, settings.defaultReplyTokens);

    let deltas = splitTokens(text);
    let outputBytes = utf8Bytes(text);
    let finish: ReplyPlan['finish'] = 'stop';
    const scripted = rule?.usage;
    // A vendor stops at max_tokens; scripted usage means the test wants its text verbatim.
    if (
      scripted === undefined &&
      parsed.maxTokens !== null &&
      tokensForBytes(outputBytes) > parsed.maxTokens
    ) {
      let kept = 0;
      let bytes = 0;
      for (const delta of deltas) {
        const next = bytes + utf8Bytes(delta);
        if (tokensForBytes(next) > parsed.maxTokens) break;
        bytes = next;
        kept++;
      }
      deltas = deltas.slice(0, kept);
      text = deltas.join('');
      outputBytes = bytes;
      finish = 'length';
    }

    const totalInput = tokensForBytes(parsed.inputBytes);
    const cache =
      parsed.cacheBreakpoints.length > 0
        ? simulateCache(parsed.cacheBreakpoints)
        : { read: 0, write: 0, write1h: 0 };
    const usage: ReportedUsage = {
      inputTokens: scripted?.inputTokens ?? totalInput - cache.read - cache.write,
      outputTokens: scripted?.outputTokens ?? tokensForBytes(outputBytes),
      cacheReadTokens: scripted?.cacheReadTokens ?? cache.read,
      cacheWriteTokens: scripted?.cacheWriteTokens ?? cache.write,
    };
    const replyNumber = nextReplyId++;
    const structuredTool = structured?.kind === 'tool' ? structured.toolName : null;
    return {
      id: provider === 'anthropic' ? `msg_fake${pad(replyNumber)}` : `chatcmpl-fake${pad(replyNumber)}`,
      model: parsed.model ?? '',
      created: Math.floor(Date.now() / 1000),
      toolName: provider === 'anthropic' ? structuredTool : null,
      toolId: `toolu_fake${pad(replyNumber)}`,
      text,
      deltas,
      usage,
      cacheWrite1hTokens: scripted?.cacheWriteTokens === undefined ? cache.write1h : 0,
      finish,
      includeUsage: parsed.includeUsage,
    };
  }

  /**
   * Anthropic's semantics: the longest previously written prefix found at (or up to 20 blocks
   * before) a breakpoint is read; everything from there to the last breakpoint is written; only
   * the rest is plain input. Every breakpoint's prefix is cached afterwards.
   */
  function simulateCache(all: CacheBreakpoint[]): CacheResult {
    const breakpoints = all.filter(
      (point) => tokensForBytes(point.bytes) >= settings.anthropicCacheMinTokens,
    );
    const last = breakpoints.at(-1);
    if (last === undefined) return { read: 0, write: 0, write1h: 0 };
    let readBytes = 0;
    for (const point of breakpoints) {
      const hit = point.lookback.find((boundary) => promptCache.has(boundary.hash));
      if (hit !== undefined && hit.bytes > readBytes) readBytes = hit.bytes;
    }
    const read = tokensForBytes(readBytes);
    let write1h = 0;
    let previous = readBytes;
    for (const point of breakpoints) {
      if (point.bytes <= readBytes) continue;
      if (point.ttl === '1h') write1h += tokensForBytes(point.bytes) - tokensForBytes(previous);
      previous = point.bytes;
    }
    if (promptCache.size > MAX_CACHE_ENTRIES) promptCache.clear();
    for (const point of breakpoints) promptCache.add(point.hash);
    return { read, write: tokensForBytes(last.bytes) - read, write1h };
  }

  function streamReply(
    exchange: Exchange,
    provider: FakeProvider,
    plan: ReplyPlan,
    firstDelay: number,
    tokenDelay: number,
    fault: Extract<FakeFault, { type: 'cut' | 'malformed' }> | null,
  ) {
    const wire = wires[provider];
    const { res } = exchange;
    const limit =
      fault === null ? plan.deltas.length : Math.min(Math.max(0, fault.afterTokens), plan.deltas.length);
    const deltasUpTo = (from: number, to: number) => {
      let out = '';
      for (let index = from; index < to; index++) out += wire.streamDelta(plan, plan.deltas[index] ?? '');
      return out;
    };
    const finish = (pending: string) => {
      if (fault?.type === 'cut') cutAfter(exchange, pending);
      else if (fault?.type === 'malformed') res.end(pending + wire.streamMalformed(plan));
      else res.end(pending + wire.streamEnd(plan));
    };
    writeHead(exchange, 200, SSE_HEADERS);
    // The instant case writes the whole stream at once: no timers, one syscall.
    if (firstDelay <= 0 && tokenDelay <= 0) return finish(wire.streamStart(plan) + deltasUpTo(0, limit));
    res.write(wire.streamStart(plan));
    const startedAt = performance.now();
    let sent = 0;
    const step = () => {
      exchange.timer = null;
      if (exchange.closed) return;
      if (tokenDelay <= 0 || sent >= limit) {
        finish(deltasUpTo(sent, limit));
        return;
      }
      res.write(wire.streamDelta(plan, plan.deltas[sent] ?? ''));
      sent++;
      if (sent >= limit) return finish('');
      // Scheduled against the start so timer lateness does not accumulate over a long reply.
      const dueAt = startedAt + firstDelay + sent * tokenDelay;
      exchange.timer = setTimeout(step, Math.max(0, dueAt - performance.now()));
    };
    exchange.timer = setTimeout(step, Math.max(0, firstDelay));
  }

  function sendReplyBody(
    exchange: Exchange,
    provider: FakeProvider,
    plan: ReplyPlan,
    fault: Extract<FakeFault, { type: 'cut' | 'malformed' }> | null,
  ): void {
    const body = wires[provider].body(plan);
    if (fault?.type === 'cut') {
      writeHead(exchange, 200, { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(body)) });
      cutAfter(exchange, body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    const sent = fault?.type === 'malformed' ? body.slice(0, -1) : body;
    writeHead(exchange, 200, { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(sent)) });
    exchange.res.end(sent);
  }

  /** Writes what is pending, then destroys the socket once it has reached the kernel. */
  function cutAfter(exchange: Exchange, pending: string): void {
    const destroy = () => {
      exchange.closedByServer = true;
      if (exchange.record !== null) exchange.record.finishedAt = Date.now();
      exchange.res.socket?.destroy();
    };
    if (pending === '') {
      exchange.res.flushHeaders();
      setImmediate(destroy);
    } else exchange.res.write(pending, destroy);
  }

  function sendStatusFault(
    exchange: Exchange,
    provider: FakeProvider,
    fault: Extract<FakeFault, { type: 'status' }>,
  ) {
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    const body =
      fault.body === undefined
        ? JSON.stringify(wires[provider].errorBody(fault.status, defaultErrorMessage(fault.status)))
        : typeof fault.body === 'string'
          ? fault.body
          : JSON.stringify(fault.body);
    writeHead(exchange, fault.status, headers);
    exchange.res.end(body);
  }

  function sendError(exchange: Exchange, provider: FakeProvider, status: number, message: string): void {
    writeHead(exchange, status, JSON_HEADERS);
    exchange.res.end(JSON.stringify(wires[provider].errorBody(status, message)));
  }

  function writeHead(exchange: Exchange, status: number, headers: Record<string, string>): void {
    if (exchange.record !== null) exchange.record.status = status;
    exchange.res.writeHead(status, { ...headers, 'request-id': `req_fake${pad(exchange.record?.id ?? 0)}` });
  }

  function later(exchange: Exchange, delayMs: number, run: () => void) {
    if (delayMs <= 0) return run();
    exchange.timer = setTimeout(() => {
      exchange.timer = null;
      if (!exchange.closed) run();
    }, delayMs);
  }

  function takeRule(provider: FakeProvider, parsed: ParsedRequest): FakeRule | null {
    const index = rules.findIndex(({ rule }) => ruleMatches(rule, provider, parsed));
    const entry = rules[index];
    if (entry === undefined) return null;
    entry.remaining--;
    if (entry.remaining <= 0) rules.splice(index, 1);
    return entry.rule;
  }

  function startRecord(
    exchange: Exchange,
    provider: FakeProvider,
    req: IncomingMessage,
    path: string,
    arrivedAt: number,
    body: unknown,
    parsed: ParsedRequest | null,
    rule: FakeRule | null,
  ): void {
    if (!settings.record) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name === 'authorization' || name === 'x-api-key' || name === 'api-key')
        continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const record: FakeRequestRecord = {
      id: nextRecordId++,
      provider,
      endpoint: 'chat',
      method: req.method ?? 'POST',
      path,
      model: parsed?.model ?? null,
      stream: parsed?.stream ?? false,
      structured: (parsed?.structured ?? null) !== null,
      body: settings.recordBodies ? body : null,
      headers,
      hasAuthorization: req.headers.authorization !== undefined,
      hasApiKey: req.headers['x-api-key'] !== undefined || req.headers['api-key'] !== undefined,
      credentialTail: credentialTail(req.headers),
      rule: rule?.label ?? null,
      scripted: rule !== null,
      fault: rule?.fault?.type ?? null,
      arrivedAt,
      finishedAt: null,
      aborted: false,
      abortedAt: null,
      status: null,
      usage: null,
      replyText: null,
    };
    exchange.record = record;
    records.push(record);
    if (records.length > settings.maxRecords) records.splice(0, records.length - settings.maxRecords);
  }

  function handleControl(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    if (req.method === 'GET') {
      switch (path) {
        case '/__control/health':
          return sendJson(res, 200, { ok: true, ...baseUrls() });
        case '/__control/requests':
          return sendJson(res, 200, { requests: fake.requests(filterFromQuery(query)) });
        case '/__control/rules':
          return sendJson(res, 200, { rules: fake.pendingRules() });
        case '/__control/defaults':
          return sendJson(res, 200, settings);
      }
    } else if (req.method === 'POST') {
      readBody(req, (raw) => {
        let body: unknown = {};
        try {
          if (raw === null) throw new Error('Body too large.');
          if (raw.trim() !== '') body = JSON.parse(raw);
          switch (path) {
            case '/__control/script':
              fake.script(body as FakeRule | FakeRule[]);
              return sendJson(res, 200, { ok: true, pending: rules.length });
            case '/__control/defaults':
              return sendJson(res, 200, fake.setDefaults(body as Partial<FakeLlmDefaults>));
            case '/__control/reset':
              fake.reset();
              return sendJson(res, 200, { ok: true });
          }
          sendJson(res, 404, { error: { message: `No control route ${path}` } });
        } catch (error) {
          sendJson(res, 400, { error: { message: error instanceof Error ? error.message : String(error) } });
        }
      });
      return;
    }
    sendJson(res, 404, { error: { message: `No control route ${req.method} ${path}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}`;
  const baseUrls = () => ({
    url,
    anthropicBaseURL: `${url}/anthropic/v1`,
    mistralBaseURL: `${url}/mistral/v1`,
    openaiBaseURL: `${url}/openai/v1`,
  });

  const fake: FakeLlm = {
    ...baseUrls(),
    port: address.port,
    script(input) {
      const list = Array.isArray(input) ? input : [input];
      for (const rule of list) checkRule(rule);
      for (const rule of list) {
        rules.push({
          rule,
          remaining: rule.times === 'always' ? Number.POSITIVE_INFINITY : (rule.times ?? 1),
        });
      }
    },
    setDefaults(partial) {
      settings = checkDefaults({ ...settings, ...stripUndefined(partial) });
      return { ...settings };
    },
    defaults() {
      return { ...settings };
    },
    pendingRules() {
      return rules.map(({ rule, remaining }) => ({
        ...rule,
        times: remaining === Number.POSITIVE_INFINITY ? 'always' : remaining,
      }));
    },
    requests(filter = {}) {
      return records.filter(
        (record) =>
          (filter.provider === undefined || record.provider === filter.provider) &&
          (filter.endpoint === undefined || record.endpoint === filter.endpoint) &&
          (filter.model === undefined || record.model === filter.model) &&
          (filter.since === undefined || record.arrivedAt >= filter.since),
      );
    },
    reset() {
      rules = [];
      records = [];
      promptCache.clear();
    },
    async close() {
      for (const exchange of active) {
        exchange.closedByServer = true;
        if (exchange.timer !== null) clearTimeout(exchange.timer);
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return fake;
}

function ruleMatches(rule: FakeRule, provider: FakeProvider, parsed: ParsedRequest): boolean {
  return (
    (rule.endpoint === undefined || rule.endpoint === 'chat') &&
    (rule.provider === undefined || rule.provider === provider) &&
    (rule.model === undefined || rule.model === parsed.model) &&
    (rule.structured === undefined || rule.structured === (parsed.structured !== null)) &&
    (rule.contains === undefined || parsed.lastUserText.includes(rule.contains)) &&
    (rule.system === undefined || parsed.systemText.includes(rule.system))
  );
}

const FAULT_TYPES = new Set(['status', 'hang', 'hang-after-headers', 'cut', 'malformed']);

/** Rules also arrive over HTTP from other processes, so a typo fails loudly at scripting time. */
function checkRule(rule: unknown): asserts rule is FakeRule {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
    throw new Error('A rule must be an object.');
  const { fault, times, provider, endpoint } = rule as FakeRule;
  if (endpoint !== undefined && !['chat', 'transcription', 'speech'].includes(endpoint)) {
    throw new Error(`Unknown endpoint ${JSON.stringify(endpoint)}.`);
  }
  if (provider !== undefined && !['anthropic', 'mistral', 'openai'].includes(provider)) {
    throw new Error(`Unknown provider ${JSON.stringify(provider)}.`);
  }
  if (times !== undefined && times !== 'always' && !(Number.isInteger(times) && times > 0)) {
    throw new Error('times must be a positive integer or "always".');
  }
  if (fault === undefined) return;
  if (!FAULT_TYPES.has(fault.type)) throw new Error(`Unknown fault type ${JSON.stringify(fault.type)}.`);
  if (
    fault.type === 'status' &&
    !(Number.isInteger(fault.status) && fault.status >= 400 && fault.status <= 599)
  ) {
    throw new Error('A status fault needs a status from 400 to 599.');
  }
  if ((fault.type === 'cut' || fault.type === 'malformed') && !Number.isInteger(fault.afterTokens)) {
    throw new Error(`A ${fault.type} fault needs an integer afterTokens.`);
  }
}

function checkDefaults(settings: FakeLlmDefaults): FakeLlmDefaults {
  for (const key of [
    'defaultReplyTokens',
    'tokenDelayMs',
    'firstTokenDelayMs',
    'maxRecords',
    'anthropicCacheMinTokens',
  ] as const) {
    if (typeof settings[key] !== 'number' || !(settings[key] >= 0))
      throw new Error(`${key} must be a number ≥ 0.`);
  }
  return settings;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function hasCredentials(provider: FakeProvider, headers: IncomingHttpHeaders): boolean {
  // Local OpenAI-compatible servers (Ollama, llama.cpp) take no key; the vendors require one.
  if (provider === 'openai') return true;
  if (provider === 'anthropic') return Boolean(headers['x-api-key']) || Boolean(headers.authorization);
  return /^Bearer \S/.test(headers.authorization ?? '');
}

function filterFromQuery(query: URLSearchParams): RequestFilter {
  const provider = query.get('provider');
  const endpoint = query.get('endpoint');
  const model = query.get('model');
  const since = query.get('since');
  return {
    ...(provider === 'anthropic' || provider === 'mistral' || provider === 'openai' ? { provider } : {}),
    ...(model !== null ? { model } : {}),
    ...(endpoint === 'chat' || endpoint === 'transcription' || endpoint === 'speech' ? { endpoint } : {}),
    ...(since !== null && Number.isFinite(Number(since)) ? { since: Number(since) } : {}),
  };
}

/** Collects a body as text; null when it exceeds the limit. */
function readBody(req: IncomingMessage, done: (raw: string | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
}

/** Collects a body as bytes (audio uploads are binary); null when it exceeds the limit. */
function readRawBody(req: IncomingMessage, done: (raw: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(tooLarge ? null : Buffer.concat(chunks)));
}

/** An 8 kHz, 8-bit mono WAV of a quiet 330 Hz tone, `ms` long: plays in every browser. */
export function toneWav(ms: number): Buffer {
  const rate = 8000;
  const samples = Math.round((ms / 1000) * rate);
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(samples, 40);
  for (let index = 0; index < samples; index++)
    wav[44 + index] = 128 + Math.round(Math.sin((index / rate) * 2 * Math.PI * 330) * 20);
  return wav;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function modelList(provider: FakeProvider, ids: string[]) {
  if (provider === 'anthropic') {
    return {
      data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' })),
      has_more: false,
      first_id: ids[0] ?? null,
      last_id: ids.at(-1) ?? null,
    };
  }
  const ownedBy = provider === 'mistral' ? 'mistralai' : 'library';
  return {
    object: 'list',
    data: ids.map((id) => ({ id, object: 'model', created: 1767225600, owned_by: ownedBy })),
  };
}

function ollamaTags(ids: string[]) {
  return {
    models: ids.map((name) => ({
      name,
      model: name,
      modified_at: '2026-01-01T00:00:00Z',
      size: 2_019_393_189,
      digest: createHash('sha256').update(name).digest('hex'),
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    })),
  };
}

function pad(value: number): string {
  return value.toString().padStart(8, '0');
}

/**
 * The last four characters of the credential a request carried (as an app shows a key): enough for
 * a test to tell which key reached the provider, without the recorded requests holding a key.
 */
function credentialTail(headers: IncomingHttpHeaders): string | null {
  const raw = headers['x-api-key'] ?? headers['api-key'] ?? headers.authorization;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value ? value.slice(-4) : null;
}
