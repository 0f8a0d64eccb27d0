import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { deflateRawSync, zstdCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintTables } from '../../tests/helpers/fingerprint.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { htmlToText } from './anki-import.ts';
import { readZip, writeZip } from './zip.ts';

function send(client: TestClient, path: string, file: Buffer) {
  return client.request('POST', path, {
    body: file,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

/** Opens the collection of a package, lets `change` edit it, and packs it again (legacy format). */
function editCollection(apkg: Buffer, change: (db: DatabaseSync) => void): Buffer {
  const directory = mkdtempSync(join(tmpdir(), 'charla-anki-test-'));
  try {
    const path = join(directory, 'collection.anki2');
    writeFileSync(path, readZip(apkg).find((entry) => entry.name === 'collection.anki2')!.data);
    const db = new DatabaseSync(path);
    change(db);
    db.close();
    return writeZip([
      { name: 'collection.anki2', data: readFileSync(path) },
      { name: 'media', data: Buffer.from('{}') },
    ]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The current format from a legacy package: note types moved into `notetypes` and `fields` tables,
 * the collection zstd-compressed as `collection.anki21b`, beside the stub `collection.anki2` that
 * current Anki writes for old versions.
 */
function toAnki21b(apkg: Buffer): Buffer {
  const directory = mkdtempSync(join(tmpdir(), 'charla-anki-test-'));
  try {
    const path = join(directory, 'collection.anki21b');
    writeFileSync(path, readZip(apkg).find((entry) => entry.name === 'collection.anki2')!.data);
    const db = new DatabaseSync(path);
    const models = JSON.parse(
      (db.prepare('select models from col').get() as { models: string }).models,
    ) as Record<string, { name: string; flds: Array<{ name: string }> }>;
    db.exec(
      'create table notetypes (id integer primary key, name text not null, mtime_secs integer, usn integer, config blob)',
    );
    db.exec(
      'create table fields (ntid integer, ord integer, name text, config blob, primary key (ntid, ord))',
    );
    for (const [id, model] of Object.entries(models)) {
      db.prepare("insert into notetypes (id, name, mtime_secs, usn, config) values (?, ?, 0, 0, x'')").run(
        Number(id),
        model.name,
      );
      for (const [ord, field] of model.flds.entries())
        db.prepare("insert into fields (ntid, ord, name, config) values (?, ?, ?, x'')").run(
          Number(id),
          ord,
          field.name,
        );
    }
    db.exec("update col set models = ''");
    db.close();
    return writeZip([
      { name: 'collection.anki2', data: Buffer.from('stub: please update to the latest Anki version') },
      { name: 'collection.anki21b', data: zstdCompressSync(readFileSync(path)) },
      // The media map is a zstd-compressed protobuf in this format; an empty map is empty bytes.
      { name: 'media', data: zstdCompressSync(Buffer.alloc(0)) },
      { name: 'meta', data: Buffer.from([0x08, 0x03]) },
    ]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('Anki import', () => {
  let testApp: TestApp;
  let ana: TestClient;
  let ben: TestClient;
  let apkg: Buffer;
  let benDeck: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const owner = await signUpOwner(testApp);
    ana = (await createMember(testApp, owner, { username: 'ana' })).client;
    ben = (await createMember(testApp, owner, { username: 'ben' })).client;
    await onboard(ana, 'es');
    await onboard(ben, 'es');
    const deck = (await ana.post('/api/vocabulary/decks', { language: 'es', name: 'Kitchen' })).body.deck;
    for (const [term, translation, example, notes] of [
      ['la cuchara', 'the spoon', 'Necesito una cuchara.', 'feminine\nplural: las cucharas'],
      ['el tenedor', 'the fork', 'El tenedor está sucio.', ''],
      ['<b>& co</b>', 'and company', 'Pedro & co.', 'markup < kept as text'],
    ]) {
      await ana.post('/api/vocabulary/cards', {
        deckId: deck.id,
        term,
        translation,
        exampleSentence: example,
        notes,
      });
    }
    const exported = await ana.get(`/api/vocabulary/decks/${deck.id}/export.apkg`);
    apkg = Buffer.from(
      await (
        await fetch(`${testApp.url}/api/vocabulary/decks/${deck.id}/export.apkg`, {
          headers: { cookie: [...ana.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
        })
      ).arrayBuffer(),
    );
    expect(exported.status).toBe(200);
    benDeck = (await ben.post('/api/vocabulary/decks', { language: 'es', name: 'From Anki' })).body.deck.id;
  });
  afterAll(() => testApp.close());

  it('turns field HTML into plain text', () => {
    expect(htmlToText('<div>la <b>casa</b>&nbsp;grande</div><div>[sound:casa.mp3]línea&#33;</div>')).toBe(
      'la casa grande\nlínea!',
    );
    expect(htmlToText('a<br>b &lt;c&gt; &#x1F600; \u0007')).toBe('a\nb <c> 😀');
  });

  for (const format of ['anki2', 'anki21b'] as const) {
    it(`previews and imports a ${format} package made by the project's own writer, with the learner's mapping`, async () => {
      const file = format === 'anki2' ? apkg : toAnki21b(apkg);
      const preview = await send(ben, '/api/vocabulary/anki/preview', file);
      expect(preview.status, preview.text).toBe(200);
      expect(preview.body.format).toBe(format);
      const [type] = preview.body.noteTypes;
      expect(type.fields.slice(0, 4)).toEqual(['Term', 'Translation', 'Example', 'Notes']);
      expect(type.noteCount).toBe(3);
      expect(type.samples[0].slice(0, 2)).toEqual(['la cuchara', 'the spoon']);

      const deckId = (await ben.post('/api/vocabulary/decks', { language: 'es', name: `Anki ${format}` }))
        .body.deck.id;
      const query = `deckId=${deckId}&noteType=${type.id}&term=0&translation=1&example=2&notes=3`;
      const imported = await send(ben, `/api/vocabulary/anki/import?${query}`, file);
      expect(imported.status, imported.text).toBe(200);
      expect(imported.body).toMatchObject({ imported: 3, duplicates: 0, skippedCount: 0, notes: 3 });
      const cards = (await ben.get(`/api/vocabulary/cards?deckId=${deckId}`)).body.cards;
      expect(
        cards
          .map((card: any) => [
            card.term,
            card.translation,
            card.exampleSentence,
            card.notes,
            card.schedule.state,
            card.source,
          ])
          .sort(),
      ).toEqual(
        [
          ['<b>& co</b>', 'and company', 'Pedro & co.', 'markup < kept as text', 'new', 'import'],
          ['el tenedor', 'the fork', 'El tenedor está sucio.', '', 'new', 'import'],
          [
            'la cuchara',
            'the spoon',
            'Necesito una cuchara.',
            'feminine\nplural: las cucharas',
            'new',
            'import',
          ],
        ].sort(),
      );
      // Again: all duplicates, nothing added.
      const again = await send(ben, `/api/vocabulary/anki/import?${query}`, file);
      expect(again.body).toMatchObject({ imported: 0, duplicates: 3 });
    });
  }

  it('refuses hostile and wrong files, a foreign deck and a bad mapping with a clear 4xx, changing nothing', async () => {
    const tenMegabytes = editCollection(apkg, (db) =>
      db.prepare('update notes set flds = ?').run(`${'x'.repeat(10 * 1024 * 1024)}\u001fbig`),
    );
    // 300 MiB of zeros deflate to a few hundred KiB: a zip bomb against the 256 MiB collection limit.
    const bombBody = deflateRawSync(Buffer.alloc(300 * 1024 * 1024));
    const bomb = writeZip([{ name: 'collection.anki2', data: Buffer.from('placeholder') }]);
    // One lies about its size (1 KiB declared), one tells it (over the limit): both stop at the limit.
    const bombArchive = patchEntry(bomb, bombBody, 1024);
    const lyingSize = patchEntry(bomb, bombBody, 0xfffffff0);
    const zstdBomb = writeZip([
      { name: 'collection.anki21b', data: zstdCompressSync(Buffer.alloc(300 * 1024 * 1024)) },
    ]);
    const before = await fingerprintTables(testApp.database.db);
    const preview = (await send(ben, '/api/vocabulary/anki/preview', apkg)).body;
    const typeId = preview.noteTypes[0].id;
    const importPath = `/api/vocabulary/anki/import?deckId=${benDeck}&noteType=${typeId}&term=0`;
    const cases: Array<{ file: Buffer; path?: string; status: number; pattern: RegExp }> = [
      { file: tenMegabytes, status: 413, pattern: /larger than 1 MiB/ },
      { file: bombArchive, status: 413, pattern: /more than 256 MiB/ },
      { file: lyingSize, status: 413, pattern: /more than 256 MiB/ },
      { file: zstdBomb, status: 413, pattern: /more than 256 MiB/ },
      {
        file: Buffer.from('\u0089PNG\r\n\u001a\n not a package'),
        status: 400,
        pattern: /not an Anki package/,
      },
      {
        file: writeZip([{ name: 'notes.txt', data: Buffer.from('hello') }]),
        status: 400,
        pattern: /not an Anki package/,
      },
      {
        file: writeZip([
          { name: 'collection.anki2', data: Buffer.from('SQLite format 3\u0000 and then garbage') },
        ]),
        status: 400,
        pattern: /cannot be read|damaged/,
      },
      {
        file: writeZip([{ name: 'collection.anki21b', data: Buffer.from('not zstd') }]),
        status: 400,
        pattern: /zstd/,
      },
      {
        file: apkg,
        path: importPath.replace(benDeck, '0190a3c4-0000-7000-8000-000000000001'),
        status: 404,
        pattern: /deck/,
      },
      { file: apkg, path: importPath.replace('term=0', 'term=42'), status: 400, pattern: /no field 43/ },
      { file: apkg, path: importPath.replace(typeId, '123'), status: 400, pattern: /no note type 123/ },
      { file: apkg, path: importPath.replace('term=0', 'term=x'), status: 400, pattern: /term/ },
    ];
    for (const testCase of cases) {
      for (const path of testCase.path ? [testCase.path] : ['/api/vocabulary/anki/preview', importPath]) {
        const response = await send(ben, path, testCase.file);
        expect(response.status, `${path}: ${response.text}`).toBe(testCase.status);
        expect(response.body.error.message).toMatch(testCase.pattern);
      }
    }
    // Ana's deck is not Ben's to import into.
    const anaDeck = (await ana.get('/api/vocabulary/decks')).body.decks[0].id;
    const foreign = await send(ben, importPath.replace(benDeck, anaDeck), apkg);
    expect(foreign.status).toBe(404);
    expect(await fingerprintTables(testApp.database.db)).toEqual(before);
  });
});

/**
 * Replaces the one entry's body of a single-entry archive by `body` (deflated), declaring
 * `declaredSize` as its unpacked size: a zip bomb, honest or lying about its size.
 */
function patchEntry(archive: Buffer, body: Buffer, declaredSize: number): Buffer {
  const nameLength = archive.readUInt16LE(26);
  const name = archive.subarray(30, 30 + nameLength);
  const local = Buffer.alloc(30);
  archive.copy(local, 0, 0, 30);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  const central = Buffer.alloc(46);
  const centralStart = archive.readUInt32LE(archive.length - 22 + 16);
  archive.copy(central, 0, centralStart, centralStart + 46);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt32LE(0, 42);
  const localPart = Buffer.concat([local, name, body]);
  const centralPart = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}
