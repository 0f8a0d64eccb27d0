import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripNul } from '../../contracts/free-text.ts';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
  testDbKind,
} from '../../tests/harness/test-database.ts';
import { fingerprintTables } from '../../tests/helpers/fingerprint.ts';
import { seedLearnerData } from '../../tests/helpers/learner-data.ts';
import { createMember, signUpOwner, startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import { storeLearnerMessage } from '../../tests/helpers/turns.ts';
import { connectDatabase } from './connect.ts';
import { CopyRefused, copyDatabase } from './copy.ts';

// Needs both databases: it runs in the PostgreSQL pass, where the run's cluster exists.
describe.skipIf(testDbKind !== 'postgres' || postgresUnavailable())(
  'db:copy SQLite → PostgreSQL → SQLite',
  () => {
    let source: TestApp;
    let target: TestDatabase;
    let back: string;

    beforeAll(async () => {
      source = await startTestApp({ database: 'sqlite' });
      const owner = await signUpOwner(source);
      for (const username of ['ana', 'ben']) {
        const member = await createMember(source, owner, { username });
        await seedLearnerData(source, member.client, member.id, { messages: 4 });
      }
      // A row stored before text was checked, with NUL in it (SQLite keeps it; PostgreSQL cannot).
      const conversation = await source.database.db
        .selectFrom('conversations')
        .select('id')
        .executeTakeFirstOrThrow();
      await storeLearnerMessage(source.database.db, {
        conversationId: conversation.id,
        text: 'old\u0000text\u0000',
      });
      target = await createTestDatabase('postgres');
      back = mkdtempSync(join(tmpdir(), 'charla-copy-back-'));
    });
    afterAll(async () => {
      await source.close();
      await target.cleanup();
      rmSync(back, { recursive: true, force: true });
    });

    it('copies everything there and back with equal data, verified, NUL removed and counted', async () => {
      if (source.config.DATA_DIR === undefined || target.kind !== 'postgres')
        throw new Error('unexpected setup');
      // The server is still running on the source: the copy reads a snapshot.
      const there = await copyDatabase(
        { kind: 'sqlite', dataDir: source.config.DATA_DIR },
        { kind: 'postgres', url: target.databaseUrl },
      );
      expect(there.nulCharactersRemoved).toBe(2);
      expect(there.tables.find((table) => table.table === 'messages')?.rows).toBeGreaterThan(16);
      const backAgain = await copyDatabase(
        { kind: 'postgres', url: target.databaseUrl },
        { kind: 'sqlite', dataDir: join(back, 'data') },
      );
      expect(backAgain.rows).toBe(there.rows);
      expect(backAgain.nulCharactersRemoved).toBe(0);

      // The source as the target should hold it: the same rows without the NUL characters.
      const db = source.database.db;
      for (const message of await db.selectFrom('messages').select(['id', 'text']).execute()) {
        if (message.text.includes('\u0000'))
          await db
            .updateTable('messages')
            .set({ text: stripNul(message.text).text })
            .where('id', '=', message.id)
            .execute();
      }
      const expected = await fingerprintTables(source.database.db);
      const postgres = connectDatabase({
        databaseUrl: target.databaseUrl,
        dataDir: '/nonexistent',
        poolSize: 2,
      });
      const sqlite = connectDatabase({ dataDir: join(back, 'data') });
      try {
        expect(await fingerprintTables(postgres.db)).toEqual(expected);
        expect(await fingerprintTables(sqlite.db)).toEqual(expected);
        expect(Object.values(expected).filter((value) => !value.startsWith('0:')).length).toBeGreaterThan(15);
      } finally {
        await postgres.close();
        await sqlite.close();
      }
    });

    it('refuses a target that is not empty or already exists, and a source that is missing', async () => {
      if (target.kind !== 'postgres') throw new Error('unexpected setup');
      await expect(
        copyDatabase(
          { kind: 'sqlite', dataDir: source.config.DATA_DIR },
          { kind: 'postgres', url: target.databaseUrl },
        ),
      ).rejects.toThrow(CopyRefused);
      await expect(
        copyDatabase(
          { kind: 'postgres', url: target.databaseUrl },
          { kind: 'sqlite', dataDir: join(back, 'data') },
        ),
      ).rejects.toThrow(/already exists/);
      await expect(
        copyDatabase(
          { kind: 'sqlite', dataDir: join(back, 'nothing-here') },
          { kind: 'postgres', url: target.databaseUrl },
        ),
      ).rejects.toThrow(/no Charla database/);
    });
  },
);
