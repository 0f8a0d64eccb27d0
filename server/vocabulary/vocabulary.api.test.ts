import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createEmptyCard, type Card as FsrsCard, fsrs, type Grade } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { startConversation, storeLearnerMessage } from '../../tests/helpers/turns.ts';
import { fieldChecksum } from './apkg.ts';
import { autoAddFromFeedback } from './auto-add.ts';
import { readZip } from './zip.ts';

/** The scheduler the app uses by default: fuzz on, but seeded from the card and the time, so exact. */
const reference = fsrs({ request_retention: 0.9, maximum_interval: 36500, enable_fuzz: true });

function expectedSchedule(card: FsrsCard) {
  return {
    state: ['new', 'learning', 'review', 'relearning'][card.state],
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}

describe.skipIf(postgresUnavailable())('vocabulary', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let marta: TestClient;
  let pedro: TestClient;
  let deckId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
    marta = (await createMember(testApp, owner, { username: 'marta' })).client;
    pedro = (await createMember(testApp, owner, { username: 'pedro' })).client;
    await onboard(marta, 'es');
    await onboard(pedro, 'fr');
    const deck = await marta.post('/api/vocabulary/decks', { language: 'es', name: 'Basics' });
    expect(deck.status).toBe(201);
    deckId = deck.body.deck.id;
  });
  afterAll(() => testApp.close());

  async function addCard(client: TestClient, term: string, extra: Record<string, unknown> = {}) {
    const response = await client.post('/api/vocabulary/cards', {
      deckId,
      term,
      translation: `${term}-en`,
      ...extra,
    });
    expect(response.status, response.text).toBe(201);
    return response.body.card;
  }

  it('manages decks and cards, with search and duplicate checks', async () => {
    const card = await addCard(marta, 'la manzana', {
      translation: 'the apple',
      exampleSentence: 'Me gusta la manzana roja.',
      notes: 'fruit',
      partOfSpeech: 'noun',
      gender: 'feminine',
    });
    expect(card).toMatchObject({
      deckId,
      language: 'es',
      term: 'la manzana',
      source: 'manual',
      sourceMessageId: null,
      schedule: { state: 'new', due: '2026-11-24T10:00:00.000Z', reps: 0 },
    });
    const duplicate = await marta.post('/api/vocabulary/cards', { deckId, term: ' La Manzana ' });
    expect(duplicate.status).toBe(409);

    const edited = await marta.patch(`/api/vocabulary/cards/${card.id}`, { notes: 'a fruit', gender: null });
    expect(edited.body.card).toMatchObject({ notes: 'a fruit', gender: null, term: 'la manzana' });

    await addCard(marta, 'el perro', { translation: 'the dog' });
    const search = await marta.get('/api/vocabulary/cards?q=APPLE');
    expect(search.body.cards.map((c: { term: string }) => c.term)).toEqual(['la manzana']);
    const wildcard = await marta.get('/api/vocabulary/cards?q=%25');
    expect(wildcard.body.cards).toEqual([]);
    // Case and accents ignored both ways, in the term, the translation and the example.
    await addCard(marta, 'la canción', { translation: 'the song', exampleSentence: 'Una Canción bonita.' });
    await addCard(marta, 'el cafe', { translation: 'the Café' });
    const terms = async (q: string) =>
      (await marta.get(`/api/vocabulary/cards?q=${encodeURIComponent(q)}`)).body.cards
        .map((c: { term: string }) => c.term)
        .sort();
    expect(await terms('cancion')).toEqual(['la canción']);
    expect(await terms('CANCIÓN BONITA')).toEqual(['la canción']);
    expect(await terms('café')).toEqual(['el cafe']);
    expect(await terms('CAFE')).toEqual(['el cafe']);
    await marta.delete(
      `/api/vocabulary/cards/${(await marta.get('/api/vocabulary/cards?q=cancion')).body.cards[0].id}`,
    );
    await marta.delete(
      `/api/vocabulary/cards/${(await marta.get('/api/vocabulary/cards?q=cafe')).body.cards[0].id}`,
    );

    const decks = await marta.get('/api/vocabulary/decks?language=es');
    expect(decks.body.decks).toEqual([
      expect.objectContaining({ id: deckId, name: 'Basics', cardCount: 2, newCount: 2, dueCount: 0 }),
    ]);
    const clash = await marta.post('/api/vocabulary/decks', { language: 'es', name: 'Basics' });
    expect(clash.status).toBe(409);
    const renamed = await marta.patch(`/api/vocabulary/decks/${deckId}`, { description: 'First words' });
    expect(renamed.body.deck.description).toBe('First words');
  });

  it('pages the card list', async () => {
    const deck = (await marta.post('/api/vocabulary/decks', { language: 'es', name: 'Paging' })).body.deck;
    for (const term of ['uno', 'dos', 'tres', 'cuatro', 'cinco']) {
      await marta.post('/api/vocabulary/cards', { deckId: deck.id, term });
    }
    const first = await marta.get(`/api/vocabulary/cards?deckId=${deck.id}&limit=2`);
    expect(first.body.cards.map((c: { term: string }) => c.term)).toEqual(['cinco', 'cuatro']);
    const second = await marta.get(
      `/api/vocabulary/cards?deckId=${deck.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.cards.map((c: { term: string }) => c.term)).toEqual(['tres', 'dos']);
    const third = await marta.get(
      `/api/vocabulary/cards?deckId=${deck.id}&limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(third.body).toMatchObject({ nextCursor: null, cards: [expect.objectContaining({ term: 'uno' })] });
    expect((await marta.delete(`/api/vocabulary/decks/${deck.id}`)).status).toBe(204);
    expect((await marta.get(`/api/vocabulary/cards?deckId=${deck.id}`)).status).toBe(404);
  });

  it('schedules each rating exactly as ts-fsrs does, logs every review and undoes exactly', async () => {
    const deck = (await marta.post('/api/vocabulary/decks', { language: 'es', name: 'Ratings' })).body.deck;
    testApp.clock.set('2026-11-24T12:00:00.000Z');
    const created: Array<{ id: string; createdAt: string }> = [];
    for (const term of ['again', 'hard', 'good', 'easy']) {
      created.push((await marta.post('/api/vocabulary/cards', { deckId: deck.id, term })).body.card);
    }
    // Each card: a first "good", then (once due) the rating it is named after, then "good" once more.
    const histories = created.map((card) => ({ card, fsrs: createEmptyCard(new Date(card.createdAt)) }));
    const secondRatings: Grade[] = [1, 2, 3, 4];
    let step = 0;
    for (const ratings of [[3, 3, 3, 3], secondRatings, [3, 3, 3, 3]] as Grade[][]) {
      for (const [index, history] of histories.entries()) {
        const now = new Date(
          Math.max(history.fsrs.due.getTime(), Date.parse('2026-11-24T12:00:00.000Z')) + step,
        );
        testApp.clock.set(now);
        const rating = ratings[index]!;
        const expected = reference.next(history.fsrs, now, rating);
        const response = await marta.post(`/api/vocabulary/cards/${history.card.id}/review`, {
          rating,
          durationMs: 4200,
        });
        expect(response.status, response.text).toBe(200);
        expect(response.body.card.schedule).toEqual(expectedSchedule(expected.card));
        expect(response.body.log).toMatchObject({
          cardId: history.card.id,
          rating,
          reviewedAt: now.toISOString(),
          scheduledDays: expected.log.scheduled_days,
          elapsedDays: expected.log.elapsed_days,
          durationMs: 4200,
        });
        history.fsrs = expected.card;
      }
      step += 1;
    }
    // After the second review the intervals order again < hard < good < easy.
    const logs = await testApp.database.db
      .selectFrom('vocabulary_review_logs')
      .selectAll()
      .where(
        'card_id',
        'in',
        created.map((card) => card.id),
      )
      .orderBy('reviewed_at')
      .execute();
    expect(logs).toHaveLength(12);
    for (const log of logs) {
      expect(log).toMatchObject({ duration_ms: 4200 });
      expect(JSON.parse(log.previous_card_json).id).toBe(log.card_id);
    }
    // The log keeps the state before each review: the first review of every card saw a new card.
    expect(logs.slice(0, 4).map((log) => log.state)).toEqual([0, 0, 0, 0]);
    const stored = await marta.get(`/api/vocabulary/cards?deckId=${deck.id}`);
    const dueByTerm = Object.fromEntries(
      stored.body.cards.map((card: { term: string; schedule: { scheduledDays: number; due: string } }) => [
        card.term,
        Date.parse(card.schedule.due),
      ]),
    );
    expect(dueByTerm.again).toBeLessThan(dueByTerm.easy);

    // Undo the last review: the card is back exactly as it was, and its log row is gone.
    const last = histories[3]!;
    const before = await testApp.database.db
      .selectFrom('vocabulary_cards')
      .selectAll()
      .where('id', '=', last.card.id)
      .executeTakeFirstOrThrow();
    const beforeApi = (await marta.get(`/api/vocabulary/cards/${last.card.id}`)).body.card;
    testApp.clock.set(new Date(last.fsrs.due.getTime() + 1000));
    const reviewed = await marta.post(`/api/vocabulary/cards/${last.card.id}/review`, { rating: 1 });
    expect(reviewed.status).toBe(200);
    const undo = await marta.post('/api/vocabulary/undo');
    expect(undo.status).toBe(200);
    expect(undo.body.undoneLogId).toBe(reviewed.body.log.id);
    expect(undo.body.card).toEqual(beforeApi);
    const after = await testApp.database.db
      .selectFrom('vocabulary_cards')
      .selectAll()
      .where('id', '=', last.card.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const remaining = await testApp.database.db
      .selectFrom('vocabulary_review_logs')
      .select('id')
      .where('id', '=', reviewed.body.log.id)
      .execute();
    expect(remaining).toEqual([]);
    // Undo walks back one review at a time.
    const undoAgain = await marta.post('/api/vocabulary/undo');
    expect(undoAgain.body.card.id).toBe(histories[3]!.card.id);
    expect(undoAgain.body.card.schedule.reps).toBe(2);
    testApp.clock.set('2026-11-24T10:00:00.000Z');
  });

  it('refuses a review submitted twice for the same card state and bad ratings', async () => {
    const card = await addCard(marta, 'doble');
    const bad = [{ rating: 0 }, { rating: 5 }, { rating: 2.5 }, { rating: '3' }, { rating: 3, extra: 1 }, {}];
    for (const body of bad) {
      const response = await marta.post(`/api/vocabulary/cards/${card.id}/review`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    const results = await Promise.all([
      marta.post(`/api/vocabulary/cards/${card.id}/review`, { rating: 3 }),
      marta.post(`/api/vocabulary/cards/${card.id}/review`, { rating: 3 }),
    ]);
    const statuses = results.map((result) => result.status).sort();
    // Both may succeed only if they ran one after the other on different card states.
    expect(statuses[0]).toBe(200);
    const logs = await testApp.database.db
      .selectFrom('vocabulary_review_logs')
      .select('id')
      .where('card_id', '=', card.id)
      .execute();
    expect(logs.length).toBe(statuses.filter((status) => status === 200).length);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
  });

  it('serves the due queue in pages, with the daily new-card limit', async () => {
    const client = (await createMember(testApp, owner, { username: 'queue' })).client;
    const deck = (await client.post('/api/vocabulary/decks', { language: 'it', name: 'Queue' })).body.deck;
    const settings = await client.patch('/api/vocabulary/settings', {
      newCardsPerDay: 3,
      desiredRetention: 0.85,
    });
    expect(settings.body).toEqual({
      desiredRetention: 0.85,
      newCardsPerDay: 3,
      maximumIntervalDays: 36500,
      autoAddFromConversations: false,
    });
    testApp.clock.set('2026-11-25T08:00:00.000Z');
    const ids: string[] = [];
    for (const term of ['a', 'b', 'c', 'd', 'e']) {
      ids.push((await client.post('/api/vocabulary/cards', { deckId: deck.id, term })).body.card.id);
      testApp.clock.advance(1000);
    }
    const first = await client.get('/api/vocabulary/due?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ dueCount: 0, newAvailable: 3, nextDueAt: null });
    expect(first.body.cards.map((card: { term: string }) => card.term)).toEqual(['a', 'b']);
    expect(first.body.cards[0].preview).toEqual({
      again: '1m',
      hard: '6m',
      good: '10m',
      easy: expect.any(String),
    });
    const second = await client.get(
      `/api/vocabulary/due?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.cards.map((card: { term: string }) => card.term)).toEqual(['c']);
    expect(second.body.nextCursor).toBeNull();

    // Studying a new card uses up one of today's three; it comes back in its 10-minute step.
    await client.post(`/api/vocabulary/cards/${ids[0]}/review`, { rating: 3 });
    const after = await client.get('/api/vocabulary/due');
    expect(after.body.newAvailable).toBe(2);
    expect(after.body.cards.map((card: { term: string }) => card.term)).toEqual(['b', 'c']);
    expect(after.body.nextDueAt).toBe('2026-11-25T08:10:05.000Z');
    testApp.clock.advance(11 * 60_000);
    const later = await client.get('/api/vocabulary/due');
    expect(later.body.dueCount).toBe(1);
    expect(later.body.cards.map((card: { term: string }) => card.term)).toEqual(['a', 'b', 'c']);

    const forecast = await client.get('/api/vocabulary/forecast');
    expect(forecast.body.days).toHaveLength(30);
    expect(forecast.body.days[0]).toEqual({ date: '2026-11-25', due: 1 });
    expect(forecast.body.newAvailable).toBe(2);
    const stats = await client.get('/api/vocabulary/stats');
    expect(stats.body).toMatchObject({
      totalCards: 5,
      byState: { new: 4, learning: 1, review: 0, relearning: 0 },
      dueNow: 1,
      reviewsToday: 1,
      retentionLast30Days: null,
    });
    expect((await client.get('/api/vocabulary/due?cursor=garbage')).status).toBe(400);
    expect(
      (
        await client.get(
          `/api/vocabulary/due?cursor=${encodeURIComponent('r|2026-11-25T08:00:00.000Z|not-an-id')}`,
        )
      ).status,
    ).toBe(400);
    expect((await client.get('/api/vocabulary/due?limit=1000')).status).toBe(400);
    expect((await client.patch('/api/vocabulary/settings', { desiredRetention: 1.5 })).status).toBe(400);
    testApp.clock.set('2026-11-24T10:00:00.000Z');
  });

  it('adds a card from a conversation in one click, once', async () => {
    const conversationId = await startConversation(pedro, { language: 'es' });
    const messageId = await storeLearnerMessage(testApp.database.db, {
      conversationId,
      text: 'Ayer he ido al mercado.',
    });
    const body = {
      language: 'es',
      term: 'he ido',
      translation: 'I have gone',
      exampleSentence: 'Ayer he ido al mercado.',
      sourceMessageId: messageId,
      kind: 'correction',
    };
    const first = await pedro.post('/api/vocabulary/cards/from-conversation', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      card: {
        term: 'he ido',
        exampleSentence: 'Ayer he ido al mercado.',
        source: 'correction',
        sourceMessageId: body.sourceMessageId,
        language: 'es',
      },
    });
    const again = await pedro.post('/api/vocabulary/cards/from-conversation', body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, card: { id: first.body.card.id } });
    const decks = await pedro.get('/api/vocabulary/decks');
    expect(decks.body.decks).toEqual([
      expect.objectContaining({ language: 'es', name: 'Spanish', cardCount: 1 }),
    ]);
    const newWord = await pedro.post('/api/vocabulary/cards/from-conversation', {
      ...body,
      term: 'el mercado',
      kind: 'new-word',
      sourceMessageId: undefined,
    });
    expect(newWord.body.card).toMatchObject({
      source: 'new-word',
      sourceMessageId: null,
      deckId: first.body.card.deckId,
    });
    const missing = await pedro.post('/api/vocabulary/cards/from-conversation', {
      ...body,
      exampleSentence: undefined,
    });
    expect(missing.status).toBe(400);
  });

  it('refuses a source message that is not the caller’s own like a missing one, and stores nothing', async () => {
    const martasConversation = await startConversation(marta, { language: 'it' });
    const martasMessage = await storeLearnerMessage(testApp.database.db, {
      conversationId: martasConversation,
      text: 'Ciao!',
    });
    const body = {
      language: 'it',
      term: 'ciao',
      exampleSentence: 'Ciao!',
      kind: 'new-word',
    };
    const decksBefore = (await pedro.get('/api/vocabulary/decks')).body;
    const foreign = await pedro.post('/api/vocabulary/cards/from-conversation', {
      ...body,
      sourceMessageId: martasMessage,
    });
    const missing = await pedro.post('/api/vocabulary/cards/from-conversation', {
      ...body,
      sourceMessageId: '0190a3c4-0000-7000-8000-00000000abcd',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.error.code).toBe('not_found');
    // No Italian deck was created on the way.
    expect((await pedro.get('/api/vocabulary/decks')).body).toEqual(decksBefore);
    const notAnId = await pedro.post('/api/vocabulary/cards/from-conversation', {
      ...body,
      sourceMessageId: 'message-1',
    });
    expect(notAnId.status).toBe(400);
  });

  it('adds feedback to the deck automatically only when the learner turned it on', async () => {
    const { client, id } = await createMember(testApp, owner, { username: 'autoadd' });
    const deps = { db: testApp.database.db, clock: testApp.clock };
    const messageId = await storeLearnerMessage(testApp.database.db, {
      conversationId: await startConversation(client, { language: 'fr' }),
      text: 'Hier, je suis allé au cinéma.',
    });
    const input = {
      language: 'fr',
      sourceMessageId: messageId,
      items: [
        {
          term: 'je suis allé',
          exampleSentence: 'Hier, je suis allé au cinéma.',
          kind: 'correction' as const,
        },
        {
          term: 'le cinéma',
          translation: 'the cinema',
          exampleSentence: 'Hier, je suis allé au cinéma.',
          kind: 'new-word' as const,
        },
      ],
    };
    expect(await autoAddFromFeedback(deps, id, input)).toBe(0);
    expect((await client.get('/api/vocabulary/cards')).body.cards).toEqual([]);
    await client.patch('/api/vocabulary/settings', { autoAddFromConversations: true });
    expect(await autoAddFromFeedback(deps, id, input)).toBe(2);
    expect(await autoAddFromFeedback(deps, id, input)).toBe(0);
    const cards = (await client.get('/api/vocabulary/cards')).body.cards;
    expect(
      cards.map((card: { term: string; source: string; sourceMessageId: string }) => [
        card.term,
        card.source,
        card.sourceMessageId,
      ]),
    ).toEqual([
      ['le cinéma', 'new-word', messageId],
      ['je suis allé', 'correction', messageId],
    ]);
  });

  it('never shows or changes another member’s decks, cards or reviews', async () => {
    const card = await addCard(marta, 'secreto');
    const probes: Array<[string, string, unknown?]> = [
      ['GET', `/api/vocabulary/decks/${deckId}`],
      ['PATCH', `/api/vocabulary/decks/${deckId}`, { name: 'Mine now' }],
      ['DELETE', `/api/vocabulary/decks/${deckId}`],
      ['GET', `/api/vocabulary/decks/${deckId}/export.csv`],
      ['GET', `/api/vocabulary/decks/${deckId}/export.apkg`],
      ['GET', `/api/vocabulary/cards?deckId=${deckId}`],
      ['GET', `/api/vocabulary/due?deckId=${deckId}`],
      ['GET', `/api/vocabulary/forecast?deckId=${deckId}`],
      ['GET', `/api/vocabulary/stats?deckId=${deckId}`],
      ['GET', `/api/vocabulary/cards/${card.id}`],
      ['PATCH', `/api/vocabulary/cards/${card.id}`, { term: 'robado' }],
      ['DELETE', `/api/vocabulary/cards/${card.id}`],
      ['POST', `/api/vocabulary/cards/${card.id}/review`, { rating: 4 }],
      ['POST', '/api/vocabulary/cards', { deckId, term: 'intruso' }],
      ['POST', '/api/vocabulary/import/preview', { deckId, csv: 'a,b' }],
      ['POST', '/api/vocabulary/import', { deckId, csv: 'a,b' }],
    ];
    for (const [method, path, json] of probes) {
      const response = await pedro.request(method, path, json === undefined ? {} : { json });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    // Pedro's own search does not find Marta's words, and his undo cannot touch her reviews.
    expect((await pedro.get('/api/vocabulary/cards?q=secreto')).body.cards).toEqual([]);
    await marta.post(`/api/vocabulary/cards/${card.id}/review`, { rating: 3 });
    const pedroUndo = await pedro.post('/api/vocabulary/undo');
    expect(pedroUndo.status).toBe(404);
    const still = await marta.get(`/api/vocabulary/cards/${card.id}`);
    expect(still.body.card).toMatchObject({ term: 'secreto', schedule: { reps: 1 } });
    // A card cannot move into someone else's deck either.
    const pedroDeck = (await pedro.get('/api/vocabulary/decks')).body.decks[0];
    const move = await marta.patch(`/api/vocabulary/cards/${card.id}`, { deckId: pedroDeck.id });
    expect(move.status).toBe(404);
    expect((await testApp.client().get('/api/vocabulary/decks')).status).toBe(401);
  });

  it('previews a CSV import with per-row errors, imports the good rows and exports them back', async () => {
    const deck = (await marta.post('/api/vocabulary/decks', { language: 'es', name: 'Imported' })).body.deck;
    await marta.post('/api/vocabulary/cards', { deckId: deck.id, term: 'hola' });
    const csv = [
      'Term;Translation;Example;Part of speech;Gender',
      'el gato;the cat;"El gato dice ""miau""; y duerme.";n;m',
      ';missing term;;;',
      'hola;hello;;;',
      'la casa;the house;"Una casa',
      'grande";noun;f',
      'el gato;dup;;;',
      'correr;to run;;verbish;',
      'la luz;the light;;noun;xx',
    ].join('\r\n');
    const preview = await marta.post('/api/vocabulary/import/preview', { deckId: deck.id, csv });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      delimiter: ';',
      hasHeader: true,
      summary: { ok: 2, duplicate: 2, error: 3 },
    });
    const byLine = Object.fromEntries(preview.body.rows.map((row: { line: number }) => [row.line, row]));
    expect(byLine[2]).toMatchObject({
      status: 'ok',
      term: 'el gato',
      exampleSentence: 'El gato dice "miau"; y duerme.',
      partOfSpeech: 'noun',
      gender: 'masculine',
    });
    expect(byLine[3]).toMatchObject({ status: 'error', errors: ['term is empty'] });
    expect(byLine[4]).toMatchObject({ status: 'duplicate' });
    expect(byLine[5]).toMatchObject({
      status: 'ok',
      exampleSentence: 'Una casa\ngrande',
      gender: 'feminine',
    });
    expect(byLine[7]).toMatchObject({
      status: 'duplicate',
      errors: ['"el gato" appears earlier in the file'],
    });
    expect(byLine[8].errors[0]).toMatch(/part of speech "verbish"/);
    expect(byLine[9].errors[0]).toMatch(/gender "xx"/);
    // The preview stored nothing.
    expect((await marta.get(`/api/vocabulary/cards?deckId=${deck.id}`)).body.cards).toHaveLength(1);

    const committed = await marta.post('/api/vocabulary/import', { deckId: deck.id, csv });
    expect(committed.body).toEqual({
      imported: 2,
      skippedDuplicates: 2,
      errors: [
        { line: 3, errors: ['term is empty'] },
        { line: 8, errors: [expect.stringMatching(/verbish/)] },
        { line: 9, errors: [expect.stringMatching(/xx/)] },
      ],
    });
    const cards = (await marta.get(`/api/vocabulary/cards?deckId=${deck.id}`)).body.cards;
    expect(
      cards.map((card: { term: string; source: string }) => `${card.term}:${card.source}`).sort(),
    ).toEqual(['el gato:import', 'hola:manual', 'la casa:import']);

    const exported = await marta.get(`/api/vocabulary/decks/${deck.id}/export.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="Imported.csv"; filename*=UTF-8''Imported.csv`,
    );
    // A deck named in Spanish downloads under its own name; the ASCII fallback drops the accents
    // instead of splitting the words at them.
    const accented = await marta.post('/api/vocabulary/decks', {
      language: 'es',
      name: 'Cocina básica (1/2) 🍳',
    });
    expect(
      (await marta.get(`/api/vocabulary/decks/${accented.body.deck.id}/export.csv`)).headers.get(
        'content-disposition',
      ),
    ).toBe(
      `attachment; filename="Cocina-basica-1-2.csv"; filename*=UTF-8''Cocina%20b%C3%A1sica%20%281-2%29%20%F0%9F%8D%B3.csv`,
    );
    expect(exported.text.split('\r\n')[0]).toBe(
      'term,translation,example sentence,notes,part of speech,gender',
    );
    expect(exported.text).toContain('"El gato dice ""miau""; y duerme."');
    // The export imports back into an empty deck unchanged.
    const copy = (await marta.post('/api/vocabulary/decks', { language: 'es', name: 'Copy' })).body.deck;
    const reimport = await marta.post('/api/vocabulary/import', { deckId: copy.id, csv: exported.text });
    expect(reimport.body).toMatchObject({ imported: 3, errors: [] });
    const copied = (await marta.get(`/api/vocabulary/cards?deckId=${copy.id}&q=gato`)).body.cards[0];
    expect(copied).toMatchObject({
      exampleSentence: 'El gato dice "miau"; y duerme.',
      partOfSpeech: 'noun',
      gender: 'masculine',
    });

    for (const bad of [
      { deckId: deck.id, csv: '"never closed' },
      { deckId: deck.id, csv: '' },
      { deckId: deck.id, csv: 'word\nx', hasHeader: 'yes' },
      { deckId: deck.id, csv: 'a', delimiter: '|' },
      { deckId: deck.id, csv: 'translation\nx', hasHeader: true },
    ]) {
      const response = await marta.post('/api/vocabulary/import/preview', bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('exports an Anki package that opens as an Anki collection', async () => {
    const deck = (await marta.post('/api/vocabulary/decks', { language: 'es', name: 'Anki export' })).body
      .deck;
    const one = (
      await marta.post('/api/vocabulary/cards', {
        deckId: deck.id,
        term: 'el árbol',
        translation: 'the tree <big>',
        exampleSentence: 'El árbol & la flor.',
        partOfSpeech: 'noun',
        gender: 'masculine',
      })
    ).body.card;
    await marta.post('/api/vocabulary/cards', {
      deckId: deck.id,
      term: 'la flor',
      translation: 'the flower',
    });
    await marta.post(`/api/vocabulary/cards/${one.id}/review`, { rating: 4, durationMs: 3000 });

    const response = await fetch(`${testApp.url}/api/vocabulary/decks/${deck.id}/export.apkg`, {
      headers: { cookie: [...marta.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Anki-export.apkg"; filename*=UTF-8''Anki%20export.apkg`,
    );
    const entries = readZip(Buffer.from(await response.arrayBuffer()));
    expect(entries.map((entry) => entry.name).sort()).toEqual(['collection.anki2', 'media']);
    expect(JSON.parse(entries.find((entry) => entry.name === 'media')!.data.toString())).toEqual({});

    const directory = mkdtempSync(join(tmpdir(), 'charla-apkg-test-'));
    try {
      const path = join(directory, 'collection.anki2');
      writeFileSync(path, entries.find((entry) => entry.name === 'collection.anki2')!.data);
      const db = new DatabaseSync(path, { readOnly: true });
      const tables = db
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .all()
        .map((row) => row.name);
      expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
      const col = db.prepare('select * from col').get() as Record<string, string | number>;
      expect(col.ver).toBe(11);
      const models = JSON.parse(String(col.models));
      const decks = JSON.parse(String(col.decks));
      const [model] = Object.values(models) as Array<{
        id: number;
        flds: Array<{ name: string }>;
        tmpls: unknown[];
      }>;
      expect(model!.flds.map((field) => field.name)).toEqual([
        'Term',
        'Translation',
        'Example',
        'Notes',
        'Part of speech',
        'Gender',
      ]);
      expect(model!.tmpls).toHaveLength(1);
      const ankiDeck = (Object.values(decks) as Array<{ id: number; name: string }>).find(
        (entry) => entry.name === 'Anki export',
      );
      expect(ankiDeck).toBeDefined();
      expect(JSON.parse(String(col.dconf))['1']).toBeDefined();

      const notes = db.prepare('select * from notes order by id').all() as Array<
        Record<string, string | number>
      >;
      expect(notes).toHaveLength(2);
      const fields = String(notes[0]!.flds).split('\x1f');
      expect(fields).toEqual([
        'el árbol',
        'the tree &lt;big&gt;',
        'El árbol &amp; la flor.',
        '',
        'noun',
        'masculine',
      ]);
      expect(notes[0]!.mid).toBe(model!.id);
      expect(notes[0]!.sfld).toBe('el árbol');
      expect(notes[0]!.csum).toBe(fieldChecksum('el árbol'));
      expect(new Set(notes.map((note) => note.guid)).size).toBe(2);

      const cards = db.prepare('select * from cards order by id').all() as Array<
        Record<string, string | number>
      >;
      expect(cards).toHaveLength(2);
      const noteIds = new Set(notes.map((note) => note.id));
      for (const card of cards) {
        expect(noteIds.has(card.nid)).toBe(true);
        expect(card.did).toBe(ankiDeck!.id);
        expect(card.ord).toBe(0);
      }
      // The reviewed card is an Anki review card with its FSRS memory state; the other is new.
      expect(cards[0]).toMatchObject({ type: 2, queue: 2, reps: 1 });
      expect(Object.keys(JSON.parse(String(cards[0]!.data)))).toEqual(['s', 'd']);
      expect(cards[1]).toMatchObject({ type: 0, queue: 0 });
      const revlog = db.prepare('select * from revlog').all() as Array<Record<string, number>>;
      expect(revlog).toEqual([expect.objectContaining({ cid: cards[0]!.id, ease: 4, time: 3000, type: 0 })]);
      db.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('lists the learner’s vocabulary in the account export', async () => {
    const exported = await marta.get('/api/me/export');
    const { tables } = exported.body;
    expect(tables.vocabulary_decks.length).toBeGreaterThan(0);
    expect(tables.vocabulary_cards.length).toBeGreaterThan(0);
    expect(
      tables.vocabulary_cards.every(
        (card: { user_id: string }) => card.user_id === tables.profiles[0].user_id,
      ),
    ).toBe(true);
    expect(tables.vocabulary_review_logs.length).toBeGreaterThan(0);
    expect(exported.text).not.toContain('pedro');
  });

  it('answers malformed vocabulary and grammar requests with a 4xx, never a 5xx', async () => {
    const card = await addCard(marta, 'robusto');
    const garbage = [
      null,
      [],
      'x',
      12,
      { a: 1 },
      { term: 'x'.repeat(10_000) },
      { deckId: 'nope', term: 'a' },
    ];
    const targets: Array<[string, string]> = [
      ['POST', '/api/vocabulary/decks'],
      ['PATCH', `/api/vocabulary/decks/${deckId}`],
      ['POST', '/api/vocabulary/cards'],
      ['PATCH', `/api/vocabulary/cards/${card.id}`],
      ['POST', `/api/vocabulary/cards/${card.id}/review`],
      ['POST', '/api/vocabulary/cards/from-conversation'],
      ['POST', '/api/vocabulary/import/preview'],
      ['PATCH', '/api/vocabulary/settings'],
      ['POST', '/api/grammar/conjugation/es/drill'],
      ['POST', '/api/grammar/conjugation/es/check'],
      ['POST', '/api/grammar/articles/check'],
      ['POST', '/api/grammar/exercises'],
    ];
    for (const [method, path] of targets) {
      for (const body of garbage) {
        const response = await marta.request(method, path, {
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expect(
          response.status,
          `${method} ${path} ${JSON.stringify(body).slice(0, 40)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(response.status, `${method} ${path} ${JSON.stringify(body).slice(0, 40)}`).toBeLessThan(500);
      }
    }
    for (const path of [
      '/api/vocabulary/cards?limit=-1',
      '/api/vocabulary/cards?limit=abc',
      '/api/vocabulary/cards?cursor=%00',
      '/api/vocabulary/cards/not-a-uuid',
      '/api/vocabulary/forecast?days=0',
      '/api/vocabulary/due?deckId=x',
      '/api/grammar/topics',
      '/api/grammar/articles/drill?count=0',
      '/api/grammar/conjugation/%00',
    ]) {
      const response = await marta.get(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
    // Odd but valid text is simply searched for.
    expect((await marta.get(`/api/vocabulary/cards?q=${'%E2%80%AE'.repeat(100)}`)).status).toBe(200);
    // The card was not changed by any of it.
    expect((await marta.get(`/api/vocabulary/cards/${card.id}`)).body.card).toMatchObject({
      term: 'robusto',
      schedule: { reps: 0 },
    });
  });

  it('documents the vocabulary API in the OpenAPI document', async () => {
    const openapi = await testApp.client().get('/api/openapi.json');
    for (const path of [
      '/api/vocabulary/decks',
      '/api/vocabulary/cards',
      '/api/vocabulary/cards/from-conversation',
      '/api/vocabulary/due',
      '/api/vocabulary/cards/{id}/review',
      '/api/vocabulary/undo',
      '/api/vocabulary/forecast',
      '/api/vocabulary/stats',
      '/api/vocabulary/import/preview',
      '/api/vocabulary/decks/{id}/export.apkg',
    ]) {
      expect(openapi.body.paths[path], path).toBeDefined();
    }
  });
});
