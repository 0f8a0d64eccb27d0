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
import { segmentText, wordsOf } from './segment.ts';

const day = 24 * 60 * 60 * 1000;

describe.skipIf(postgresUnavailable())('reading room: the reading view', () => {
  let testApp: TestApp;
  let learner: TestClient;
  let other: TestClient;
  let deckId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'lucia' })).client;
    other = (await createMember(testApp, owner, { username: 'otto' })).client;
    await onboard(learner, 'es', 'A2');
    await onboard(other, 'es', 'A2');
    deckId = (await learner.post('/api/vocabulary/decks', { language: 'es', name: 'Lecturas' })).body.deck.id;
  });
  afterAll(() => testApp.close());

  const addCard = async (term: string, client = learner, deck = deckId) => {
    const response = await client.post('/api/vocabulary/cards', { deckId: deck, term, translation: term });
    expect(response.status, term).toBe(201);
    return response.body.card.id as string;
  };

  it('segments sentences and words, keeping the text whole', () => {
    const text = 'Ayer fui al mercado. ¿Compraste pan? ¡Sí!\n\nL’homme';
    const segmented = segmentText(text, 'es');
    expect(segmented.sentences.map((sentence) => sentence.join(''))).toEqual([
      'Ayer fui al mercado. ',
      '¿Compraste pan? ',
      '¡Sí!\n\n',
      'L’homme',
    ]);
    expect(segmented.sentences[0]).toEqual(['', 'Ayer', ' ', 'fui', ' ', 'al', ' ', 'mercado', '. ']);
    expect(segmented.sentences[1]).toEqual(['¿', 'Compraste', ' ', 'pan', '? ']);
    const french = segmentText("L'homme boit de l'eau.", 'fr');
    expect([...wordsOf(french.sentences[0] ?? [])]).toEqual(["L'", 'homme', 'boit', 'de', "l'", 'eau']);
    expect(french.sentences[0]?.join('')).toBe("L'homme boit de l'eau.");
  });

  it('marks words known, learning or new from real cards, reviews and marks, through lemmas and articles', async () => {
    const text = await learner.post('/api/reading/texts', {
      language: 'es',
      text: 'Ayer fui al mercado con mi perro. El perro tiene hambre. Compramos 3 panes.',
    });
    const id = text.body.text.id;
    const open = async () => {
      const response = await learner.get(`/api/reading/texts/${id}/view`);
      expect(response.status).toBe(200);
      return response.body;
    };

    let view = await open();
    expect(view.coverage).toMatchObject({
      words: 13,
      known: 0,
      learning: 0,
      new: 13,
      knownShare: 0,
      newShare: 1,
    });
    expect(view.thresholds).toEqual({ comfortable: 0.98, adequate: 0.95 });
    expect(view.sentences).toHaveLength(3);

    // A card for the infinitive matches the conjugated form; otherwise a card matches exactly
    // ("el perro" is a phrase: it does not mark "perro").
    const ir = await addCard('ir');
    await addCard('el perro');
    const perro = await addCard('Perro');
    await addCard('Tener');
    // Another member's cards and cards in another language change nothing.
    const otherDeck = (await other.post('/api/vocabulary/decks', { language: 'es', name: 'x' })).body.deck.id;
    await addCard('mercado', other, otherDeck);
    const frenchDeck = (await learner.post('/api/vocabulary/decks', { language: 'fr', name: 'fr' })).body.deck
      .id;
    await addCard('con', learner, frenchDeck);

    view = await open();
    expect(view.words.fui).toMatchObject({ status: 'learning', lemma: 'ir', cardId: ir });
    expect(view.words.perro).toMatchObject({ status: 'learning', cardId: perro, count: 2 });
    expect(view.words.tiene).toMatchObject({ status: 'learning', lemma: 'tener' });
    expect(view.words.mercado.status).toBe('new');
    expect(view.words.con.status).toBe('new');
    expect(view.coverage).toMatchObject({ known: 0, learning: 4, new: 9 });

    // Reviews move a card past the stability threshold: the next open says known, no cache in between.
    expect((await learner.post(`/api/vocabulary/cards/${perro}/review`, { rating: 4 })).status).toBe(200);
    view = await open();
    expect(view.words.perro.status).toBe('learning');
    testApp.clock.advance(10 * day);
    const second = await learner.post(`/api/vocabulary/cards/${perro}/review`, { rating: 4 });
    expect(second.body.card.schedule.stability).toBeGreaterThanOrEqual(21);
    view = await open();
    expect(view.words.perro.status).toBe('known');
    expect(view.coverage).toMatchObject({ known: 2, learning: 2, new: 9 });
    expect(view.coverage.knownShare).toBeCloseTo(2 / 13);
    // Undoing the review takes it back.
    expect((await learner.post('/api/vocabulary/undo', {})).status).toBe(200);
    expect((await open()).words.perro.status).toBe('learning');

    // Marking known is one call per word; unmarking takes it back.
    const mark = await learner.put('/api/reading/known-words', {
      language: 'es',
      word: 'Mercado',
      known: true,
    });
    expect(mark.body).toEqual({ language: 'es', word: 'mercado', known: true });
    await learner.put('/api/reading/known-words', { language: 'es', word: 'mercado', known: true });
    view = await open();
    expect(view.words.mercado.status).toBe('known');
    expect((await other.get(`/api/reading/texts/${id}/view`)).status).toBe(404);
    await learner.put('/api/reading/known-words', { language: 'es', word: 'mercado', known: false });
    expect((await open()).words.mercado.status).toBe('new');
  });

  it('finds German nouns through their declension and verbs through their conjugation', async () => {
    const deck = (await learner.post('/api/vocabulary/decks', { language: 'de', name: 'Deutsch' })).body.deck
      .id;
    await addCard('Haus', learner, deck);
    await addCard('gehen', learner, deck);
    const text = await learner.post('/api/reading/texts', {
      language: 'de',
      text: 'Wir gingen zu den Häusern. Das Haus ist alt.',
    });
    const view = (await learner.get(`/api/reading/texts/${text.body.text.id}/view`)).body;
    expect(view.words.häusern).toMatchObject({ status: 'learning', lemma: 'haus' });
    expect(view.words.haus).toMatchObject({ status: 'learning', count: 1 });
    expect(view.words.gingen).toMatchObject({ status: 'learning', lemma: 'gehen' });
    expect(view.words.alt.status).toBe('new');
  }, 30_000);
});
