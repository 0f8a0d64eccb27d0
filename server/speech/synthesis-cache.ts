import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * Synthesised speech on disk, addressed by what made it — (provider, model, voice, speed, text) —
 * so replaying a sentence or a card is paid once. Files live in DATA_DIR/speech-cache as
 * `<sha256>.<ext>`; the index (size and last use) is this process's, rebuilt from the folder at
 * start (modification time = last use). Past the size cap the least recently used files go.
 * Another process may evict a file this one still lists: a read that fails is simply a miss.
 */

export type CacheKey = { provider: string; model: string; voice: string; speed: number; text: string };

export type SynthesisCache = {
  get(key: CacheKey): Promise<{ audio: Buffer; mimeType: string } | undefined>;
  put(key: CacheKey, audio: Buffer, mimeType: string): Promise<void>;
  /** Bytes on disk as this process counts them. */
  size(): number;
};

const extensionOf: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'audio/aac': 'aac',
  'audio/webm': 'webm',
};
const mimeOf = Object.fromEntries(Object.entries(extensionOf).map(([mime, ext]) => [ext, mime]));

export function cacheDigest(key: CacheKey): string {
  return createHash('sha256')
    .update(JSON.stringify([key.provider, key.model, key.voice, key.speed, key.text]))
    .digest('hex');
}

export async function openSynthesisCache(options: {
  dir: string;
  maxBytes: number;
  log?: { warn(object: unknown, message: string): void } | undefined;
}): Promise<SynthesisCache> {
  const { dir, maxBytes } = options;
  // Insertion order is recency order: a use moves an entry to the end.
  const index = new Map<string, { file: string; bytes: number }>();
  let total = 0;
  if (maxBytes > 0) {
    // The folder is made by the first write: a server that never speaks leaves no trace.
    const found: Array<{ digest: string; file: string; bytes: number; usedAt: number }> = [];
    for (const file of await readdir(dir).catch(() => [] as string[])) {
      const match = /^([0-9a-f]{64})\.([a-z0-9]+)$/.exec(file);
      if (!match) continue;
      const info = await stat(join(dir, file)).catch(() => undefined);
      if (info?.isFile())
        found.push({ digest: match[1] as string, file, bytes: info.size, usedAt: info.mtimeMs });
    }
    found.sort((a, b) => a.usedAt - b.usedAt);
    for (const entry of found) {
      index.set(entry.digest, { file: entry.file, bytes: entry.bytes });
      total += entry.bytes;
    }
  }

  async function evict() {
    for (const [digest, entry] of index) {
      if (total <= maxBytes) break;
      index.delete(digest);
      total -= entry.bytes;
      await unlink(join(dir, entry.file)).catch(() => {});
    }
  }
  await evict();

  return {
    async get(key) {
      if (maxBytes <= 0) return undefined;
      const digest = cacheDigest(key);
      const entry = index.get(digest);
      if (!entry) return undefined;
      try {
        const audio = await readFile(join(dir, entry.file));
        index.delete(digest);
        index.set(digest, entry);
        const now = new Date();
        // The file's time is its last use, for the order after a restart.
        utimes(join(dir, entry.file), now, now).catch(() => {});
        const extension = entry.file.split('.')[1] ?? 'mp3';
        return { audio, mimeType: mimeOf[extension] ?? 'audio/mpeg' };
      } catch {
        index.delete(digest);
        total -= entry.bytes;
        return undefined;
      }
    },

    async put(key, audio, mimeType) {
      if (maxBytes <= 0 || audio.length > maxBytes) return;
      const digest = cacheDigest(key);
      const file = `${digest}.${extensionOf[mimeType] ?? 'mp3'}`;
      const temporary = join(dir, `.${randomUUID()}.part`);
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temporary, audio);
        await rename(temporary, join(dir, file));
      } catch (error) {
        await unlink(temporary).catch(() => {});
        options.log?.warn({ err: error }, 'could not cache synthesised speech');
        return;
      }
      const previous = index.get(digest);
      if (previous) {
        total -= previous.bytes;
        index.delete(digest);
        if (previous.file !== file) await unlink(join(dir, previous.file)).catch(() => {});
      }
      index.set(digest, { file, bytes: audio.length });
      total += audio.length;
      await evict();
    },

    size: () => total,
  };
}
