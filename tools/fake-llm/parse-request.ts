import { createHash, type Hash } from 'node:crypto';
import type { FakeProvider } from './types.ts';

/** What the request asks for in JSON: a schema'd response format, JSON mode, or a forced tool. */
export type StructuredRequest =
  | { kind: 'format'; schema: unknown }
  | { kind: 'tool'; toolName: string; schema: unknown };

/** An Anthropic prompt-cache breakpoint, and the block boundaries a lookup may hit before it. */
export type CacheBreakpoint = { bytes: number; hash: string; ttl: '5m' | '1h'; lookback: CacheBoundary[] };
export type CacheBoundary = { bytes: number; hash: string };

export type ParsedRequest = {
  model: string | null;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
  systemText: string;
  lastUserText: string;
  /** UTF-8 bytes of every text sent: system prompt and all messages. */
  inputBytes: number;
  maxTokens: number | null;
  structured: StructuredRequest | null;
  /** Anthropic only, in prompt order; empty when the request sets no `cache_control`. */
  cacheBreakpoints: CacheBreakpoint[];
  /** A reason to answer 400, as the vendor would, or null. */
  invalid: string | null;
};

type Json = Record<string, unknown>;

// Anthropic looks for an earlier cache entry at most this many blocks before each breakpoint.
const CACHE_LOOKBACK_BLOCKS = 20;

export function parseRequest(provider: FakeProvider, body: unknown): ParsedRequest {
  return provider === 'anthropic' ? parseAnthropic(asObject(body)) : parseChatCompletions(asObject(body));
}

function parseAnthropic(body: Json): ParsedRequest {
  const model = typeof body.model === 'string' ? body.model : null;
  const messages = Array.isArray(body.messages) ? body.messages : null;
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : null;
  let invalid: string | null = null;
  if (model === null) invalid = 'model: Field required';
  else if (messages === null) invalid = 'messages: Field required';
  else if (maxTokens === null) invalid = 'max_tokens: Field required';

  // Prompt order is tools, system, messages: the order Anthropic caches prefixes in.
  const blocks: { block: unknown; bytes: number; role: string }[] = [];
  let hasCacheControl = isObject(body.cache_control);
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const tool of tools) {
    blocks.push({ block: tool, bytes: 0, role: 'tool' });
    hasCacheControl ||= isObject(asObject(tool).cache_control);
  }
  let systemText = '';
  if (typeof body.system === 'string') {
    systemText = body.system;
    blocks.push({ block: body.system, bytes: utf8(body.system), role: 'system' });
  } else if (Array.isArray(body.system)) {
    const parts: string[] = [];
    for (const block of body.system) {
      const text = anthropicBlockText(block);
      parts.push(text);
      blocks.push({ block, bytes: utf8(text), role: 'system' });
      hasCacheControl ||= isObject(asObject(block).cache_control);
    }
    systemText = parts.join('\n');
  }
  let lastUserText = '';
  for (const message of messages ?? []) {
    const { role, content } = asObject(message);
    const roleName = typeof role === 'string' ? role : '';
    if (typeof content === 'string') {
      blocks.push({ block: content, bytes: utf8(content), role: roleName });
      if (roleName === 'user') lastUserText = content;
    } else if (Array.isArray(content)) {
      const userParts: string[] = [];
      for (const block of content) {
        const text = anthropicBlockText(block);
        blocks.push({ block, bytes: utf8(text), role: roleName });
        hasCacheControl ||= isObject(asObject(block).cache_control);
        if (asObject(block).type === 'text') userParts.push(text);
      }
      if (roleName === 'user' && userParts.length > 0) lastUserText = userParts.join('\n');
    }
  }
  const inputBytes = blocks.reduce((sum, entry) => sum + entry.bytes, 0);

  return {
    model,
    stream: body.stream === true,
    includeUsage: true,
    systemText,
    lastUserText,
    inputBytes,
    maxTokens,
    structured: anthropicStructured(body),
    cacheBreakpoints: hasCacheControl ? anthropicBreakpoints(body, model ?? '', blocks) : [],
    invalid,
  };
}

function anthropicStructured(body: Json): StructuredRequest | null {
  const format = asObject(asObject(body.output_config).format);
  if (format.type === 'json_schema') return { kind: 'format', schema: format.schema };
  // The AI SDK's fallback for models without native structured output: a tool named "json"
  // with tool_choice "any". Any forced tool is answered the same way.
  const choice = asObject(body.tool_choice);
  const tools = (Array.isArray(body.tools) ? body.tools : []).map(asObject);
  let tool: Json | undefined;
  if (choice.type === 'tool') tool = tools.find((candidate) => candidate.name === choice.name);
  else if (choice.type === 'any') tool = tools.find((candidate) => candidate.name === 'json') ?? tools[0];
  if (tool === undefined || typeof tool.name !== 'string') return null;
  return { kind: 'tool', toolName: tool.name, schema: tool.input_schema };
}

function anthropicBreakpoints(
  body: Json,
  model: string,
  blocks: { block: unknown; bytes: number; role: string }[],
): CacheBreakpoint[] {
  // Where the breakpoints are, first: only the boundaries a breakpoint can look back to are
  // digested, and nothing after the last one is hashed (a digest per block cost the fake more than
  // the rest of a long prompt's handling, time a benchmark would count as the caller's).
  const controls = blocks.map((entry, index) => {
    const marker = isObject(entry.block) ? asObject(entry.block.cache_control) : {};
    // Automatic caching (a top-level cache_control) puts the breakpoint on the last block.
    const automatic = index === blocks.length - 1 ? asObject(body.cache_control) : {};
    return marker.type === 'ephemeral' ? marker : automatic.type === 'ephemeral' ? automatic : null;
  });
  const lastBreakpoint = controls.findLastIndex((control) => control !== null);
  const needed = new Set<number>();
  controls.forEach((control, index) => {
    if (control === null) return;
    for (let back = Math.max(0, index - CACHE_LOOKBACK_BLOCKS + 1); back <= index; back++) needed.add(back);
  });
  // Cache entries are per model; a block is hashed without its cache_control marker so moving
  // the marker does not change the prefix.
  const hash: Hash = createHash('sha1').update(model);
  const boundaries: Array<CacheBoundary | null> = [];
  const breakpoints: CacheBreakpoint[] = [];
  let bytes = 0;
  let previousRole = '';
  for (let index = 0; index <= lastBreakpoint; index++) {
    const entry = blocks[index] as (typeof blocks)[number];
    if (entry.role !== previousRole) hash.update(`\u0000${entry.role}\u0000`);
    previousRole = entry.role;
    hash.update(JSON.stringify(entry.block, withoutCacheControl) ?? '');
    hash.update('\u0001');
    bytes += entry.bytes;
    const boundary = needed.has(index) ? { bytes, hash: hash.copy().digest('base64') } : null;
    boundaries.push(boundary);
    const control = controls[index];
    if (control && boundary) {
      breakpoints.push({
        ...boundary,
        ttl: control.ttl === '1h' ? '1h' : '5m',
        lookback: boundaries
          .slice(Math.max(0, boundaries.length - CACHE_LOOKBACK_BLOCKS))
          .reverse()
          .filter((candidate): candidate is CacheBoundary => candidate !== null),
      });
    }
  }
  return breakpoints;
}

function withoutCacheControl(key: string, value: unknown): unknown {
  return key === 'cache_control' ? undefined : value;
}

function anthropicBlockText(block: unknown): string {
  if (typeof block === 'string') return block;
  const value = asObject(block);
  switch (value.type) {
    case 'text':
      return typeof value.text === 'string' ? value.text : '';
    case 'thinking':
      return typeof value.thinking === 'string' ? value.thinking : '';
    case 'tool_use':
      return JSON.stringify(value.input ?? {});
    case 'tool_result':
      if (typeof value.content === 'string') return value.content;
      return Array.isArray(value.content) ? value.content.map(anthropicBlockText).join('\n') : '';
    default:
      return '';
  }
}

function parseChatCompletions(body: Json): ParsedRequest {
  const model = typeof body.model === 'string' ? body.model : null;
  const messages = Array.isArray(body.messages) ? body.messages : null;
  let invalid: string | null = null;
  if (model === null) invalid = 'model: field required';
  else if (messages === null || messages.length === 0) invalid = 'messages: field required';

  let inputBytes = 0;
  const systemParts: string[] = [];
  let lastUserText = '';
  for (const message of messages ?? []) {
    const { role, content, tool_calls: toolCalls } = asObject(message);
    const parts = chatContentParts(content);
    const text = parts.join('\n');
    for (const part of parts) inputBytes += utf8(part);
    if (role === 'system' || role === 'developer') systemParts.push(text);
    else if (role === 'user') lastUserText = text;
    if (Array.isArray(toolCalls)) {
      for (const call of toolCalls) {
        const args = asObject(asObject(call).function).arguments;
        if (typeof args === 'string') inputBytes += utf8(args);
      }
    }
  }

  const format = asObject(body.response_format);
  let structured: StructuredRequest | null = null;
  if (format.type === 'json_schema')
    structured = { kind: 'format', schema: asObject(format.json_schema).schema };
  else if (format.type === 'json_object') structured = { kind: 'format', schema: undefined };

  const maxTokens =
    typeof body.max_tokens === 'number'
      ? body.max_tokens
      : typeof body.max_completion_tokens === 'number'
        ? body.max_completion_tokens
        : null;
  return {
    model,
    stream: body.stream === true,
    includeUsage: asObject(body.stream_options).include_usage === true,
    systemText: systemParts.join('\n'),
    lastUserText,
    inputBytes,
    maxTokens,
    structured,
    cacheBreakpoints: [],
    invalid,
  };
}

function chatContentParts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  const parts: string[] = [];
  for (const part of content) {
    const value = asObject(part);
    if (value.type === 'text' && typeof value.text === 'string') parts.push(value.text);
  }
  return parts;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json {
  return isObject(value) ? value : {};
}
