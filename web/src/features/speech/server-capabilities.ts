import { useEffect, useSyncExternalStore } from 'react';
import type { SpeechCapabilities } from '../../../../contracts/speech.ts';
import { api } from '../../lib/api-client.ts';

/**
 * What the server's speech can do for a language (`GET /api/speech/capabilities`): asked once per
 * language per page load, only by screens that may need it, and asked again after a refusal (a cap
 * reached, speech removed) so the screen stops offering what no longer works.
 */

type Entry = { caps: SpeechCapabilities | null };

const unknown: SpeechCapabilities = {
  transcribe: { available: false, reason: null },
  speak: { available: false, reason: null, voices: [], defaultVoice: null },
  maxSeconds: 0,
  maxBytes: 0,
};

const cache = new Map<string, Entry>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function load(language: string) {
  if (cache.has(language)) return;
  const entry: Entry = { caps: null };
  cache.set(language, entry);
  api
    .get<SpeechCapabilities>(`/api/speech/capabilities?language=${encodeURIComponent(language)}`)
    .then((caps) => {
      if (cache.get(language) !== entry) return;
      entry.caps = caps;
      notify();
    })
    // Not reachable, or an older server: no server speech here (for no known reason).
    .catch(() => {
      if (cache.get(language) !== entry) return;
      entry.caps = unknown;
      notify();
    });
}

/** Forgets every answer: the next reader asks the server again. */
export function refreshSpeechCapabilities() {
  cache.clear();
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The server's speech for `language`; null until known, and never asked while `wanted` is false. */
export function useSpeechCapabilities(language: string, wanted = true): SpeechCapabilities | null {
  const caps = useSyncExternalStore(
    subscribe,
    // The entry's own field: a new object only when the answer arrives, as the store requires.
    () => cache.get(language)?.caps ?? null,
    () => null,
  );
  const ask = wanted && language !== '';
  useEffect(() => {
    if (ask) load(language);
  });
  return ask ? caps : null;
}
