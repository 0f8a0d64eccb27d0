import type { PriceTableView } from '../../../contracts/budget.ts';
import type { Message } from '../../../contracts/conversations.ts';
import type { Feedback, Persona, Scenario } from '../../../contracts/tutor.ts';
import {
  anthropic,
  detectedOllama,
  environmentMistral,
  makeDownload,
  makeList,
  makeLocalModels,
  makeProvider,
  pageRoutes,
  unreadableServer,
} from '../features/admin-providers/providers-test-data.ts';
import {
  cafeConversation,
  conversationRoutes,
  providersAvailable,
  providersMissing,
} from './conversation-screen.ts';
import { type FetchCall, json } from './dom.tsx';
import { makeMember, makeMessage, makeProgress, makeUser } from './fixtures.ts';

/**
 * The learning and admin sections' routes for the pseudo-language test (web/src/i18n/pseudo-locale.test.tsx),
 * each with the API answers its page needs to show everything it can: a failed reply, feedback, a notice.
 */
type Handler = (call: FetchCall) => Response | Promise<Response>;
/** `ready`: what must be on the page before it is read (a part that loads after the heading). */
export type RouteCase = { name: string; path: string; api: Record<string, Handler>; ready?: string };

const admin = makeUser({ role: 'admin', username: 'owner', isOwner: true });
const signedIn = (user = makeUser()) => ({ 'GET /api/me': () => json({ user, csrfToken: 'csrf-1' }) });

const feedback: Feedback = {
  learnerMessageId: 'm2',
  status: 'complete',
  policy: 'important',
  corrections: [
    {
      original: 'Yo quiero',
      corrected: 'Quiero',
      category: 'register',
      explanation: 'x',
      severity: 'minor',
      source: 'model',
      offset: 0,
      cardFront: null,
      translation: null,
      example: null,
    },
  ],
  hiddenCorrections: 2,
  rephrasing: 'Quisiera un café.',
  newVocabulary: [{ term: 'quisiera', translation: 'would like', note: null }],
  goalsMet: [],
  spelling: [{ word: 'cafe', offset: 12, suggestions: ['café'] }],
  languageNotice: null,
  message: null,
};

const scenario: Scenario = {
  id: 'cafe',
  title: 'At the café',
  description: 'Order a coffee.',
  category: 'restaurant',
  level: 'A2',
  builtIn: true,
  author: null,
  shared: false,
  editable: false,
  learnerRole: 'a customer',
  tutorRole: 'the waiter',
  setting: 'A café in Madrid.',
  goals: [
    { id: 'order', text: 'Order a drink' },
    { id: 'pay', text: 'Pay' },
  ],
  culturalNotes: [],
  vocabulary: { es: [{ text: 'la cuenta', meaning: 'the bill' }] },
  phrases: { es: [{ text: '¿Me cobra?' }] },
} as unknown as Scenario;

const persona: Persona = {
  id: 'friendly',
  name: 'Friendly Conversationalist',
  description: 'Relaxed small talk.',
  styleRules: ['Be warm.'],
  previewLine: 'How was your weekend?',
  builtIn: true,
  isDefault: true,
  visibility: 'builtin',
  editable: false,
};

const chat: Message[] = [
  makeMessage({ id: 'm1', role: 'tutor', text: '¡Hola! ¿Qué tal?' }),
  makeMessage({ id: 'm2', role: 'learner', text: 'Yo quiero un cafe', feedback }),
  makeMessage({ id: 'm3', role: 'tutor', text: 'Claro', status: 'partial', failureReason: 'timeout' }),
];

const dueCard = {
  id: 'card-1',
  deckId: 'deck-1',
  language: 'es',
  term: 'la manzana',
  translation: 'the apple',
  exampleSentence: 'Me gusta la manzana roja.',
  notes: '',
  partOfSpeech: 'noun',
  gender: 'feminine',
  source: 'manual',
  sourceMessageId: null,
  sourceRef: null,
  schedule: {
    state: 'review',
    due: '2026-11-24T09:00:00.000Z',
    stability: 3,
    difficulty: 5,
    scheduledDays: 3,
    learningSteps: 0,
    reps: 2,
    lapses: 0,
    lastReview: null,
  },
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
  preview: { again: '1 min', hard: '6 min', good: '10 min', easy: '4 days' },
};

const deck = {
  id: 'deck-1',
  language: 'es',
  name: 'Comida',
  description: '',
  cardCount: 12,
  dueCount: 3,
  newCount: 1,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
};

const readingText = {
  id: 't1',
  language: 'es',
  title: 'El mercado',
  source: 'paste',
  sourceUrl: null,
  sourceName: null,
  wordCount: 1200,
  shared: false,
  own: true,
  createdAt: '2026-11-24T10:00:00.000Z',
};

/** Home's dashboard with every card filled: two languages, a frozen day, mistakes, earned and locked achievements. */
function activeProgress() {
  const base = makeProgress();
  return makeProgress({
    languages: [
      { language: 'es', level: 'A2' },
      { language: 'fr', level: 'B1' },
    ],
    streak: {
      current: 9,
      longest: 12,
      activeToday: false,
      lastActiveDay: '2026-11-23',
      freezes: { held: 1, maxHeld: 2, earnEvery: 7, frozenDays: ['2026-11-22'], nextIn: 5 },
    },
    dailyGoal: {
      goalMinutes: 20,
      minutesToday: 12,
      days: base.dailyGoal.days.map((day, index) => ({ ...day, minutes: index % 3 })),
    },
    turns: { today: 4, last7Days: 20, total: 80, days: base.turns.days.map((day) => ({ ...day, count: 2 })) },
    words: { learned: 40, mature: 12, total: 60 },
    reviews: {
      dueNow: 3,
      newAvailable: 5,
      forecast: base.reviews.forecast.map((day) => ({ ...day, due: 2 })),
    },
    mistakes: {
      weeks: base.mistakes.weeks,
      categories: [
        { category: 'verb-tense', counts: base.mistakes.weeks.map((_, index) => index), total: 28 },
        { category: 'gender', counts: base.mistakes.weeks.map(() => 1), total: 8 },
      ],
    },
    scenarios: {
      completed: 1,
      started: 2,
      recent: [{ conversationId: 'c1', scenarioId: 'cafe', title: 'At the café' }],
    },
    xp: { ...base.xp, total: 1234, today: 48, level: 5, levelStartXp: 1000, nextLevelXp: 1500 },
    achievements: base.achievements.map((entry, index) =>
      index === 0 ? { ...entry, progress: entry.goal, earnedOn: '2026-11-03' } : entry,
    ),
  });
}

/** What the conversation screen's Tutor dialog loads when it opens. */
const tutorDialogRoutes = { 'GET /api/personas': () => json({ personas: [persona] }) };

export const learningRouteCases: RouteCase[] = [
  {
    name: 'home, an active learner',
    path: '/',
    ready: '.progress-dashboard',
    api: { ...signedIn(), 'GET /api/progress': () => json(activeProgress()) },
  },
  {
    name: 'home, a child',
    path: '/',
    ready: '.progress-dashboard',
    api: { ...signedIn(makeUser({ isChild: true })), 'GET /api/progress': () => json(activeProgress()) },
  },
  {
    name: 'home, day one',
    path: '/',
    ready: '.progress-empty',
    api: { ...signedIn(), 'GET /api/progress': () => json(makeProgress()) },
  },
  {
    name: 'conversation list',
    path: '/conversations',
    api: {
      ...signedIn(),
      'GET /api/providers': () => json(providersAvailable),
      'GET /api/conversations?limit=100': () =>
        json({
          conversations: [
            {
              ...cafeConversation,
              messageCount: 3,
              lastMessageAt: '2026-11-24T09:00:00.000Z',
              preview: 'Claro',
            },
          ],
        }),
    },
  },
  {
    name: 'conversation list, empty, no provider (admin)',
    path: '/conversations',
    api: {
      ...signedIn(admin),
      'GET /api/providers': () => json(providersMissing(true)),
      'GET /api/conversations?limit=100': () => json({ conversations: [] }),
    },
  },
  {
    name: 'conversation screen',
    path: '/conversations/c1',
    api: conversationRoutes(chat, tutorDialogRoutes, { providers: providersMissing(false) }),
  },
  {
    name: 'conversation screen, no provider (admin)',
    path: '/conversations/c1',
    api: conversationRoutes(chat, tutorDialogRoutes, { user: admin, providers: providersMissing(true) }),
    ready: '.provider-notice',
  },
  {
    name: 'a role-play, with feedback, the aside and a failed reply',
    path: '/conversations/c1',
    ready: '.goal-list li, .message-failure, [data-testid="feedback"] .corrections',
    api: conversationRoutes(
      chat,
      {
        'GET /api/conversations/c1?limit=50': () =>
          json({
            conversation: { ...cafeConversation, scenarioId: 'cafe', mode: 'scenario', messageCount: 3 },
            messages: chat,
            hasMore: false,
          }),
        'GET /api/scenarios/cafe': () => json({ scenario }),
        'GET /api/vocabulary/conversation-cards?conversationId=c1': () => json({ cards: [] }),
        ...tutorDialogRoutes,
      },
      { providers: providersAvailable },
    ),
  },
  {
    name: 'personas and scenarios',
    path: '/tutor',
    ready: '.persona-card',
    api: {
      ...signedIn(admin),
      'GET /api/me/tutor-preferences': () => json({ preferences: { subject: null, learnerLevel: null } }),
      'GET /api/personas': () =>
        json({
          personas: [
            persona,
            {
              ...persona,
              id: 'mine',
              name: 'Coach',
              builtIn: false,
              isDefault: false,
              visibility: 'private',
              editable: true,
            },
          ],
        }),
      'GET /api/scenarios': () =>
        json({
          scenarios: [
            scenario,
            { ...scenario, id: 'own', builtIn: false, author: 'owner', shared: true, editable: true },
          ],
        }),
    },
  },
  {
    name: 'vocabulary review',
    path: '/vocabulary',
    ready: '.review-card, .bar-chart, figure',
    api: {
      ...signedIn(),
      'GET /api/vocabulary/due?limit=20': () =>
        json({ cards: [dueCard], nextCursor: null, dueCount: 3, newAvailable: 1, nextDueAt: null }),
      'GET /api/vocabulary/forecast?days=30': () =>
        json({
          days: [
            { date: '2026-11-24', due: 3 },
            { date: '2026-11-25', due: 5 },
          ],
          newAvailable: 1,
        }),
    },
  },
  {
    name: 'vocabulary review, nothing due',
    path: '/vocabulary',
    ready: '.review-done',
    api: {
      ...signedIn(),
      'GET /api/vocabulary/due?limit=20': () =>
        json({
          cards: [],
          nextCursor: null,
          dueCount: 0,
          newAvailable: 0,
          nextDueAt: '2026-11-25T09:00:00.000Z',
        }),
      'GET /api/vocabulary/forecast?days=30': () => json({ days: [], newAvailable: 0 }),
    },
  },
  {
    name: 'decks',
    path: '/vocabulary/decks',
    ready: '.deck-item',
    api: { ...signedIn(), 'GET /api/vocabulary/decks': () => json({ decks: [deck] }) },
  },
  {
    name: 'a deck and its words',
    path: '/vocabulary/decks/deck-1',
    ready: '.word-item',
    api: {
      ...signedIn(),
      'GET /api/vocabulary/decks/deck-1': () => json({ deck }),
      'GET /api/vocabulary/cards?deckId=deck-1&limit=50': () =>
        json({ cards: [dueCard], nextCursor: 'next' }),
    },
  },
  {
    name: 'grammar topics',
    path: '/grammar',
    ready: '.topic',
    api: {
      ...signedIn(),
      'GET /api/grammar/topics?language=es': () =>
        json({
          language: 'es',
          topics: [
            {
              id: 'preterite',
              level: 'A2',
              title: 'The preterite',
              summary: 'Finished actions.',
              example: 'Ayer hablé con ella.',
              drill: { type: 'conjugation', verbs: ['hablar'], tenses: ['preterite'] },
            },
          ],
        }),
    },
  },
  {
    name: 'conjugation drill',
    path: '/grammar/conjugation?language=es',
    ready: '.checkbox-grid',
    api: {
      ...signedIn(),
      'GET /api/grammar/conjugation/es': () =>
        json({
          language: 'es',
          persons: ['yo', 'tú'],
          tenses: [{ id: 'present', name: 'presente', english: 'present', gloss: 'present', level: 'A1' }],
          verbs: [{ infinitive: 'hablar', english: 'to speak', irregular: false, tenses: ['present'] }],
        }),
    },
  },
  { name: 'article drill', path: '/grammar/articles', ready: '.drill-card', api: signedIn() },
  { name: 'grammar exercises', path: '/grammar/exercises', ready: '.exercises form', api: signedIn() },
  {
    name: 'reading library',
    path: '/reading',
    ready: '.reading-texts li',
    api: {
      ...signedIn(admin),
      'GET /api/reading/texts': () =>
        json({
          texts: [
            { ...readingText, shared: true },
            { ...readingText, id: 't2', title: 'De Ana', own: false, shared: true },
          ],
        }),
    },
  },
  {
    name: 'the reader',
    path: '/reading/t1',
    ready: '.reading-coverage',
    api: {
      ...signedIn(),
      'GET /api/reading/texts/t1/view': () =>
        json({
          text: readingText,
          sentences: [['', 'Hola', ' ', 'mundo', '.']],
          words: { hola: { status: 'known', count: 1 }, mundo: { status: 'new', count: 1 } },
          coverage: { words: 2, known: 1, learning: 0, new: 1, knownShare: 0.5, newShare: 0.5 },
          thresholds: { comfortable: 0.98, adequate: 0.95 },
        }),
    },
  },
];

const childConversation = { ...cafeConversation, messageCount: 3, lastMessageAt: '2026-11-24T09:05:00.000Z' };
const childList = {
  member: { id: 'child-id', username: 'leo' },
  conversations: [{ ...childConversation, preview: 'Claro' }],
};

/** The admin pages (features/admin, features/admin-usage). */
const rates = {
  input: 1_000_000,
  output: 5_000_000,
  cacheRead: 100_000,
  cacheWrite5m: 1_250_000,
  cacheWrite1h: 2_000_000,
};
const priceTable: PriceTableView = {
  effectiveDate: '2026-10-01',
  source: 'Vendors’ price pages.',
  units: 'USD per million tokens',
  notes: [],
  ageDays: 54,
  stale: false,
  fallbackRule: 'highest',
  fallbackRates: { ...rates, input: 5_000_000, output: 25_000_000 },
  models: [
    {
      ...rates,
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      origin: 'table',
      overriddenBy: null,
      overriddenAt: null,
    },
    {
      ...rates,
      provider: 'mistral',
      model: 'mistral-small-latest',
      origin: 'override',
      overriddenBy: 'owner',
      overriddenAt: '2026-11-20T10:00:00.000Z',
    },
  ],
  speech: [],
};

export const adminRouteCases: RouteCase[] = [
  {
    name: 'members',
    path: '/admin/members',
    ready: '.members-table tbody tr',
    api: {
      ...signedIn(admin),
      'GET /api/admin/members': () =>
        json({
          members: [
            makeMember({ ...admin, lastSeenAt: '2026-11-24T09:00:00.000Z' }),
            makeMember({ id: 'child-id', username: 'leo', isChild: true }),
            makeMember({ id: 'u3', username: 'ana', disabled: true, email: 'ana@example.org' }),
          ],
        }),
    },
  },
  {
    name: "a child's transcripts",
    path: '/admin/members/child-id/transcripts',
    ready: '.conversation-item',
    api: {
      ...signedIn(admin),
      'GET /api/admin/members/child-id/conversations?limit=100': () => json(childList),
    },
  },
  {
    name: 'a transcript',
    path: '/admin/members/child-id/transcripts/c1',
    ready: '.messages li, [data-testid="feedback"]',
    api: {
      ...signedIn(admin),
      'GET /api/admin/members/child-id/conversations?limit=100': () => json(childList),
      'GET /api/admin/members/child-id/conversations/c1?limit=50': () =>
        json({ conversation: childConversation, hasMore: true, messages: chat }),
    },
  },
  {
    name: 'server settings',
    path: '/admin/settings',
    ready: 'input[name="defaultCorrectionPolicy"]',
    api: {
      ...signedIn(admin),
      'GET /api/admin/settings': () => json({ openSignup: false, defaultCorrectionPolicy: 'important' }),
    },
  },
  {
    name: 'usage and budgets',
    path: '/admin/usage',
    ready: '.member-budgets tbody tr',
    api: {
      ...signedIn(admin),
      'GET /api/admin/usage': () =>
        json({
          period: {
            month: '2026-11',
            start: '2026-11-01T00:00:00.000Z',
            end: '2026-12-01T00:00:00.000Z',
            timeZone: 'UTC',
            current: true,
          },
          server: {
            monthlyCapMicros: 20_000_000,
            policy: 'block',
            downgradeChain: { links: [], source: null, effective: [] },
            defaultMemberMonthlyCapMicros: null,
            defaultMemberDailyCapMicros: 1_000_000,
            timeZone: 'UTC',
            spentMicros: 1_250_000,
            reservedMicros: 10_000,
            remainingMicros: 18_740_000,
          },
          members: [
            {
              id: 'child-id',
              username: 'leo',
              role: 'learner',
              isChild: true,
              disabled: false,
              budget: {
                userId: 'child-id',
                monthlyCapMicros: null,
                dailyCapMicros: 500_000,
                effectiveMonthlyCapMicros: null,
                effectiveDailyCapMicros: 500_000,
              },
              spentMicros: 250_000,
              todaySpentMicros: 10_000,
              reservedMicros: 0,
              calls: 12,
            },
          ],
          formerMembersSpentMicros: 100_000,
          daily: [],
          byProvider: [],
          byModel: [],
          byPurpose: [],
          unknownModels: [],
          prices: { effectiveDate: '2026-11-01', ageDays: 120, stale: true },
        }),
      // The price table loads when its section is opened; its rows open the override dialog.
      'GET /api/admin/prices': () => json(priceTable),
    },
  },
  {
    name: 'AI providers, with every kind of state',
    path: '/admin/providers',
    ready: '.local-model, .chain-editor, .download-progress, .local-file, .provider-card',
    api: pageRoutes(
      makeList({
        providers: [
          anthropic,
          environmentMistral,
          detectedOllama,
          unreadableServer,
          makeProvider({
            id: 'tiny',
            name: 'Tiny model',
            kind: 'local',
            modelFile: 'tiny.gguf',
            hasKey: false,
            local: true,
            models: Array.from({ length: 8 }, (_, index) => `tiny-${index}`),
          }),
        ],
        chains: [
          {
            role: 'feedback',
            language: 'pt',
            links: [
              { provider: 'anthropic', model: 'claude-sonnet-4-6' },
              { provider: 'gone', model: 'old-model' },
            ],
            source: 'app',
          },
        ],
        speechChains: [
          {
            function: 'speak',
            links: [{ provider: 'mistral', model: 'voxtral-mini-latest', voice: 'alloy' }],
            source: 'environment',
          },
          { function: 'transcribe', links: [], source: 'none' },
        ],
      }),
      makeLocalModels({
        catalogue: [
          { ...makeLocalModels().catalogue[0]!, sizeBytes: 1_100_000_000 },
          {
            ...makeLocalModels().catalogue[0]!,
            id: 'big',
            name: 'Big model',
            sizeClass: '5gb',
            file: 'big.gguf',
            memoryBytes: 20_000_000_000,
            sizeBytes: 60_000_000_000,
            downloaded: false,
            verified: true,
          },
          {
            ...makeLocalModels().catalogue[0]!,
            id: 'mid',
            name: 'Mid model',
            sizeClass: '2gb',
            file: 'mid.gguf',
            memoryBytes: 12_000_000_000,
            downloaded: true,
            verified: true,
          },
        ],
        files: [
          {
            file: 'tiny.gguf',
            sizeBytes: 900_000_000,
            catalogueId: null,
            verified: false,
            sha256: null,
            providerId: 'tiny',
          },
          {
            file: 'mid.gguf',
            sizeBytes: 2_100_000_000,
            catalogueId: 'mid',
            verified: true,
            sha256: null,
            providerId: null,
          },
        ],
        downloads: [
          makeDownload({
            receivedBytes: 500_000_000,
            totalBytes: 1_100_000_000,
            bytesPerSecond: 10_000_000,
            secondsLeft: 3700,
          }),
        ],
      }),
    ),
  },
  {
    name: 'AI providers, none yet and no key storage',
    path: '/admin/providers',
    ready: '.local-model',
    api: pageRoutes(
      makeList({ providers: [], canStoreKeys: false, keyStorage: 'unavailable' }),
      makeLocalModels({ freeDiskBytes: null }),
    ),
  },
];
