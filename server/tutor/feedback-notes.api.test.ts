import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { type FakeLlm, startFakeLlm } from '../../tools/fake-llm/fake-llm.ts';
import { up as convertStoredNotes } from '../db/migrations/202612071200-feedback-note-codes.ts';

const feedbackOf = (events: TurnEvent[]) =>
  events.find((event): event is Extract<TurnEvent, { type: 'feedback' }> => event.type === 'feedback');

const noFeedback = { corrections: [], rephrasing: null, newVocabulary: [], goalsMet: [] };

const spanish = {
  malformed:
    'Las correcciones no están disponibles para este mensaje: el análisis llegó con un formato incorrecto.',
  budget:
    'Las correcciones no están disponibles para este mensaje: el presupuesto de IA no cubre el análisis en este momento.',
  timeout: 'Las correcciones no están disponibles para este mensaje: el análisis tardó demasiado.',
  looksEnglish:
    'Este mensaje parece estar en inglés. Intenta decirlo en español; el tutor te ayudará si te atascas.',
  boring:
    '«boring» es una palabra en inglés, no en español. Intenta decirlo en español; el tutor te ayudará si te atascas.',
  twoWords:
    '«boring» y «weekend» son palabras en inglés, no en español. Intenta decirlo en español; el tutor te ayudará si te atascas.',
};
const german = {
  malformed:
    'Für diese Nachricht sind keine Korrekturen verfügbar: Die Analyse kam in einem ungültigen Format zurück.',
  budget:
    'Für diese Nachricht sind keine Korrekturen verfügbar: Das KI-Budget reicht gerade nicht für die Analyse.',
  timeout: 'Für diese Nachricht sind keine Korrekturen verfügbar: Die Analyse hat zu lange gedauert.',
  looksEnglish:
    'Diese Nachricht sieht nach Englisch aus. Versuch, es auf Spanisch zu sagen; der Tutor hilft dir, wenn du nicht weiterkommst.',
  boring:
    '„boring“ ist ein Wort auf Englisch, nicht auf Spanisch. Versuch, es auf Spanisch zu sagen; der Tutor hilft dir, wenn du nicht weiterkommst.',
  twoWords:
    '„boring“ und „weekend“ sind Wörter auf Englisch, nicht auf Spanisch. Versuch, es auf Spanisch zu sagen; der Tutor hilft dir, wenn du nicht weiterkommst.',
};

/**
 * Issue 18: the notes stored with a learner message's feedback (why corrections are unavailable, that
 * the message looks like another language) are stored as codes and worded in the reader's interface
 * language when read — in the turn's stream, the conversation page and after a language switch — and
 * the English notes stored before are converted by a migration.
 */
describe.skipIf(postgresUnavailable())('feedback notes in the reader’s language', () => {
  let fake: FakeLlm;
  let testApp: TestApp;
  let learner: TestClient;

  beforeAll(async () => {
    fake = await startFakeLlm();
    testApp = await startTestApp({
      env: {
        ...fakeProviderEnv(fake),
        LLM_CHAIN_CONVERSATION: 'anthropic',
        LLM_CHAIN_FEEDBACK: 'anthropic',
        LLM_MAX_RETRIES: '0',
      },
    });
    const owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'lucia' })).client;
    await onboard(learner, 'es', 'A2', 'en');
  }, 60_000);
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  async function speak(language: 'es' | 'de') {
    const changed = await learner.patch('/api/me/profile', { interfaceLanguage: language });
    expect(changed.status).toBe(200);
  }

  async function feedbackRead(conversationId: string) {
    const page = await learner.get(`/api/conversations/${conversationId}`);
    expect(page.status).toBe(200);
    return (page.body.messages as Array<{ role: string; feedback?: { message: string | null } & object }>)
      .filter((message) => message.role === 'learner')
      .map((message) => message.feedback as { message: string | null; languageNotice: unknown });
  }

  const storedRows = (conversationId: string) =>
    testApp.database.db
      .selectFrom('message_feedback')
      .select(['message_id', 'error_code', 'error_message', 'language_notice_json'])
      .where('conversation_id', '=', conversationId)
      .orderBy('message_id')
      .execute();

  it('stores why corrections are unavailable as a code and words it for each reader', async () => {
    await speak('es');
    const conversationId = await startConversation(learner, { language: 'es' });
    fake.script({ provider: 'anthropic', structured: true, text: '{"corrections": [ not json' });
    const turn = await sendTurn(learner, conversationId, 'Estoy bien, gracias');
    expect(feedbackOf(turn.events)).toMatchObject({ status: 'unavailable', message: spanish.malformed });

    expect(await storedRows(conversationId)).toEqual([
      expect.objectContaining({ error_code: 'output_invalid', error_message: null }),
    ]);
    expect((await feedbackRead(conversationId))[0]?.message).toBe(spanish.malformed);
    await speak('de');
    expect((await feedbackRead(conversationId))[0]?.message).toBe(german.malformed);
  });

  it('stores the language notices as codes and words them for each reader', async () => {
    await speak('es');
    const conversationId = await startConversation(learner, { language: 'es', correctionPolicy: 'all' });
    fake.script({ provider: 'anthropic', structured: true, json: noFeedback });
    const whole = await sendTurn(
      learner,
      conversationId,
      'I would like to talk about my weekend plans today',
    );
    expect(feedbackOf(whole.events)?.languageNotice).toEqual({
      detected: 'en',
      message: spanish.looksEnglish,
    });
    fake.script({ provider: 'anthropic', structured: true, json: noFeedback });
    const word = await sendTurn(learner, conversationId, 'La película fue muy boring y me dormí.');
    expect(feedbackOf(word.events)?.languageNotice).toEqual({ detected: 'en', message: spanish.boring });

    const notices = (await storedRows(conversationId)).map((row) =>
      JSON.parse(row.language_notice_json ?? 'null'),
    );
    expect(notices).toEqual([
      { kind: 'message', detected: 'en', target: 'es' },
      { kind: 'words', detected: 'en', target: 'es', words: ['boring'] },
    ]);

    await speak('de');
    expect((await feedbackRead(conversationId)).map((feedback) => feedback.languageNotice)).toEqual([
      { detected: 'en', message: german.looksEnglish },
      { detected: 'en', message: german.boring },
    ]);
  });

  it('converts the English notes stored before issue 18, and keeps a text it cannot read as it is', async () => {
    await speak('es');
    const conversationId = await startConversation(learner, { language: 'es', correctionPolicy: 'all' });
    for (const text of ['Hola, ¿qué tal?', 'Muy bien, gracias.', 'Hasta luego.', 'Nos vemos.']) {
      fake.script({ provider: 'anthropic', structured: true, json: noFeedback });
      await sendTurn(learner, conversationId, text);
    }
    const ids = (await storedRows(conversationId)).map((row) => row.message_id);
    expect(ids).toHaveLength(4);
    // Rows as the server wrote them before: English sentences beside their codes.
    const oldRows = [
      {
        status: 'unavailable',
        error_code: 'budget_exceeded',
        error_message:
          'Corrections are unavailable for this message: the AI budget cannot cover the analysis right now.',
        language_notice_json: JSON.stringify({
          detected: 'en',
          message:
            'This message looks like English. Try saying it in Spanish; the tutor will help if you are stuck.',
        }),
      },
      {
        // An earlier version put the model error's own words after the colon.
        status: 'unavailable',
        error_code: 'timeout',
        error_message: 'Corrections are unavailable for this message: The model took too long to answer.',
        language_notice_json: JSON.stringify({
          detected: 'en',
          message:
            '“boring”, “weekend” are words in English, not Spanish. Try saying it in Spanish; the tutor will help if you are stuck.',
        }),
      },
      {
        status: 'complete',
        error_code: null,
        error_message: null,
        language_notice_json: JSON.stringify({
          detected: 'en',
          message:
            '“boring” is a word in English, not Spanish. Try saying it in Spanish; the tutor will help if you are stuck.',
        }),
      },
      {
        status: 'complete',
        error_code: null,
        error_message: null,
        language_notice_json: JSON.stringify({ detected: 'en', message: 'A note no server wrote.' }),
      },
    ];
    for (const [index, values] of oldRows.entries()) {
      await testApp.database.db
        .updateTable('message_feedback')
        .set(values)
        .where('message_id', '=', ids[index] as string)
        .execute();
    }

    await convertStoredNotes(testApp.database.db as never);
    // Running it again changes nothing (a converted row is left alone).
    await convertStoredNotes(testApp.database.db as never);

    const stored = await storedRows(conversationId);
    expect(stored.map((row) => [row.error_code, row.error_message])).toEqual([
      ['budget_exceeded', null],
      ['timeout', null],
      [null, null],
      [null, null],
    ]);
    expect(stored.map((row) => JSON.parse(row.language_notice_json ?? 'null'))).toEqual([
      { kind: 'message', detected: 'en', target: 'es' },
      { kind: 'words', detected: 'en', target: 'es', words: ['boring', 'weekend'] },
      { kind: 'words', detected: 'en', target: 'es', words: ['boring'] },
      { detected: 'en', message: 'A note no server wrote.' },
    ]);

    const read = async () =>
      (await feedbackRead(conversationId)).map((feedback) => [
        feedback.message,
        (feedback.languageNotice as { message: string } | null)?.message,
      ]);
    expect(await read()).toEqual([
      [spanish.budget, spanish.looksEnglish],
      [spanish.timeout, spanish.twoWords],
      [null, spanish.boring],
      [null, 'A note no server wrote.'],
    ]);
    await speak('de');
    expect(await read()).toEqual([
      [german.budget, german.looksEnglish],
      [german.timeout, german.twoWords],
      [null, german.boring],
      [null, 'A note no server wrote.'],
    ]);
  });
});
