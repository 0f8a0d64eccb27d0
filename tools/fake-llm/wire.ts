import type { FakeProvider, ReportedUsage } from './types.ts';

/** Everything needed to write one successful reply in any of the protocols. */
export type ReplyPlan = {
  id: string;
  model: string;
  /** Seconds since the epoch, as the OpenAI-style protocols report it. */
  created: number;
  /** Anthropic forced tool (the AI SDK's "json" tool) whose input carries the reply; else null. */
  toolName: string | null;
  toolId: string;
  text: string;
  deltas: string[];
  usage: ReportedUsage;
  /** Part of `usage.cacheWriteTokens` written with a one-hour TTL (Anthropic). */
  cacheWrite1hTokens: number;
  /** `length` when the reply was cut at the request's max tokens. */
  finish: 'stop' | 'length';
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
};

/** A protocol's framing. Stream parts are complete SSE events, concatenated by the caller. */
export type Wire = {
  streamStart(plan: ReplyPlan): string;
  streamDelta(plan: ReplyPlan, delta: string): string;
  streamEnd(plan: ReplyPlan): string;
  /** An event whose data is not valid JSON. */
  streamMalformed(plan: ReplyPlan): string;
  body(plan: ReplyPlan): string;
  errorBody(status: number, message: string): unknown;
};

export const wires: Record<FakeProvider, Wire> = {
  anthropic: {
    streamStart(plan) {
      const message = {
        id: plan.id,
        type: 'message',
        role: 'assistant',
        model: plan.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // The real API reports input and cache numbers here and output_tokens as 1 so far.
        usage: { ...anthropicUsage(plan), output_tokens: 1 },
      };
      const block =
        plan.toolName === null
          ? { type: 'text', text: '' }
          : { type: 'tool_use', id: plan.toolId, name: plan.toolName, input: {} };
      return (
        sse('message_start', { type: 'message_start', message }) +
        sse('content_block_start', { type: 'content_block_start', index: 0, content_block: block }) +
        'event: ping\ndata: {"type": "ping"}\n\n'
      );
    },
    streamDelta(plan, delta) {
      const text = JSON.stringify(delta);
      return plan.toolName === null
        ? `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${text}}}\n\n`
        : `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":${text}}}\n\n`;
    },
    streamEnd(plan) {
      const { service_tier: _tier, cache_creation: _split, ...usage } = anthropicUsage(plan);
      return (
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
        sse('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: anthropicStopReason(plan), stop_sequence: null },
          usage,
        }) +
        'event: message_stop\ndata: {"type":"message_stop"}\n\n'
      );
    },
    streamMalformed() {
      return 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n';
    },
    body(plan) {
      const content =
        plan.toolName === null
          ? [{ type: 'text', text: plan.text }]
          : [{ type: 'tool_use', id: plan.toolId, name: plan.toolName, input: parseToolInput(plan.text) }];
      return JSON.stringify({
        id: plan.id,
        type: 'message',
        role: 'assistant',
        model: plan.model,
        content,
        stop_reason: anthropicStopReason(plan),
        stop_sequence: null,
        usage: anthropicUsage(plan),
      });
    },
    errorBody(status, message) {
      return { type: 'error', error: { type: anthropicErrorType(status), message } };
    },
  },
  mistral: chatCompletionsWire('mistral'),
  openai: chatCompletionsWire('openai'),
};

function anthropicUsage(plan: ReplyPlan) {
  const { usage } = plan;
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cacheWriteTokens - plan.cacheWrite1hTokens,
      ephemeral_1h_input_tokens: plan.cacheWrite1hTokens,
    },
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
  };
}

function anthropicStopReason(plan: ReplyPlan): string {
  if (plan.finish === 'length') return 'max_tokens';
  return plan.toolName === null ? 'end_turn' : 'tool_use';
}

function parseToolInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A scripted non-JSON reply still has to travel; the caller's validation will reject it.
    return text;
  }
}

function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
}

/**
 * OpenAI-style chat completions. The one difference that matters: OpenAI (with
 * `stream_options.include_usage`) sends usage in an extra chunk with empty `choices`; Mistral
 * puts it on the chunk carrying `finish_reason`, and the AI SDK's Mistral provider crashes on an
 * empty `choices` array.
 */
function chatCompletionsWire(flavour: 'mistral' | 'openai'): Wire {
  const chunkHead = (plan: ReplyPlan) =>
    `data: {"id":${JSON.stringify(plan.id)},"object":"chat.completion.chunk","created":${plan.created},"model":${JSON.stringify(plan.model)},"choices":`;
  return {
    streamStart(plan) {
      return `${chunkHead(plan)}[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n`;
    },
    streamDelta(plan, delta) {
      return `${chunkHead(plan)}[{"index":0,"delta":{"content":${JSON.stringify(delta)}},"finish_reason":null}]}\n\n`;
    },
    streamEnd(plan) {
      const finish = JSON.stringify(chatFinishReason(plan));
      const usage = JSON.stringify(chatUsage(flavour, plan.usage));
      if (flavour === 'mistral') {
        return `${chunkHead(plan)}[{"index":0,"delta":{"content":""},"finish_reason":${finish}}],"usage":${usage}}\n\ndata: [DONE]\n\n`;
      }
      const usageChunk = plan.includeUsage ? `${chunkHead(plan)}[],"usage":${usage}}\n\n` : '';
      return `${chunkHead(plan)}[{"index":0,"delta":{},"finish_reason":${finish}}]}\n\n${usageChunk}data: [DONE]\n\n`;
    },
    streamMalformed(plan) {
      return `${chunkHead(plan)}[{"index":0,"delta":{"content":"\n\n`;
    },
    body(plan) {
      return JSON.stringify({
        id: plan.id,
        object: 'chat.completion',
        created: plan.created,
        model: plan.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: plan.text, tool_calls: null },
            finish_reason: chatFinishReason(plan),
          },
        ],
        usage: chatUsage(flavour, plan.usage),
      });
    },
    errorBody(status, message) {
      if (flavour === 'mistral') {
        return { object: 'error', message, type: mistralErrorType(status), param: null, code: null };
      }
      return { error: { message, type: openaiErrorType(status), param: null, code: null } };
    },
  };
}

function chatFinishReason(plan: ReplyPlan): string {
  return plan.finish === 'length' ? 'length' : 'stop';
}

function chatUsage(flavour: 'mistral' | 'openai', usage: ReportedUsage) {
  // prompt_tokens includes cached tokens on these protocols; cached_tokens is a subset.
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const base = {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
  };
  if (flavour === 'mistral' && usage.cacheReadTokens === 0) return base;
  return { ...base, prompt_tokens_details: { cached_tokens: usage.cacheReadTokens } };
}

function mistralErrorType(status: number): string {
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthorized';
  if (status >= 500) return 'internal_server_error';
  return 'invalid_request_error';
}

function openaiErrorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The message a vendor would send with each status when a script gives none. */
export function defaultErrorMessage(status: number): string {
  switch (status) {
    case 400:
      return 'Invalid request.';
    case 401:
      return 'invalid x-api-key';
    case 404:
      return 'Not found.';
    case 429:
      return 'Rate limit exceeded. Please retry after the time in the retry-after header.';
    case 500:
      return 'Internal server error.';
    case 503:
      return 'Service unavailable.';
    case 529:
      return 'Overloaded';
    default:
      return `Error ${status}.`;
  }
}
