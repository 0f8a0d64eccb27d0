import { Worker } from 'node:worker_threads';
import type { SpellingIssue } from '../../contracts/tutor.ts';
import type { SpellRequest, SpellResponse } from './spelling-worker.ts';

/** Languages with a bundled Hunspell dictionary. */
export const spellingLanguages = ['es', 'fr', 'de', 'it', 'pt', 'en'] as const;

export type SpellChecker = {
  /** Misspelled words with up to five suggestions; [] for a language without a dictionary. */
  check(language: string, text: string): Promise<SpellingIssue[]>;
  /** Loads the dictionaries now, in the background (optional: they load on first use anyway). */
  warm(languages?: readonly string[]): void;
  close(): Promise<void>;
};

/**
 * Offline spelling checks in one worker thread, started on first use so the server's start is not
 * delayed. A check that takes longer than `timeoutMs` yields no issues rather than holding the
 * feedback back; a crashed worker is replaced on the next check.
 */
export function createSpellChecker(options: { maxIssues?: number; timeoutMs?: number } = {}): SpellChecker {
  const maxIssues = options.maxIssues ?? 8;
  const timeoutMs = options.timeoutMs ?? 5000;
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(issues: SpellingIssue[]): void; reject(error: Error): void }>();

  function failAll(error: Error) {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  }

  function ensureWorker(): Worker {
    if (worker) return worker;
    const started = new Worker(new URL('./spelling-worker.ts', import.meta.url));
    // Never keep the process alive just for spelling.
    started.unref();
    started.on('message', (response: SpellResponse) => {
      const request = pending.get(response.id);
      if (!request) return;
      pending.delete(response.id);
      if ('error' in response) request.reject(new Error(response.error));
      else request.resolve(response.issues);
    });
    started.on('error', (error) => {
      worker = undefined;
      failAll(error);
    });
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      failAll(new Error('the spelling worker stopped'));
    });
    worker = started;
    return started;
  }

  function send(language: string, text: string): Promise<SpellingIssue[]> {
    const id = nextId++;
    return new Promise<SpellingIssue[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const request: SpellRequest = { id, language, text, maxIssues };
      ensureWorker().postMessage(request);
    });
  }

  return {
    async check(language, text) {
      if (!(spellingLanguages as readonly string[]).includes(language) || !text.trim()) return [];
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<SpellingIssue[]>((resolve) => {
        timer = setTimeout(() => resolve([]), timeoutMs);
      });
      try {
        return await Promise.race([send(language, text), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    warm(languages = spellingLanguages) {
      for (const language of languages) send(language, 'a').catch(() => {});
    },
    async close() {
      const current = worker;
      worker = undefined;
      failAll(new Error('the spelling checker was closed'));
      await current?.terminate();
    },
  };
}
