import type { Config } from '../config.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { attemptTimers } from './attempt-timers.ts';
import type { LedgerOutcome } from './call-budget.ts';
import { type CallShape, type ChainRunner, isFailure } from './chain-runner.ts';
import { classifyProviderError, ModelError } from './errors.ts';
import type { StreamOutcome, StreamRequest } from './gateway.ts';
import { toPrompt } from './prompt-format.ts';
import type { CallContext, ModelCallResult, TokenUsage } from './types.ts';
import { byteLength, estimateUsage, fromAdapterUsage, normalizeUsage, zeroUsage } from './usage.ts';

/** What the gateway's call modules share: its settings, its clock and its chain runner. */
export type CallDeps = { config: Config; clock: Clock; runner: ChainRunner };

/**
 * A streamed call through the chain (a tutor reply): the total timeout and the learner's stop
 * around every attempt, deltas forwarded as they come, the attempt's ledger row (with the reply's
 * final text when the caller asks it to commit with the settlement), and fallback to the next
 * provider only before the learner has seen a token.
 */
export function createStreamCall(deps: CallDeps) {
  const { config, clock } = deps;
  const { record, runChain } = deps.runner;
  return async function streamTextThroughChain(
    context: CallContext,
    request: StreamRequest,
  ): Promise<StreamOutcome> {
    const sentText = [
      ...request.system.map((part) => part.text),
      ...request.messages.map((message) => message.content),
    ].join('\n');
    let delivered = '';
    let lastCall: ModelCallResult | undefined;
    let requestAnnounced = false;
    const totalController = new AbortController();
    const totalTimer = setTimeout(
      () => totalController.abort(new ModelError('timeout', msg('errors.model.tooLong'))),
      config.LLM_TOTAL_TIMEOUT_MS,
    );
    const onOuterAbort = () =>
      totalController.abort(new ModelError('stopped', msg('errors.model.stoppedByLearner')));
    if (request.abortSignal?.aborted) onOuterAbort();
    request.abortSignal?.addEventListener('abort', onOuterAbort, { once: true });

    try {
      const shape: CallShape = {
        promptBytes: byteLength(sentText),
        maxOutputTokens: request.maxOutputTokens,
        cacheBreakpoints: request.system.some((part) => part.cache),
        messageId: request.messageId,
      };
      const result = await runChain<StreamOutcome>(
        context,
        totalController.signal,
        shape,
        request.hold,
        async (link, attempts, reservation) => {
          const startedAt = performance.now();
          const timers = attemptTimers(totalController.signal, config);
          let text = '';
          let usage: TokenUsage | undefined;
          let failure: unknown;
          try {
            // The adapter itself, not `streamText`: its orchestration (steps, tools, telemetry, extra
            // stream stages) costs more CPU per call than the whole adapter (decision 008).
            const announcingFetch: typeof fetch = (input, init) => {
              const response = timers.timedFetch(input, init);
              if (!requestAnnounced && request.onRequestSent) {
                requestAnnounced = true;
                setImmediate(request.onRequestSent);
              }
              return response;
            };
            const { stream } = await link.provider.languageModel(link.model, announcingFetch).doStream({
              prompt: toPrompt(link, request.system, request.messages),
              maxOutputTokens: request.maxOutputTokens,
              abortSignal: timers.signal,
            });
            const reader = stream.getReader();
            for (;;) {
              const { value: part, done } = await reader.read();
              if (done) break;
              if (part.type === 'text-delta') {
                if (!part.delta) continue;
                if (!text) timers.firstToken();
                text += part.delta;
                request.onDelta(part.delta);
              } else if (part.type === 'finish') {
                usage = normalizeUsage(fromAdapterUsage(part.usage));
              } else if (part.type === 'error') {
                failure = part.error;
              }
            }
          } catch (error) {
            failure = timers.signal.aborted ? (timers.signal.reason ?? error) : error;
            // Whatever broke the loop, the provider's response must not stay open unread.
            timers.abort(failure);
          } finally {
            timers.dispose();
          }
          if (failure === undefined && timers.signal.aborted) failure = timers.signal.reason;
          delivered = text;
          const finalUsage =
            usage ?? (text || failure === undefined ? estimateUsage(sentText, text) : zeroUsage);
          const call: ModelCallResult = {
            provider: link.provider.id,
            model: link.model,
            usage: finalUsage,
            latencyMs: performance.now() - startedAt,
            attempts,
          };
          lastCall = call;
          if (failure === undefined) {
            const outcome: StreamOutcome = { status: 'complete', text, call, error: undefined };
            const within = request.storeWith?.(outcome);
            const settled = await record(
              context,
              reservation,
              link,
              finalUsage,
              startedAt,
              'ok',
              undefined,
              request.messageId,
              within,
            );
            return { ...outcome, stored: settled && within !== undefined };
          }
          const error = classifyProviderError(failure, clock.now().getTime());
          const outcome: LedgerOutcome = error.code === 'stopped' ? 'aborted' : text ? 'partial' : 'error';
          // Once the learner has seen tokens, switching provider would splice two different replies.
          if (text) {
            const usageForStop = usage ?? estimateUsage(sentText, text);
            call.usage = usageForStop;
            await record(
              context,
              reservation,
              link,
              usageForStop,
              startedAt,
              outcome,
              error.code,
              request.messageId,
            );
            return { status: 'partial', text, call, error };
          }
          await record(
            context,
            reservation,
            link,
            finalUsage,
            startedAt,
            outcome,
            error.code,
            request.messageId,
          );
          return { failure: error };
        },
      );
      if (!isFailure(result)) return result;
      return {
        status: delivered ? 'partial' : 'failed',
        text: delivered,
        call: lastCall,
        error: result.failure,
      };
    } finally {
      clearTimeout(totalTimer);
      request.abortSignal?.removeEventListener('abort', onOuterAbort);
    }
  };
}
