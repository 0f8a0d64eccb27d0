import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalModelCatalogueEntry } from '../../../contracts/providers.ts';
import { loadLocalModelCatalogue } from './catalogue.ts';
import {
  createDownloadManager,
  type DownloadManager,
  type DownloadStatus,
  presentDownload,
  resolveHuggingFaceUri,
} from './downloads.ts';
import { listModelFiles, readModelManifest } from './model-files.ts';

const fixture = await readFile(new URL('../../../tests/fixtures/llama-2-tiny-random.gguf', import.meta.url));
const fixtureSha = createHash('sha256').update(fixture).digest('hex');

/** How the loopback "hub" behaves for the next requests. */
const behaviour = {
  /** Cut the connection after this many body bytes, on this many requests. */
  cutAfterBytes: 0,
  cutsLeft: 0,
  /** Send the body in chunks of this size with this delay between them. */
  chunkBytes: 64 * 1024,
  chunkDelayMs: 0,
  status: 200,
};
const ranges: Array<string | undefined> = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    ranges.push(request.headers.range);
    if (behaviour.status !== 200) {
      response.writeHead(behaviour.status).end('missing');
      return;
    }
    const match = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const start = match ? Number(match[1]) : 0;
    if (start >= fixture.length) {
      response.writeHead(416, { 'content-range': `bytes */${fixture.length}` }).end();
      return;
    }
    const body = fixture.subarray(start);
    response.writeHead(
      match ? 206 : 200,
      match
        ? {
            'content-range': `bytes ${start}-${fixture.length - 1}/${fixture.length}`,
            'content-length': body.length,
          }
        : { 'content-length': body.length },
    );
    const cutAt = behaviour.cutsLeft > 0 ? behaviour.cutAfterBytes : Number.POSITIVE_INFINITY;
    if (behaviour.cutsLeft > 0) behaviour.cutsLeft -= 1;
    let sent = 0;
    const next = () => {
      if (sent >= body.length) return void response.end();
      if (sent >= cutAt) return void response.socket?.destroy();
      const end = Math.min(body.length, sent + behaviour.chunkBytes, cutAt);
      response.write(body.subarray(sent, end));
      sent = end;
      setTimeout(next, behaviour.chunkDelayMs);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let modelsDir: string;
let manager: DownloadManager;
let events: DownloadStatus[];

const entry = (overrides: Partial<LocalModelCatalogueEntry> = {}): LocalModelCatalogueEntry => ({
  id: 'tiny',
  name: 'Tiny random Llama',
  sizeClass: '1gb',
  licence: 'MIT',
  memoryBytes: 100e6,
  uri: 'hf:ollama/test-data/llama-2-tiny-random.gguf',
  source: 'https://github.com/ollama/ollama',
  file: 'llama-2-tiny-random.gguf',
  sizeBytes: null,
  sha256: null,
  why: 'test',
  languages: ['en'],
  ...overrides,
});

function makeManager(options: { freeDiskBytes?: number } = {}) {
  const created = createDownloadManager({
    modelsDir,
    resolveUrl: (uri) => resolveHuggingFaceUri(uri, base),
    freeDiskBytes: async () => options.freeDiskBytes ?? 100e9,
    progressIntervalMs: 0,
    resumeDelayMs: 0,
    diskMarginBytes: 1000,
  });
  created.subscribe((progress) => events.push(progress));
  return created;
}

beforeEach(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'charla-downloads-'));
  Object.assign(behaviour, {
    cutAfterBytes: 0,
    cutsLeft: 0,
    chunkBytes: 64 * 1024,
    chunkDelayMs: 0,
    status: 200,
  });
  ranges.length = 0;
  events = [];
  manager = makeManager();
});

afterEach(async () => {
  await manager.close();
  await rm(modelsDir, { recursive: true, force: true });
});

const finalFile = () => join(modelsDir, 'llama-2-tiny-random.gguf');

describe('download manager', () => {
  it('maps hf: URIs to the hub’s download address', () => {
    expect(
      resolveHuggingFaceUri('hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf'),
    ).toBe(
      'https://huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF/resolve/main/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    );
    expect(() => resolveHuggingFaceUri('https://example.com/x.gguf')).toThrow(/not an hf:/);
  });

  it('downloads with progress events, then records size and checksum in the manifest', async () => {
    await manager.start(entry({ sha256: fixtureSha, sizeBytes: fixture.length }));
    const final = await manager.wait('tiny');
    expect(final).toMatchObject({
      state: 'complete',
      receivedBytes: fixture.length,
      totalBytes: fixture.length,
    });
    const downloading = events.filter((event) => event.state === 'downloading');
    expect(downloading.length).toBeGreaterThan(3);
    const received = downloading.map((event) => event.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(downloading.some((event) => event.bytesPerSecond !== null && event.bytesPerSecond > 0)).toBe(true);
    expect(events.at(-1)?.state).toBe('complete');
    expect(
      createHash('sha256')
        .update(await readFile(finalFile()))
        .digest('hex'),
    ).toBe(fixtureSha);
    expect(existsSync(`${finalFile()}.part`)).toBe(false);
    expect(await readModelManifest(modelsDir, 'llama-2-tiny-random.gguf')).toMatchObject({
      catalogueId: 'tiny',
      sizeBytes: fixture.length,
      sha256: fixtureSha,
    });
    expect(await listModelFiles(modelsDir)).toEqual([
      expect.objectContaining({ file: 'llama-2-tiny-random.gguf', ggufOk: true, verified: true }),
    ]);
  });

  it('resumes with a Range request after the connection is cut, and the file is whole', async () => {
    Object.assign(behaviour, { cutAfterBytes: 700_000, cutsLeft: 1 });
    await manager.start(entry());
    const final = await manager.wait('tiny');
    expect(final.state).toBe('complete');
    expect(ranges[0]).toBeUndefined();
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(Number(ranges[1]?.slice(6, -1))).toBeGreaterThan(0);
    // Without a catalogue checksum, the one recorded comes from the bytes across both requests.
    expect((await readModelManifest(modelsDir, 'llama-2-tiny-random.gguf'))?.sha256).toBe(fixtureSha);
    expect(Buffer.compare(await readFile(finalFile()), fixture)).toBe(0);
  });

  it('gives up after a few automatic resumes, keeping the part for a later start', async () => {
    Object.assign(behaviour, { cutAfterBytes: 100_000, cutsLeft: 10 });
    await manager.start(entry());
    const failed = await manager.wait('tiny');
    expect(failed.state).toBe('failed');
    expect(presentDownload(failed, 'en').error).toMatch(
      /^The connection was cut at .*\. It stopped after 3 automatic resumes; start it again/,
    );
    expect(presentDownload(failed, 'de').error).toMatch(/nach 3 automatischen Fortsetzungen angehalten/);
    expect(ranges).toHaveLength(4);
    expect(existsSync(`${finalFile()}.part`)).toBe(true);

    behaviour.cutsLeft = 0;
    ranges.length = 0;
    await manager.start(entry({ sha256: fixtureSha }));
    expect((await manager.wait('tiny')).state).toBe('complete');
    expect(ranges).toEqual([`bytes=${failed.receivedBytes}-`]);
    expect(Buffer.compare(await readFile(finalFile()), fixture)).toBe(0);
  });

  it('refuses a file whose checksum does not match the catalogue, and deletes it', async () => {
    await manager.start(entry({ sha256: 'a'.repeat(64) }));
    const final = await manager.wait('tiny');
    expect(final.state).toBe('failed');
    expect(presentDownload(final, 'en').error).toMatch(
      /does not match the catalogue’s checksum .* it was deleted/,
    );
    expect(presentDownload(final, 'es').error).toMatch(/no coincide con la suma de verificación/);
    expect(existsSync(finalFile())).toBe(false);
    expect(existsSync(`${finalFile()}.part`)).toBe(false);
    expect(await listModelFiles(modelsDir)).toEqual([]);
  });

  it('refuses to start without enough free disk space, before any request when the size is known', async () => {
    await manager.close();
    manager = makeManager({ freeDiskBytes: 500_000 });
    await expect(manager.start(entry({ sizeBytes: fixture.length }))).rejects.toMatchObject({
      code: 'disk_space',
      message: expect.stringMatching(
        /^Not enough disk space: the download needs 2 MB more .* only 1 MB is free/,
      ),
    });
    expect(ranges).toEqual([]);
    expect(manager.list()).toEqual([expect.objectContaining({ state: 'failed' })]);
    // Unknown size: the server's Content-Length decides, before the body is written.
    await expect(manager.start(entry())).rejects.toMatchObject({ code: 'disk_space' });
    expect(existsSync(`${finalFile()}.part`)).toBe(false);
  });

  it('cancels a download mid-way and deletes the part', async () => {
    Object.assign(behaviour, { chunkBytes: 16 * 1024, chunkDelayMs: 10 });
    await manager.start(entry());
    await new Promise<void>((resolve) => {
      const stop = manager.subscribe((progress) => {
        if (progress.receivedBytes > 100_000) {
          stop();
          resolve();
        }
      });
    });
    expect(manager.cancel('tiny')).toBe(true);
    const final = await manager.wait('tiny');
    expect(final.state).toBe('cancelled');
    expect(final.receivedBytes).toBeLessThan(fixture.length);
    expect(existsSync(`${finalFile()}.part`)).toBe(false);
    expect(existsSync(finalFile())).toBe(false);
  });

  it('pauses with the part kept, and a missing file is a clear refusal', async () => {
    Object.assign(behaviour, { chunkBytes: 16 * 1024, chunkDelayMs: 10 });
    await manager.start(entry());
    expect(manager.pause('tiny')).toBe(true);
    expect((await manager.wait('tiny')).state).toBe('paused');
    expect(existsSync(`${finalFile()}.part`)).toBe(true);

    behaviour.status = 404;
    await rm(`${finalFile()}.part`);
    await expect(manager.start(entry())).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('HTTP 404'),
    });
  });
});

describe('catalogue', () => {
  it('has the three size classes, each for the six languages, from ungated repositories', () => {
    const { models } = loadLocalModelCatalogue();
    expect(new Set(models.map((model) => model.sizeClass))).toEqual(new Set(['1gb', '2gb', '5gb']));
    for (const model of models) {
      expect(model.languages).toEqual(expect.arrayContaining(['es', 'fr', 'de', 'it', 'pt', 'en']));
      expect(model.uri).toBe(`hf:${model.source.replace('https://huggingface.co/', '')}/${model.file}`);
      expect(model.uri).not.toMatch(/^hf:meta-llama\//);
    }
    expect(models.find((model) => model.sizeClass === '2gb')?.uri).toBe(
      'hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    );
  });
});
