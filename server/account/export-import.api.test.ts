import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTableNames, exportVersion } from '../../contracts/export.ts';
import { testDbKind } from '../../tests/harness/test-database.ts';
import { fingerprintTables } from '../../tests/helpers/fingerprint.ts';
import { seedLearnerData } from '../../tests/helpers/learner-data.ts';
import {
  createMember,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { recordingsDirOf } from '../speech/recordings.ts';
import { rollBackInterruptedImports } from './import.ts';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The tables of an export with every id replaced by its order of first appearance: two exports
 * are equal "ids aside" exactly when their canonical forms are equal (references included, since
 * the same id gets the same label wherever it appears, inside JSON columns too).
 */
function canonical(tables: Record<string, unknown>): unknown {
  const labels = new Map<string, string>();
  const text = JSON.stringify(tables).replace(uuid, (id) => {
    if (!labels.has(id)) labels.set(id, `id-${labels.size}`);
    return labels.get(id)!;
  });
  return JSON.parse(text);
}

function importFile(client: TestClient, body: string | Buffer, type = 'application/json') {
  return client.request('POST', '/api/me/import', { body, headers: { 'content-type': type } });
}

describe('learner export and import', () => {
  let testApp: TestApp;
  let owner: TestClient;
  let ana: TestClient;
  let anaId: string;
  let exported: { text: string; body: any };
  let dataDir: string | undefined;
  const recordingFiles = (userId: string) =>
    readdir(join(recordingsDirOf(testApp.config), userId)).catch(() => [] as string[]);

  beforeAll(async () => {
    // Kept recordings' audio lives in DATA_DIR, which PostgreSQL runs otherwise leave unset.
    if (testDbKind === 'postgres') dataDir = await mkdtemp(join(tmpdir(), 'charla-export-'));
    testApp = await startTestApp(dataDir ? { env: { DATA_DIR: dataDir } } : {});
    owner = await signUpOwner(testApp);
    ({ client: ana, id: anaId } = await createMember(testApp, owner, { username: 'ana' }));
    await seedLearnerData(testApp, ana, anaId);
    const response = await ana.get('/api/me/export');
    expect(response.status).toBe(200);
    exported = response;
  });
  afterAll(async () => {
    await testApp.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('exports every table the learner has rows in, streamed as versioned JSON', async () => {
    expect(exported.body).toMatchObject({
      format: 'charla-export',
      version: exportVersion,
      user: { username: 'ana' },
    });
    expect(Object.keys(exported.body.tables)).toEqual(exportTableNames);
    for (const table of exportTableNames) {
      expect(exported.body.tables[table].length, table).toBeGreaterThan(0);
    }
    // Rows straight from the database, the learner's own only.
    const messages = await testApp.database.db
      .selectFrom('messages')
      .select('id')
      .where('user_id', '=', anaId)
      .execute();
    expect(exported.body.tables.messages).toHaveLength(messages.length);
    expect(exported.text).not.toMatch(/scrypt|password_hash|csrf/);
    const schema = await testApp.client().get('/api/schemas/charla-export.json');
    expect(schema.status).toBe(200);
    expect(JSON.parse(schema.text)).toMatchObject({
      title: expect.stringContaining('Charla learner export'),
      properties: { tables: { properties: { messages: { type: 'array' } } } },
    });
    const openapi = await testApp.client().get('/api/openapi.json');
    expect(openapi.body.paths['/api/me/export'].get.externalDocs.url).toBe('/api/schemas/charla-export.json');
  });

  it('imports into another account with every row equal ids aside, and a second import adds nothing', async () => {
    const { client: bea, id: beaId } = await createMember(testApp, owner, { username: 'bea' });
    const imported = await importFile(bea, exported.text);
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body.nulCharactersRemoved).toBe(0);
    for (const table of exportTableNames) {
      expect(imported.body.added[table], table).toBe(exported.body.tables[table].length);
    }
    const again = (await bea.get('/api/me/export')).body;
    expect(canonical(again.tables)).toEqual(canonical(exported.body.tables));
    // New ids: nothing of Ana's was reused or changed.
    const anaIds = new Set(exported.text.match(uuid));
    const beaIds = JSON.stringify(again.tables).match(uuid) ?? [];
    expect(beaIds.filter((id) => anaIds.has(id))).toEqual([]);
    expect(canonical((await ana.get('/api/me/export')).body.tables)).toEqual(canonical(exported.body.tables));

    // The same file again (gzip-compressed this time): nothing new.
    const before = await fingerprintTables(testApp.database.db);
    const second = await importFile(bea, gzipSync(exported.text), 'application/gzip');
    expect(second.status, second.text).toBe(200);
    for (const table of exportTableNames) {
      if (['profiles', 'user_languages', 'vocabulary_settings', 'tutor_preferences'].includes(table))
        continue;
      expect(second.body.added[table], table).toBe(0);
    }
    const after = await fingerprintTables(testApp.database.db);
    expect({ ...after, imports: undefined }).toEqual({ ...before, imports: undefined });

    // Imported usage is history: no cap moved, and this server's usage report does not count it.
    const budget = await testApp.database.db
      .selectFrom('member_budgets')
      .selectAll()
      .where('user_id', '=', beaId)
      .execute();
    expect(budget.every((row) => row.month_spent_micros === 0)).toBe(true);
    const usage = await owner.get('/api/admin/usage?month=2026-11');
    expect(usage.status).toBe(200);
    const beaUsage = usage.body.members.find((member: { username: string }) => member.username === 'bea');
    expect(beaUsage).toMatchObject({ spentMicros: 0, calls: 0 });
    expect(usage.body.byPurpose.reduce((sum: number, row: { calls: number }) => sum + row.calls, 0)).toBe(
      exported.body.tables.ledger_entries.length,
    );
    // The learner finds their conversations and cards, and their kept recording with its audio.
    expect((await bea.get('/api/conversations')).body.conversations).toHaveLength(2);
    expect((await bea.get('/api/vocabulary/cards')).body.cards).toHaveLength(4);
    const [recording] = (await bea.get('/api/speech/recordings')).body.recordings;
    expect(recording).toMatchObject({
      mimeType: 'audio/wav',
      durationMs: 750,
      transcript: 'Hola, ¿qué tal?',
    });
    const audio = await bea.get(`/api/speech/recordings/${recording.id}`);
    expect(audio.status).toBe(200);
    expect(Buffer.from(audio.text, 'latin1').length).toBeGreaterThan(0);
    expect(await recordingFiles(beaId)).toEqual([`${recording.id}.wav`]);
  });

  it('still imports an export of an earlier version (before recordings)', async () => {
    const { client: fay } = await createMember(testApp, owner, { username: 'fay' });
    const start = exported.text.indexOf(',\n"speech_recordings":[');
    expect(start).toBeGreaterThan(0);
    const version3 = `${exported.text.slice(0, start)}\n}}`.replace(
      `"version":${exportVersion}`,
      '"version":3',
    );
    const imported = await importFile(fay, version3);
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body.version).toBe(3);
    expect(imported.body.added.speech_recordings).toBeUndefined();
    expect((await fay.get('/api/conversations')).body.conversations).toHaveLength(2);
  });

  it('refuses a newer version, a wrong file, a truncated file and a bad row with a clear 4xx, changing nothing', async () => {
    const { client: cleo, id: cleoId } = await createMember(testApp, owner, { username: 'cleo' });
    const before = await fingerprintTables(testApp.database.db);
    const newer = exported.text.replace(`"version":${exportVersion}`, `"version":${exportVersion + 1}`);
    const cases: Array<{ body: string | Buffer; status: number; pattern: RegExp }> = [
      {
        body: newer,
        status: 400,
        pattern: new RegExp(`newer Charla \\(export version ${exportVersion + 1}\\)`),
      },
      { body: 'PK\u0003\u0004 not json', status: 400, pattern: /not a Charla export/ },
      { body: '{"hello": "world"}', status: 400, pattern: /no "tables"/ },
      {
        body: exported.text.slice(0, Math.floor(exported.text.length * 0.8)),
        status: 400,
        pattern: /incomplete/,
      },
      {
        body: exported.text.replace('"role":"tutor"', '"role":"system"'),
        status: 400,
        pattern: /Row \d+ of "messages" is not valid: role/,
      },
      {
        // A message whose conversation is not in the file: rolled back by the import id.
        body: exported.text.replace(
          /"conversation_id":"[0-9a-f-]{36}"/,
          '"conversation_id":"0190a3c4-0000-7000-8000-000000000001"',
        ),
        status: 400,
        pattern: /refers to rows it does not contain/,
      },
      { body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]), status: 400, pattern: /gzip/ },
      // Cut after the last recording was written: its audio file goes with its row.
      { body: exported.text.slice(0, -3), status: 400, pattern: /incomplete/ },
      {
        body: exported.text.replace(/"audio_base64":"[^"]+"/, '"audio_base64":"JVBERi0xLjcgbm90IGF1ZGlv"'),
        status: 400,
        pattern: /holds no audio the server accepts/,
      },
      { body: '', status: 400, pattern: /empty|request body/ },
    ];
    for (const testCase of cases) {
      const response = await importFile(cleo, testCase.body);
      expect(response.status, response.text).toBe(testCase.status);
      expect(response.body.error.message).toMatch(testCase.pattern);
    }
    // Rows written before the refusal went by the import id, and so did the import's own record.
    expect(await fingerprintTables(testApp.database.db)).toEqual(before);
    expect(await recordingFiles(cleoId)).toEqual([]);
  });

  it('rolls back an import a killed process left running, by its import id', async () => {
    const { client: eve, id: eveId } = await createMember(testApp, owner, { username: 'eve' });
    expect((await importFile(eve, exported.text)).status).toBe(200);
    const db = testApp.database.db;
    const [done] = await db.selectFrom('imports').select('id').where('user_id', '=', eveId).execute();
    // As if the process had died before finishing.
    await db.updateTable('imports').set({ status: 'running' }).where('id', '=', done!.id).execute();
    const before = await fingerprintTables(db);
    expect(await rollBackInterruptedImports(db, testApp.clock, { olderThanMs: 60 * 60 * 1000 })).toBe(0);
    expect(await fingerprintTables(db)).toEqual(before);
    expect(await rollBackInterruptedImports(db, testApp.clock, { olderThanMs: 0 })).toBe(1);
    expect((await eve.get('/api/conversations')).body.conversations).toEqual([]);
    expect((await eve.get('/api/vocabulary/cards')).body.cards).toEqual([]);
  });

  it('strips NUL from stored text on import and reports how many', async () => {
    const { client: dora } = await createMember(testApp, owner, { username: 'dora' });
    const start = exported.text.indexOf('"conversations":[');
    const withNul =
      exported.text.slice(0, start) +
      exported.text.slice(start).replace('"title":"', '"title":"N\\u0000U\\u0000L ');
    const response = await importFile(dora, withNul);
    expect(response.status, response.text).toBe(200);
    expect(response.body.nulCharactersRemoved).toBe(2);
    const titles = (await dora.get('/api/conversations')).body.conversations.map(
      (c: { title: string }) => c.title,
    );
    expect(titles.some((title: string) => title.startsWith('NUL '))).toBe(true);
  });

  it('gives the owner the whole server as one archive, and nobody else', async () => {
    const archive = await owner.get('/api/admin/export');
    expect(archive.status).toBe(200);
    expect(archive.body.format).toBe('charla-server-export');
    const usernames = archive.body.members.map(
      (member: { user: { username: string } }) => member.user.username,
    );
    expect(usernames).toEqual(expect.arrayContaining(['owner', 'ana', 'bea']));
    const { client: admin } = await createMember(testApp, owner, { username: 'second-admin', role: 'admin' });
    expect((await admin.get('/api/admin/export')).status).toBe(403);
    expect((await ana.get('/api/admin/export')).status).toBe(403);
    const refused = await importFile(ana, archive.text);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/whole-server archive/);
  });
});
