import { msg } from '../i18n/messages.ts';
import { attemptTimers } from './attempt-timers.ts';
import { type CallShape, isFailure } from './chain-runner.ts';
import type { ChainLink } from './chains.ts';
import { classifyProviderError, ModelError, ModelOutputError } from './errors.ts';
import type { ModelGateway } from './gateway.ts';
import { resultText, toPrompt } from './prompt-format.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import type { CallDeps } from './stream-call.ts';
import { jsonSchemaOf, parseStructured } from './structured-output.ts';
import type { CallContext, ChatMessage, ModelCallResult, StructuredRequest } from './types.ts';
import {
  byteLength,
  estimateUsage,
  fromAdapterUsage,
  normalizeUsage,
  type SdkUsage,
  zeroUsage,
} from './usage.ts';

/**
 * The calls that are not streamed (the feedback analysis, titles, summaries, exercises, an admin's
 * provider test): plain text or structured output, each attempt bounded by the total timeout and
 * settled into its ledger row; output that does not fit the schema is billed and not retried.
 */
export function createGenerateCalls(
  deps: CallDeps & { providers: ProviderRegistry },
): Pick<ModelGateway, 'generateText' | 'generateStructured'> {
  const { config, clock } = deps;
  const { record, runChain } = deps.runner;

  async function generate<T>(
    context: CallContext,
    request: {
      system: string;
      messages: ChatMessage[];
      maxOutputTokens: number;
      abortSignal?: AbortSignal | undefined;
      only?: { provider: string; model: string } | undefined;
    },
    run: (
      link: ChainLink,
      signal: AbortSignal,
      fetchWithTimeout: typeof fetch,
    ) => Promise<{ value: T; usage: SdkUsage }>,
  ): Promise<{ value: T } & ModelCallResult> {
    const sentText = [request.system, ...request.messages.map((message) => message.content)].join('\n');
    const shape: CallShape = {
      promptBytes: byteLength(sentText),
      maxOutputTokens: request.maxOutputTokens,
      cacheBreakpoints: false,
    };
    let only: ChainLink | undefined;
    if (request.only) {
      const target = request.only;
      const provider = deps.providers.list().find((candidate) => candidate.id === target.provider);
      if (!provider)
        throw new ModelError(
          'no_provider',
          msg('errors.model.providerUnavailable', { provider: target.provider }),
        );
      only = { provider, model: target.model };
    }
    const result = await runChain<{ value: T } & ModelCallResult>(
      context,
      request.abortSignal,
      shape,
      undefined,
      async (link, attempts, reservation) => {
        const startedAt = performance.now();
        const timers = attemptTimers(request.abortSignal, config);
        const totalTimer = setTimeout(
          () => timers.abort(new ModelError('timeout', msg('errors.model.modelSlow'), { retryable: true })),
          config.LLM_TOTAL_TIMEOUT_MS,
        );
        // A non-streamed call has no first token to wait for; the total timeout bounds it.
        timers.firstToken();
        try {
          const { value, usage } = await run(link, timers.signal, timers.timedFetch);
          const normalized = normalizeUsage(usage) ?? estimateUsage(sentText, '');
          await record(context, reservation, link, normalized, startedAt, 'ok');
          return {
            value,
            provider: link.provider.id,
            model: link.model,
            usage: normalized,
            latencyMs: performance.now() - startedAt,
            attempts,
          };
        } catch (error) {
          if (error instanceof ModelOutputError) {
            // The call happened and was billed; the output was just unusable. Not worth retrying blindly.
            await record(
              context,
              reservation,
              link,
              error.usage ?? estimateUsage(sentText, error.rawText ?? ''),
              startedAt,
              'error',
              'output_invalid',
            );
            throw error;
          }
          const classified = classifyProviderError(
            timers.signal.aborted ? (timers.signal.reason ?? error) : error,
            clock.now().getTime(),
          );
          await record(
            context,
            reservation,
            link,
            zeroUsage,
            startedAt,
            classified.code === 'stopped' ? 'aborted' : 'error',
            classified.code,
          );
          return { failure: classified };
        } finally {
          clearTimeout(totalTimer);
          timers.dispose();
        }
      },
      only,
    );
    if (isFailure(result)) throw result.failure;
    return result;
  }

  return {
    async generateText(context, request) {
      const { value, ...call } = await generate(context, request, async (link, signal, timedFetch) => {
        const result = await link.provider.languageModel(link.model, timedFetch).doGenerate({
          prompt: toPrompt(link, [{ text: request.system }], request.messages),
          maxOutputTokens: request.maxOutputTokens,
          abortSignal: signal,
        });
        return { value: resultText(result), usage: fromAdapterUsage(result.usage) };
      });
      return { text: value, ...call };
    },

    generateStructured: async <T>(context: CallContext, request: StructuredRequest<T>) => {
      const schema = await jsonSchemaOf(request.schema);
      const { value, ...call } = await generate<T>(context, request, async (link, signal, timedFetch) => {
        const result = await link.provider.languageModel(link.model, timedFetch).doGenerate({
          prompt: toPrompt(link, [{ text: request.system }], request.messages),
          responseFormat: { type: 'json', schema, name: request.schemaName },
          maxOutputTokens: request.maxOutputTokens,
          abortSignal: signal,
        });
        const usage = fromAdapterUsage(result.usage);
        return { value: parseStructured(resultText(result), request.schema, normalizeUsage(usage)), usage };
      });
      return { object: value, ...call };
    },
  };
}
