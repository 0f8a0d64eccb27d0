import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDigest, openSynthesisCache } from './synthesis-cache.ts';

const key = (text: string, overrides: Partial<{ voice: string; speed: number }> = {}) => ({
  provider: 'openai',
  model: 'tts-1',
  voice: overrides.voice ?? 'nova',
  speed: overrides.speed ?? 1,
  text,
});
const audio = (fill: number) => Buffer.alloc(1000, fill);

describe('synthesis cache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charla-cache-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is addressed by provider, model, voice, speed and text', async () => {
    const cache = await openSynthesisCache({ dir, maxBytes: 10_000 });
    await cache.put(key('Hola'), audio(1), 'audio/mpeg');
    expect((await cache.get(key('Hola')))?.audio.equals(audio(1))).toBe(true);
    expect((await cache.get(key('Hola')))?.mimeType).toBe('audio/mpeg');
    expect(await cache.get(key('Hola', { voice: 'alloy' }))).toBeUndefined();
    expect(await cache.get(key('Hola', { speed: 1.25 }))).toBeUndefined();
    expect(await cache.get(key('hola'))).toBeUndefined();
    expect(cacheDigest(key('a,b'))).not.toBe(cacheDigest({ ...key('b'), model: 'tts-1,a' }));
  });

  it('evicts the least recently used past its cap, and remembers the order across a restart', async () => {
    const cache = await openSynthesisCache({ dir, maxBytes: 3000 });
    await cache.put(key('one'), audio(1), 'audio/mpeg');
    await cache.put(key('two'), audio(2), 'audio/wav');
    await cache.put(key('three'), audio(3), 'audio/mpeg');
    // Playing "one" again makes "two" the least recently used.
    expect(await cache.get(key('one'))).toBeDefined();
    await cache.put(key('four'), audio(4), 'audio/mpeg');
    expect(cache.size()).toBe(3000);
    expect(await cache.get(key('two'))).toBeUndefined();
    for (const text of ['one', 'three', 'four']) expect(await cache.get(key(text)), text).toBeDefined();
    expect((await readdir(dir)).filter((file) => !file.startsWith('.'))).toHaveLength(3);

    // After a restart the files' times are the order: make "three" the oldest, then shrink the cap.
    const old = new Date('2026-01-01T00:00:00Z');
    await utimes(join(dir, `${cacheDigest(key('three'))}.mp3`), old, old);
    const reopened = await openSynthesisCache({ dir, maxBytes: 2000 });
    expect(reopened.size()).toBe(2000);
    expect(await reopened.get(key('three'))).toBeUndefined();
    expect((await reopened.get(key('four')))?.audio.equals(audio(4))).toBe(true);
  });

  it('stores nothing with a cap of 0, and never creates its folder until it writes', async () => {
    const folder = join(dir, 'speech-cache');
    const off = await openSynthesisCache({ dir: folder, maxBytes: 0 });
    await off.put(key('Hola'), audio(1), 'audio/mpeg');
    expect(await off.get(key('Hola'))).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });
});
