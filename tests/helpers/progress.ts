import type { XpKind } from '../../contracts/progress.ts';
import type { LearningHistory } from '../../server/progress/xp.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { fakeProviderEnv, startTestApp, type TestApp } from './test-app.ts';

/** A learning history with nothing in it but what `overrides` gives (the daily goal is 15 minutes). */
export function makeHistory(overrides: Partial<LearningHistory> = {}): LearningHistory {
  return {
    stretches: [],
    correctRuns: { longest: 0, reachedAt: null },
    goals: [],
    rolePlays: [],
    matureCards: [],
    goalChanges: [],
    goalMinutes: 15,
    ...overrides,
  };
}

/** A day's XP: 0 for every kind but those given. */
export function makeDayXp(xp: Partial<Record<XpKind, number>> = {}): Record<XpKind, number> {
  return { turns: 0, reviews: 0, grammar: 0, goals: 0, 'role-plays': 0, 'daily-goal': 0, ...xp };
}

/**
 * The progress API tests' server: replies and feedback from the fake Anthropic, days in Europe/Madrid
 * (UTC+1 in November), so that a local day and a UTC day differ.
 */
export async function startProgressTestApp(): Promise<{ fake: FakeLlm; testApp: TestApp }> {
  const fake = await startFakeLlm();
  const testApp = await startTestApp({
    env: {
      ...fakeProviderEnv(fake),
      LLM_CHAIN_CONVERSATION: 'anthropic',
      LLM_CHAIN_FEEDBACK: 'anthropic',
      TIME_ZONE: 'Europe/Madrid',
    },
  });
  return { fake, testApp };
}
