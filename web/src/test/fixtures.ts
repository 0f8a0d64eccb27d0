import type { Member } from '../../../contracts/admin.ts';
import type { User } from '../../../contracts/auth.ts';
import type { Message } from '../../../contracts/conversations.ts';

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
      correctionPolicy: 'important',
      explanationLanguage: 'native',
      preferredPersona: null,
      voice: { rate: 1, voiceName: null, autoSpeak: false },
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
