import type { Config } from '../config.ts';
import { msg } from '../i18n/messages.ts';
import { ModelError } from './errors.ts';

/** setTimeout as a promise that an abort ends early (the retry runner's default sleep). */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Per-attempt timers: until response headers (connect) and until the first token. */
export function attemptTimers(parent: AbortSignal | undefined, config: Config) {
  const controller = new AbortController();
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onParentAbort = () => abort(parent?.reason ?? new ModelError('stopped', msg('errors.model.stopped')));
  if (parent?.aborted) onParentAbort();
  parent?.addEventListener('abort', onParentAbort, { once: true });
  let connectTimer: NodeJS.Timeout | undefined;
  const firstTokenTimer = setTimeout(
    () => abort(new ModelError('timeout', msg('errors.model.noStart'), { retryable: true })),
    config.LLM_FIRST_TOKEN_TIMEOUT_MS,
  );
  const timedFetch: typeof fetch = async (input, init) => {
    connectTimer = setTimeout(
      () => abort(new ModelError('timeout', msg('errors.model.connectTimeout'), { retryable: true })),
      config.LLM_CONNECT_TIMEOUT_MS,
    );
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(connectTimer);
    }
  };
  return {
    signal: controller.signal,
    timedFetch,
    abort,
    firstToken: () => clearTimeout(firstTokenTimer),
    dispose: () => {
      clearTimeout(firstTokenTimer);
      clearTimeout(connectTimer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
