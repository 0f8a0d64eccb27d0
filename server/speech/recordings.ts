import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Recording, TranscriptionPurpose } from '../../contracts/speech.ts';
import type { Config } from '../config.ts';
import type { Database, ImportAwareDatabase } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';

/*
 * Recordings a learner chose to keep (settings → keep my recordings; off by default): a row in
 * speech_recordings and the audio as a file, DATA_DIR/recordings/<user id>/<recording id>.<ext>.
 * The file is written before the row and removed after it, so a row always has its file; a file
 * left without a row (a crash between the two, a deleted account) is removed by `sweep`.
 */

/** Where kept recordings live: DATA_DIR/recordings/<user id>/. */
export const recordingsDirOf = (config: Pick<Config, 'DATA_DIR'>) =>
  join(resolve(config.DATA_DIR), 'recordings');

/** Removes an account's recording files once the account is gone (its rows went with it). */
export async function removeAccountRecordings(
  config: Pick<Config, 'DATA_DIR'>,
  userId: string,
): Promise<void> {
  if (!safeId(userId)) return;
  await rm(join(recordingsDirOf(config), userId), { recursive: true, force: true });
}

export type RecordingStore = {
  save(input: {
    userId: string;
    conversationId: string | null;
    language: string;
    mimeType: string;
    audio: Buffer;
    durationMs: number;
    transcript: string;
    /** What the transcription was for (an import of an older file: `message`). */
    purpose?: TranscriptionPurpose | undefined;
    /** An imported recording keeps its own time and id (remapped) and is tagged with the import. */
    id?: string;
    createdAt?: string;
    importId?: string;
  }): Promise<string>;
  list(userId: string): Promise<Recording[]>;
  /** The audio of one of the learner's recordings; 404 for anyone else's. */
  read(userId: string, id: string): Promise<{ recording: Recording; audio: Buffer }>;
  remove(userId: string, id: string): Promise<void>;
  /** The audio file of a row, for the export; undefined when it is gone. */
  audioOf(userId: string, id: string, mimeType: string): Promise<Buffer | undefined>;
  /** Removes the files of rows that no longer exist (deleted accounts, rolled-back imports). */
  sweep(): Promise<number>;
};

const extensionOf: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

const safeId = (value: string) => /^[0-9a-f-]{36}$/i.test(value);

/** The audio file of one recording. */
export function recordingFileOf(dir: string, userId: string, id: string, mimeType: string): string {
  if (!safeId(userId) || !safeId(id)) throw new Error('unexpected recording id');
  return join(dir, userId, `${id}.${extensionOf[mimeType] ?? 'bin'}`);
}

function present(row: Database['speech_recordings']): Recording {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    createdAt: row.created_at,
    durationMs: row.duration_ms,
    mimeType: row.mime_type,
    bytes: row.bytes,
    language: row.language,
    transcript: row.transcript,
    purpose: row.purpose === 'pronunciation' ? 'pronunciation' : 'message',
  };
}

export function createRecordingStore(deps: {
  db: Kysely<Database>;
  clock: Clock;
  dir: string;
}): RecordingStore {
  const { db, dir } = deps;
  const fileOf = (userId: string, id: string, mimeType: string) => recordingFileOf(dir, userId, id, mimeType);

  async function find(userId: string, id: string) {
    const row = await db
      .selectFrom('speech_recordings')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw notFound('recording');
    return row;
  }

  return {
    async save(input) {
      const id = input.id ?? newId(deps.clock.now().getTime());
      if (!safeId(id) || !safeId(input.userId)) throw new Error('unexpected recording id');
      const file = fileOf(input.userId, id, input.mimeType);
      await mkdir(join(dir, input.userId), { recursive: true });
      const temporary = `${file}.${randomUUID()}.part`;
      await writeFile(temporary, input.audio);
      await rename(temporary, file);
      try {
        await (db as unknown as Kysely<ImportAwareDatabase>)
          .insertInto('speech_recordings')
          .values({
            id,
            user_id: input.userId,
            conversation_id: input.conversationId,
            language: input.language,
            mime_type: input.mimeType,
            bytes: input.audio.length,
            duration_ms: input.durationMs,
            transcript: input.transcript,
            purpose: input.purpose ?? 'message',
            created_at: input.createdAt ?? deps.clock.now().toISOString(),
            import_id: input.importId ?? null,
          })
          .execute();
      } catch (error) {
        await unlink(file).catch(() => {});
        throw error;
      }
      return id;
    },

    async list(userId) {
      const rows = await db
        .selectFrom('speech_recordings')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(present);
    },

    async read(userId, id) {
      const row = await find(userId, id);
      const audio = await readFile(fileOf(userId, id, row.mime_type)).catch(() => undefined);
      if (!audio) throw notFound('recording');
      return { recording: present(row), audio };
    },

    async remove(userId, id) {
      const row = await find(userId, id);
      await db.deleteFrom('speech_recordings').where('id', '=', id).where('user_id', '=', userId).execute();
      await unlink(fileOf(userId, id, row.mime_type)).catch(() => {});
    },

    async audioOf(userId, id, mimeType) {
      if (!safeId(userId) || !safeId(id)) return undefined;
      return readFile(fileOf(userId, id, mimeType)).catch(() => undefined);
    },

    async sweep() {
      let removed = 0;
      const users = await readdir(dir).catch(() => [] as string[]);
      for (const userId of users) {
        if (!safeId(userId)) continue;
        const rows = await db
          .selectFrom('speech_recordings')
          .select('id')
          .where('user_id', '=', userId)
          .execute();
        const kept = new Set(rows.map((row) => row.id));
        for (const file of await readdir(join(dir, userId)).catch(() => [] as string[])) {
          const id = file.split('.')[0] ?? '';
          // A part file is a save in progress (or a crashed one): left to the next sweep's judgement by age.
          if (file.endsWith('.part') || kept.has(id)) continue;
          await unlink(join(dir, userId, file)).catch(() => {});
          removed++;
        }
      }
      return removed;
    },
  };
}
