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

/**
 * Issue 18's remaining server messages: refusals of fetched pages, uploaded files (Anki packages,
 * learner exports, recordings) and admin price overrides are worded in the caller's interface language,
 * field messages included, while the codes stay the same English identifiers.
 */
describe.skipIf(postgresUnavailable())('technical refusals in the interface language', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let spanish: TestClient;
  let german: TestClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await signUpOwner(testApp);
    spanish = (await createMember(testApp, owner, { username: 'lucia' })).client;
    german = (await createMember(testApp, owner, { username: 'jonas' })).client;
    await onboard(spanish, 'fr', 'A2');
    await onboard(german, 'fr', 'A2');
    expect((await spanish.patch('/api/me/profile', { interfaceLanguage: 'es' })).status).toBe(200);
    expect((await german.patch('/api/me/profile', { interfaceLanguage: 'de' })).status).toBe(200);
  });
  afterAll(async () => {
    await testApp.close();
  });

  const upload = (client: TestClient, path: string, body: Buffer, contentType = 'application/octet-stream') =>
    client.request('POST', path, { body, headers: { 'content-type': contentType } });

  it('refuses a private or non-web address with the field message in the reader’s language', async () => {
    const fetchPage = (client: TestClient, url: string) =>
      client.post('/api/reading/texts/from-url', { language: 'fr', url });

    const privateEs = await fetchPage(spanish, 'http://127.0.0.1:1/');
    expect(privateEs.status).toBe(400);
    expect(privateEs.body.error.code).toBe('validation_failed');
    expect(privateEs.body.error.message).toBe(
      'Esa dirección está en una red privada y no se puede descargar.',
    );
    expect(privateEs.body.error.details.issues).toEqual([
      { path: 'url', message: 'Esa dirección está en una red privada y no se puede descargar.' },
    ]);

    const schemeDe = await fetchPage(german, 'file:///etc/passwd');
    expect(schemeDe.status).toBe(400);
    expect(schemeDe.body.error.code).toBe('validation_failed');
    expect(schemeDe.body.error.message).toBe('Nur http- und https-Adressen können abgerufen werden.');
    expect(schemeDe.body.error.details.issues[0].message).toBe(
      'Nur http- und https-Adressen können abgerufen werden.',
    );
  });

  it('refuses a file that is not an Anki package or a Charla export, in Spanish and German', async () => {
    const notAnki = Buffer.from('this is not a zip archive at all');
    const ankiEs = await upload(spanish, '/api/vocabulary/anki/preview', notAnki);
    const ankiDe = await upload(german, '/api/vocabulary/anki/preview', notAnki);
    for (const response of [ankiEs, ankiDe]) {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect(ankiEs.body.error.message).toBe(
      'El archivo no es un paquete de Anki (.apkg o .colpkg): no contiene ninguna colección de Anki.',
    );
    expect(ankiDe.body.error.message).toBe(
      'Die Datei ist kein Anki-Paket (.apkg oder .colpkg): Sie enthält keine Anki-Sammlung.',
    );

    const notExport = Buffer.from(JSON.stringify({ format: 'something-else', version: 2, tables: {} }));
    const importEs = await upload(spanish, '/api/me/import', notExport);
    const importDe = await upload(german, '/api/me/import', notExport);
    for (const response of [importEs, importDe]) {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect(importEs.body.error.message).toBe(
      'El archivo no es una exportación de Charla (su "format" no es "charla-export").',
    );
    expect(importDe.body.error.message).toBe(
      'Die Datei ist kein Charla-Export (ihr "format" ist nicht "charla-export").',
    );
  });

  it('labels the review buttons’ intervals in the reader’s language', async () => {
    const deck = await german.post('/api/vocabulary/decks', { language: 'fr', name: 'Wörter' });
    expect(deck.status).toBe(201);
    const card = await german.post('/api/vocabulary/cards', { deckId: deck.body.deck.id, term: 'la pomme' });
    expect(card.status).toBe(201);
    const due = await german.get('/api/vocabulary/due?limit=5');
    expect(due.status).toBe(200);
    const preview = due.body.cards[0].preview;
    expect(preview.good.replace(/\s/g, ' ')).toBe('10 Min.');
    expect(preview.again).toMatch(/Min\.$/);
  });

  it('glosses every conjugation tense in the reader’s language', async () => {
    for (const language of ['de', 'en', 'es', 'fr', 'it']) {
      const catalogue = await german.get(`/api/grammar/conjugation/${language}`);
      expect(catalogue.status).toBe(200);
      for (const tense of catalogue.body.tenses) {
        // A tense whose English gloss has no key in the catalogue would fall back to English.
        expect(tense.gloss, `${language} ${tense.id}`).not.toBe(tense.english);
      }
    }
    const spanishTenses = (await german.get('/api/grammar/conjugation/es')).body.tenses;
    expect(spanishTenses.find((tense: { id: string }) => tense.id === 'preterite')).toMatchObject({
      name: 'Pretérito indefinido',
      english: 'simple past',
      gloss: 'einfache Vergangenheit',
    });
    const forSpanish = (await spanish.get('/api/grammar/conjugation/de')).body.tenses;
    expect(forSpanish.find((tense: { id: string }) => tense.id === 'konjunktiv2').gloss).toBe(
      'subjuntivo II (condicional)',
    );
  });

  it('words a use case’s own field messages in the reader’s language', async () => {
    const check = await german.post('/api/grammar/conjugation/es/check', {
      verb: 'cantarx',
      tense: 'present',
      person: 0,
      answer: 'canto',
    });
    expect(check.status).toBe(400);
    expect(check.body.error.code).toBe('validation_failed');
    expect(check.body.error.details.issues).toEqual([
      { path: 'verb', message: 'gehört nicht zu den Übungen' },
    ]);
  });

  it('words zod’s and a use case’s field messages inside a summary in the reader’s language', async () => {
    const drill = await spanish.post('/api/grammar/conjugation/es/drill', {
      verbs: ['cantarx'],
      tenses: ['someday'],
      count: 3,
    });
    expect(drill.status).toBe(400);
    expect(drill.body.error.details.issues[0]).toEqual({
      path: 'verbs',
      message: '«cantarx» no es uno de los verbos de práctica',
    });
    expect(drill.body.error.details.issues[1].message).toMatch(
      /^«someday» no es un tiempo verbal; usa uno de estos: /,
    );
    expect(drill.body.error.message).toMatch(
      /^Parte de lo enviado no es válido: verbs: «cantarx» no es uno de los verbos de práctica; tenses: «someday» no es un tiempo verbal/,
    );

    // A multipart form's fields, checked by the route itself with zod.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'recording');
    form.append('language', 'fr');
    form.append('purpose', 'karaoke');
    form.append('mood', 'happy');
    const multipart = new Request('http://localhost/', { method: 'POST', body: form });
    const recording = await german.request('POST', '/api/speech/transcriptions', {
      body: Buffer.from(await multipart.arrayBuffer()),
      headers: { 'content-type': multipart.headers.get('content-type') ?? '' },
    });
    expect(recording.status).toBe(400);
    expect(recording.body.error.details.issues).toEqual([
      { path: 'purpose', message: 'muss einer dieser Werte sein: message, pronunciation' },
      { path: 'mood', message: 'ist kein bekanntes Feld' },
    ]);
    expect(recording.body.error.message).toBe(
      'Ein Teil der Angaben ist ungültig: purpose: muss einer dieser Werte sein: message, pronunciation; mood: ist kein bekanntes Feld',
    );

    // A row of an uploaded export: its field's problem inside the sentence.
    const deck = await german.post('/api/vocabulary/decks', { language: 'fr', name: 'Import' });
    expect(deck.status).toBe(201);
    const exported = (await german.get('/api/me/export')).text as string;
    expect(exported).toContain('"name":"Import"');
    const broken = Buffer.from(exported.replace('"name":"Import"', '"name":42'));
    const imported = await upload(german, '/api/me/import', broken);
    expect(imported.status).toBe(400);
    expect(imported.body.error.message).toMatch(
      /^Zeile \d+ von "vocabulary_decks" ist ungültig: name ist kein Wert der richtigen Art$/,
    );
  });

  it('refuses a recording not sent as a form, and an empty price override, in the reader’s language', async () => {
    const recordingDe = await upload(
      german,
      '/api/speech/transcriptions',
      Buffer.from('{}'),
      'application/json',
    );
    expect(recordingDe.status).toBe(415);
    expect(recordingDe.body.error.code).toBe('unsupported_media_type');
    expect(recordingDe.body.error.message).toBe(
      'Sende die Aufnahme als multipart/form-data: einen Teil `file` mit dem Audio und ein Feld `language`.',
    );

    expect((await owner.patch('/api/me/profile', { interfaceLanguage: 'es' })).status).toBe(200);
    try {
      const price = await owner.request('PUT', '/api/admin/prices/overrides', {
        json: { provider: 'anthropic', model: 'claude-sonnet-4-5', rates: {} },
      });
      expect(price.status).toBe(400);
      expect(price.body.error.code).toBe('validation_failed');
      expect(price.body.error.message).toBe('Indica al menos el precio de entrada o el de salida.');
      expect(price.body.error.details.issues).toEqual([
        { path: 'rates', message: 'Indica al menos el precio de entrada o el de salida.' },
      ]);
    } finally {
      await owner.patch('/api/me/profile', { interfaceLanguage: 'en' });
    }
  });
});
