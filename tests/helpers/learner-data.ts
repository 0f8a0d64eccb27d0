import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';
import { newId } from '../../server/lib/ids.ts';
import { makeWav } from '../../server/speech/audio-samples.ts';
import { createRecordingStore, recordingsDirOf } from '../../server/speech/recordings.ts';
import type { TestApp, TestClient } from './test-app.ts';
import { startConversation, storeLearnerMessage } from './turns.ts';

/**
 * Gives a learner a row in every table a learner export holds: through the API where no model is
 * needed, and directly for what a model call would have written (a tutor reply, its feedback,
 * error events, ledger rows, a generated exercise). Returns ids of what it made.
 */
export async function seedLearnerData(
  testApp: TestApp,
  client: TestClient,
  userId: string,
  options: { language?: string; messages?: number } = {},
): Promise<{ conversationId: string; deckId: string; cardIds: string[] }> {
  const db: Kysely<Database> = testApp.database.db;
  const language = options.language ?? 'es';
  const ok = async (response: Promise<{ status: number; text: string; body: any }>, what: string) => {
    const result = await response;
    if (result.status >= 300) throw new Error(`${what} failed: ${result.status} ${result.text}`);
    return result.body;
  };
  await ok(
    client.patch('/api/me/profile', {
      nativeLanguage: 'en',
      targetLanguages: [
        { language, level: 'A2' },
        { language: 'fr', level: 'B1' },
      ],
      dailyGoalMinutes: 20,
      correctionPolicy: 'all',
      voice: { rate: 0.8, voiceNames: { [language]: 'Mónica' }, autoSpeak: true },
      completeOnboarding: true,
    }),
    'profile',
  );
  await ok(client.patch('/api/me/profile', { dailyGoalMinutes: 30 }), 'goal change');
  await ok(
    client.patch('/api/me/tutor-preferences', { subject: 'Football', learnerLevel: 'B1' }),
    'preferences',
  );
  await ok(
    client.patch('/api/vocabulary/settings', { desiredRetention: 0.85, autoAddFromConversations: true }),
    'vocabulary settings',
  );
  const persona = await ok(
    client.post('/api/personas', {
      name: 'Calm coach',
      description: 'Patient and slow.',
      styleRules: ['Speak slowly.', 'Praise effort.'],
      previewLine: 'Take your time.',
    }),
    'persona',
  );
  await ok(client.patch('/api/me/profile', { preferredPersona: persona.persona.id }), 'preferred persona');
  const scenario = await ok(
    client.post('/api/scenarios', {
      title: 'Borrowing a ladder',
      description: 'Ask the neighbour to lend you a ladder.',
      category: 'daily-life',
      level: 'A2',
      learnerRole: 'a neighbour',
      tutorRole: 'the neighbour next door',
      setting: 'A Saturday morning.',
      goals: ['Greet the neighbour', 'Ask to borrow the ladder'],
      vocabulary: { es: [{ text: 'la escalera', meaning: 'ladder' }] },
    }),
    'scenario',
  );
  const conversationId = await startConversation(client, {
    language,
    personaId: persona.persona.id,
    subject: 'Weekend plans',
  });
  const roleplayId = await startConversation(client, { language, scenarioId: scenario.scenario.id });

  // Turns as a model would have left them: learner message, tutor reply, feedback, error event, ledger.
  const at = (minute: number) =>
    new Date(Date.parse('2026-11-20T09:00:00.000Z') + minute * 60_000).toISOString();
  const messageCount = options.messages ?? 3;
  let lastLearner = '';
  for (let turn = 0; turn < messageCount; turn++) {
    const target = turn % 2 === 0 ? conversationId : roleplayId;
    const learnerId = await storeLearnerMessage(db, {
      conversationId: target,
      text: `Yo va al mercado ${turn}.`,
      at: at(turn * 2),
    });
    lastLearner = learnerId;
    const tutorId = newId();
    await db
      .insertInto('messages')
      .values({
        id: tutorId,
        conversation_id: target,
        user_id: userId,
        role: 'tutor',
        text: `¡Qué bien! ¿Qué compras? ${turn}`,
        status: turn === 1 ? 'partial' : 'complete',
        failure_reason: turn === 1 ? 'stopped' : null,
        failure_message: null,
        reply_to: learnerId,
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        input_tokens: 120 + turn,
        output_tokens: 30,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        usage_estimated: 0,
        latency_ms: 800,
        created_at: at(turn * 2 + 1),
        updated_at: at(turn * 2 + 1),
      })
      .execute();
    await db
      .insertInto('message_feedback')
      .values({
        message_id: learnerId,
        conversation_id: target,
        user_id: userId,
        language,
        status: 'complete',
        policy: 'all',
        corrections_json: JSON.stringify([
          {
            original: 'va',
            corrected: 'voy',
            category: 'agreement',
            explanation: 'First person.',
            severity: 'major',
          },
        ]),
        rephrasing: 'Voy al mercado.',
        new_vocabulary_json: JSON.stringify([{ term: 'el mercado', translation: 'the market' }]),
        goals_met_json: '[]',
        spelling_json: '[]',
        language_notice_json: null,
        error_code: null,
        error_message: null,
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        revealed_at: turn === 0 ? at(5) : null,
        created_at: at(turn * 2 + 1),
      })
      .execute();
    await db
      .insertInto('error_events')
      .values({
        id: newId(),
        user_id: userId,
        language,
        category: 'agreement',
        severity: 'major',
        message_id: learnerId,
        conversation_id: target,
        created_at: at(turn * 2 + 1),
      })
      .execute();
    for (const purpose of ['reply', 'feedback']) {
      await db
        .insertInto('ledger_entries')
        .values({
          id: newId(),
          user_id: userId,
          conversation_id: target,
          message_id: purpose === 'reply' ? tutorId : learnerId,
          purpose,
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
          input_tokens: 120,
          output_tokens: 30,
          cache_read_tokens: 10,
          cache_write_tokens: 0,
          usage_estimated: 0,
          cost_micros: 270,
          latency_ms: 800,
          outcome: 'ok',
          error_code: null,
          created_at: at(turn * 2 + 1),
          cache_write_1h_tokens: 0,
          price_fallback: 0,
          reserved_micros: 900,
          budget_month: '2026-11',
          budget_day: '2026-11-20',
        })
        .execute();
    }
  }
  await db
    .updateTable('conversations')
    .set({ summary: 'They talked about the market.', summary_through: lastLearner, goals_met_json: '["g1"]' })
    .where('id', '=', roleplayId)
    .execute();

  const deck = await ok(
    client.post('/api/vocabulary/decks', { language, name: 'Basics', description: 'First words' }),
    'deck',
  );
  const cardIds: string[] = [];
  for (const term of ['hola', 'adiós', 'gracias']) {
    const card = await ok(
      client.post('/api/vocabulary/cards', {
        deckId: deck.deck.id,
        term,
        translation: `${term} (en)`,
        exampleSentence: `¡${term}, amigo!`,
        notes: 'line one\nline two',
        partOfSpeech: 'interjection',
      }),
      'card',
    );
    cardIds.push(card.card.id);
  }
  await ok(
    client.post('/api/vocabulary/cards/from-conversation', {
      language,
      term: 'voy',
      exampleSentence: 'Voy al mercado.',
      sourceMessageId: lastLearner,
      kind: 'correction',
    }),
    'card from conversation',
  );
  await ok(
    client.post(`/api/vocabulary/cards/${cardIds[0]}/review`, { rating: 3, durationMs: 2500 }),
    'review',
  );
  await ok(client.post(`/api/vocabulary/cards/${cardIds[1]}/review`, { rating: 1 }), 'review');
  await ok(
    client.post(`/api/grammar/conjugation/${language}/check`, {
      verb: 'hablar',
      tense: 'present',
      person: 0,
      answer: 'hablo',
    }),
    'grammar check',
  );
  const exerciseId = newId();
  await db
    .insertInto('grammar_exercises')
    .values({
      id: exerciseId,
      user_id: userId,
      language,
      kind: 'fill-gap',
      level: 'A2',
      topic_id: null,
      error_category: 'agreement',
      exercise_json: JSON.stringify({ prompt: 'Yo ___ al mercado.', answer: 'voy' }),
      answered_at: at(30),
      created_at: at(29),
    })
    .execute();
  await db
    .insertInto('grammar_results')
    .values({
      id: newId(),
      user_id: userId,
      language,
      kind: 'exercise',
      item: exerciseId,
      answer: 'voy',
      expected: 'voy',
      correct: 1,
      duration_ms: 4000,
      created_at: at(30),
    })
    .execute();
  // The reading room: a pasted text, what a model made of it, a known word, an answer (with its
  // practice row) and a conversation about it.
  const text = await ok(
    client.post('/api/reading/texts', {
      language,
      title: 'Un paseo',
      text: 'Ayer fui al parque con mi perro.',
    }),
    'reading text',
  );
  const textId = text.text.id as string;
  await ok(client.put('/api/reading/known-words', { language, word: 'perro', known: true }), 'known word');
  await db
    .insertInto('reading_generations')
    .values({
      id: newId(),
      text_id: textId,
      user_id: userId,
      kind: 'glossary',
      level: '',
      content_json: JSON.stringify({
        entries: [{ word: 'parque', lemma: 'parque', meaning: 'park', example: 'El parque es grande.' }],
      }),
      created_at: at(31),
    })
    .execute();
  await db
    .insertInto('reading_answers')
    .values({
      id: newId(),
      user_id: userId,
      text_id: textId,
      question: 0,
      answer: 'Al parque',
      correct: 1,
      feedback_json: null,
      created_at: at(32),
    })
    .execute();
  await db
    .insertInto('grammar_results')
    .values({
      id: newId(),
      user_id: userId,
      language,
      kind: 'reading',
      item: `${textId}:0`,
      answer: 'Al parque',
      expected: 'Al parque',
      correct: 1,
      duration_ms: null,
      created_at: at(32),
    })
    .execute();
  await db
    .insertInto('reading_conversations')
    .values({ conversation_id: conversationId, text_id: textId, user_id: userId, created_at: at(33) })
    .execute();
  // A kept recording (what a transcription stores when the learner keeps their audio): its row and
  // its file. Only where DATA_DIR is a real folder: the audio lives there.
  if (existsSync(testApp.config.DATA_DIR))
    await createRecordingStore({ db, clock: testApp.clock, dir: recordingsDirOf(testApp.config) }).save({
      userId,
      conversationId,
      language,
      mimeType: 'audio/wav',
      audio: makeWav(0.75),
      durationMs: 750,
      transcript: 'Hola, ¿qué tal?',
      createdAt: at(34),
    });
  return { conversationId, deckId: deck.deck.id, cardIds };
}
