import type { Member } from '../../../contracts/admin.ts';
import type { User } from '../../../contracts/auth.ts';
import type { Message } from '../../../contracts/conversations.ts';
import { type Progress, xpKinds } from '../../../contracts/progress.ts';

export function makeUser(overrides: Partial<User> = {}, profile: Partial<User['profile']> = {}): User {
  return {
    id: '0195f0a0-0000-7000-8000-000000000001',
    username: 'ana',
    email: null,
    role: 'learner',
    isChild: false,
    isOwner: false,
    disabled: false,
    createdAt: '2026-11-24T02:46:02.123Z',
    ...overrides,
    profile: {
      nativeLanguage: 'en',
      targetLanguages: [{ language: 'es', level: 'A2' }],
      dailyGoalMinutes: 15,
      correctionPolicy: null,
      defaultCorrectionPolicy: 'important',
      explanationLanguage: 'native',
      preferredPersona: null,
      voice: {
        rate: 1,
        voiceNames: {},
        autoSpeak: false,
        engine: 'auto',
        serverVoices: {},
        storeAudio: false,
      },
      interfaceLanguage: 'en',
      onboarded: true,
      ...profile,
    },
  };
}

export function makeMember(overrides: Partial<Member> = {}): Member {
  return { ...makeUser(overrides), lastSeenAt: overrides.lastSeenAt ?? null };
}

/** A stored conversation message; a complete one with no provider details unless overridden. */
export function makeMessage(overrides: Partial<Message> & Pick<Message, 'id' | 'role' | 'text'>): Message {
  return {
    status: 'complete',
    failureReason: null,
    failureMessage: null,
    replyTo: null,
    provider: null,
    model: null,
    usage: null,
    latencyMs: null,
    createdAt: '2026-11-24T09:01:00.000Z',
    ...overrides,
  };
}

/** `count` calendar dates ending with `last`, oldest first. */
function datesEnding(last: string, count: number): string[] {
  const end = Date.parse(`${last}T00:00:00.000Z`);
  return Array.from({ length: count }, (_, index) =>
    new Date(end - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** The dashboard of a learner with no activity at all on 24 Nov 2026; override the sections to fill it. */
export function makeProgress(overrides: Partial<Progress> = {}): Progress {
  const today = '2026-11-24';
  const days = datesEnding(today, 30);
  return {
    member: { id: '0195f0a0-0000-7000-8000-000000000001', username: 'ana' },
    language: 'es',
    languages: [{ language: 'es', level: 'A2' }],
    timeZone: 'UTC',
    today,
    streak: {
      current: 0,
      longest: 0,
      activeToday: false,
      lastActiveDay: null,
      freezes: { held: 0, maxHeld: 2, earnEvery: 7, frozenDays: [], nextIn: 7 },
    },
    dailyGoal: { goalMinutes: 15, minutesToday: 0, days: days.map((date) => ({ date, minutes: 0 })) },
    turns: { today: 0, last7Days: 0, total: 0, days: days.map((date) => ({ date, count: 0 })) },
    words: { learned: 0, mature: 0, total: 0 },
    reviews: {
      dueNow: 0,
      newAvailable: 0,
      forecast: datesEnding('2026-12-07', 14).map((date) => ({ date, due: 0 })),
    },
    mistakes: {
      // The Mondays of the last 8 weeks.
      weeks: datesEnding('2026-11-23', 50).filter((_, index) => index % 7 === 0),
      categories: [],
    },
    scenarios: { completed: 0, started: 0, recent: [] },
    level: { level: 'A2', basis: 'self-assessed' },
    xp: {
      total: 0,
      today: 0,
      level: 1,
      levelStartXp: 0,
      nextLevelXp: 100,
      kinds: xpKinds.map((kind) => ({ kind, today: 0, total: 0 })),
    },
    // A few of the server's catalogue, all locked.
    achievements: [
      {
        id: 'first-turn',
        title: 'First words',
        description: 'Send a first conversation turn of 10 characters or more.',
        goal: 1,
        progress: 0,
        earnedOn: null,
      },
      {
        id: 'reviews-100',
        title: 'Hundred reviews',
        description: 'Review vocabulary cards 100 times.',
        goal: 100,
        progress: 0,
        earnedOn: null,
      },
      {
        id: 'streak-7',
        title: 'One week',
        description: 'Practise 7 days in a row.',
        goal: 7,
        progress: 0,
        earnedOn: null,
      },
    ],
    ...overrides,
  };
}
