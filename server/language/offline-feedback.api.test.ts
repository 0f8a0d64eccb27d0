import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../contracts/conversations.ts';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  fakeProviderEnv,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { sendTurn, startConversation } from '../../tests/helpers/turns.ts';
import {
  type FakeLanguageTool,
  startFakeLanguageTool,
} from '../../tools/fake-languagetool/fake-languagetool.ts';
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';

const feedbackOf = (events: TurnEvent[]) =>
  events.find((event): event is Extract<TurnEvent, { type: 'feedback' }> => event.type === 'feedback');

const noFeedback = { corrections: [], rephrasing: null, newVocabulary: [], goalsMet: [] };

/** LanguageTool's own findings on the test sentence: one Charla's rules also make, one they do not. */
const languageToolRules = [
  {
    find: 'tenia',
    replacements: ['tenía'],
    id: 'MORFOLOGIK_RULE_ES',
    categoryId: 'TYPOS',
    issueType: 'misspelling',
    message: 'Se ha encontrado un posible error ortográfico.',
  },
  {
    find: 'a el',
    replacements: ['al'],
    id: 'A_EL',
    categoryId: 'GRAMMAR',
    issueType: 'grammar',
    message: 'La preposición «a» y el artículo «el» se contraen en «al».',
  },
];

describe.skipIf(postgresUnavailable())('offline corrections in a turn', () => {
  let fake: FakeLlm;
  let languageTool: FakeLanguageTool;
  let testApp: TestApp;
  let learner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    languageTool = await startFakeLanguageTool(languageToolRules);
    testApp = await startTestApp({
      env: {
        ...fakeProviderEnv(fake),
        LLM_CHAIN_CONVERSATION: 'anthropic',
        LLM_CHAIN_FEEDBACK: 'anthropic',
        LLM_MAX_RETRIES: '0',
        LANGUAGETOOL_URL: languageTool.url,
        LANGUAGETOOL_TIMEOUT_MS: '400',
      },
    });
    const owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'learner' })).client;
    await onboard(learner, 'es', 'A2', 'en');
  }, 60_000);
  afterAll(async () => {
    await testApp.close();
    await languageTool.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    languageTool.reset();
  });

  const text = 'Mañana voy a el parque. Yo tenia un perro y el es muy bonito.';

  it('merges a context rule and a LanguageTool match into the feedback, once each, with their rule ids', async () => {
    const conversationId = await startConversation(learner, { language: 'es', correctionPolicy: 'all' });
    fake.script({ provider: 'anthropic', structured: true, json: noFeedback });
    const turn = await sendTurn(learner, conversationId, text);
    const feedback = feedbackOf(turn.events);
    expect(feedback?.status).toBe('complete');
    const corrections = feedback?.corrections ?? [];
    // "tenia" is found by both Charla's rule and LanguageTool: it is listed once, as Charla's.
    expect(corrections.filter((correction) => correction.original === 'tenia')).toEqual([
      expect.objectContaining({ corrected: 'tenía', offset: 27, rule: 'ES_TENIA_PAST', checker: 'charla' }),
    ]);
    expect(corrections).toContainEqual(
      expect.objectContaining({ original: 'el', corrected: 'él', offset: 44, rule: 'ES_EL_PRONOUN' }),
    );
    expect(corrections).toContainEqual(
      expect.objectContaining({
        original: 'a el',
        corrected: 'al',
        offset: 11,
        category: 'other',
        rule: 'A_EL',
        checker: 'languagetool',
      }),
    );
    const offsets = corrections.map((correction) => correction.offset);
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(feedback?.spelling).toEqual([]);
    // The explanation is in the learner's explanation language (native English by default).
    expect(corrections.find((correction) => correction.original === 'el')?.explanation).toMatch(/pronoun/);

    expect(languageTool.requests()).toEqual([
      { path: '/v2/check', text, language: 'es', motherTongue: 'en-US' },
    ]);
    const stored = await testApp.database.db
      .selectFrom('message_feedback')
      .select('corrections_json')
      .where('message_id', '=', feedback?.learnerMessageId ?? '')
      .executeTakeFirstOrThrow();
    const rules = (JSON.parse(stored.corrections_json) as Array<{ rule?: string }>)
      .map((item) => item.rule)
      .sort();
    expect(rules).toEqual(['A_EL', 'ES_EL_PRONOUN', 'ES_TENIA_PAST']);
  });

  it('goes on without LanguageTool when it is too slow, keeping its own corrections', async () => {
    const conversationId = await startConversation(learner, { language: 'es', correctionPolicy: 'all' });
    fake.script({ provider: 'anthropic', structured: true, json: noFeedback });
    languageTool.fault({ delayMs: 2000 });
    const started = Date.now();
    const turn = await sendTurn(learner, conversationId, text);
    expect(Date.now() - started).toBeLessThan(1800);
    expect(turn.events.at(-1)?.type).toBe('done');
    const rules = (feedbackOf(turn.events)?.corrections ?? []).map(
      (correction) => (correction as { rule?: string }).rule,
    );
    expect(rules.sort()).toEqual(['ES_EL_PRONOUN', 'ES_TENIA_PAST']);
  });

  it('keeps a model correction of the same words instead of the offline one', async () => {
    const conversationId = await startConversation(learner, { language: 'es', correctionPolicy: 'all' });
    fake.script({
      provider: 'anthropic',
      structured: true,
      json: {
        ...noFeedback,
        corrections: [
          {
            original: 'el es',
            corrected: 'él es',
            category: 'spelling',
            explanation: 'He: él.',
            severity: 'moderate',
          },
        ],
      },
    });
    const turn = await sendTurn(learner, conversationId, text);
    const corrections = feedbackOf(turn.events)?.corrections ?? [];
    expect(corrections.filter((correction) => correction.offset === 44)).toEqual([
      expect.objectContaining({ original: 'el es', source: 'model' }),
    ]);
  });

  it('reports English words in a Spanish message as English, not as misspellings', async () => {
    const conversationId = await startConversation(learner, { language: 'es', correctionPolicy: 'all' });
    fake.script({ provider: 'anthropic', structured: true, json: noFeedback });
    const turn = await sendTurn(learner, conversationId, 'La película fue muy boring y me dormí.');
    const feedback = feedbackOf(turn.events);
    expect(feedback?.spelling).toEqual([]);
    expect(feedback?.languageNotice).toMatchObject({ detected: 'en' });
    expect(feedback?.languageNotice?.message).toContain('“boring” is a word in English');
  });
});
