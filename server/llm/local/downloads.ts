import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessageRef } from '../../../contracts/messages/catalogues.ts';
import type { InterfaceLanguage } from '../../../contracts/messages/languages.ts';
import type { DownloadProgress, LocalModelCatalogueEntry } from '../../../contracts/providers.ts';
import { modelFileNameSchema } from '../../../contracts/providers.ts';
import { msg, render } from '../../i18n/messages.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { hasGgufMagic, writeModelManifest } from './model-files.ts';

/*
 * Downloads of catalogue models into the models folder. The bytes go to `<file>.part`; a cut
 * connection resumes with an HTTP Range request from the part's size (a few times on its own, and
 * on any later start, even after a restart). The sha256 is computed while the bytes arrive (the
 * part already on disk is hashed first), checked against the catalogue when it has one, and
 * recorded in `<file>.json` on completion: the first complete download verifies the entry.
 */

export type DownloadErrorCode =
  | 'invalid'
  | 'disk_space'
  | 'not_found'
  | 'http'
  | 'network'
  | 'size'
  | 'checksum'
  | 'not_gguf';

/**
 * A download refused or failed, with a message for the admin: one or more sentences as catalogue
 * keys (worded in the reader's language when shown); `message` is their English, for logs.
 */
export class DownloadError extends Error {
  readonly code: DownloadErrorCode;
  readonly messageRefs: MessageRef[];
  constructor(code: DownloadErrorCode, message: MessageRef | MessageRef[]) {
    const refs = Array.isArray(message) ? message : [message];
    super(refs.map((ref) => render('en', ref)).join(' '));
    this.name = 'DownloadError';
    this.code = code;
    this.messageRefs = refs;
  }
}

/** A download's progress as the manager keeps it: a failure's message as catalogue keys. */
export type DownloadStatus = Omit<DownloadProgress, 'error'> & { error: MessageRef[] | null };

/** A download's progress for the admin, its failure worded in their language. */
export function presentDownload(status: DownloadStatus, language: InterfaceLanguage): DownloadProgress {
  return {
    ...status,
    error: status.error ? status.error.map((ref) => render(language, ref)).join(' ') : null,
  };
}

export type DownloadManagerOptions = {
  modelsDir: string;
  /** hf: URI → URL; the default is the Hugging Face hub (tests point it at a loopback server). */
  resolveUrl?: (uri: string) => string;
  fetch?: typeof globalThis.fetch;
  /** Free bytes on the models folder's file system; `fs.statfs` by default. */
  freeDiskBytes?: (dir: string) => Promise<number>;
  clock?: Clock;
  /** At most one progress event per interval, plus every change of state. Default 250 ms. */
  progressIntervalMs?: number;
  /** Automatic resumes after a cut connection before the download stops as failed. Default 3. */
  maxAutoResumes?: number;
  resumeDelayMs?: number;
  /** Disk space left free after the download. Default 512 MB. */
  diskMarginBytes?: number;
};

export type DownloadListener = (progress: DownloadStatus) => void;

export type DownloadManager = {
  /**
   * Starts (or resumes) the download of a catalogue entry. Resolves once the transfer is under way
   * (or at once when the file is already there, or the entry is already downloading); rejects with
   * a DownloadError when it is refused before any byte arrives (disk space, a missing file).
   */
  start(entry: LocalModelCatalogueEntry): Promise<DownloadStatus>;
  /** Stops a download and deletes its part. False when nothing was downloading. */
  cancel(catalogueId: string): boolean;
  /** Stops a download and keeps its part, to resume later. */
  pause(catalogueId: string): boolean;
  /** The latest progress of every download since start, finished ones included. */
  list(): DownloadStatus[];
  /** Progress events of every download; returns the unsubscribe function. */
  subscribe(listener: DownloadListener): () => void;
  /** The final progress (complete, failed, cancelled or paused) of a started download. */
  wait(catalogueId: string): Promise<DownloadStatus>;
  /** Pauses every download (server shutdown): the parts stay for a later resume. */
  close(): Promise<void>;
};

/** `hf:<owner>/<repo>/<file>` → the hub's download address of that file on the main branch. */
export function resolveHuggingFaceUri(uri: string, base = 'https://huggingface.co'): string {
  const match = /^hf:([^/]+)\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new DownloadError('invalid', msg('errors.download.invalidUri', { uri }));
  const [, owner, repo, file] = match as unknown as [string, string, string, string];
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/resolve/main/${path}`;
}

/** Free bytes for this user on the file system that holds `dir`. */
export async function statfsFree(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

type Job = {
  entry: LocalModelCatalogueEntry;
  progress: DownloadStatus;
  controller: AbortController;
  stop: 'cancel' | 'pause' | undefined;
  done: Promise<DownloadStatus>;
  lastEmit: number;
  samples: Array<{ at: number; bytes: number }>;
};

const speedWindowMs = 5000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/** Feeds the first `bytes` of a file into `hash`. */
async function hashFile(path: string, hash: Hash, bytes: number): Promise<void> {
  if (bytes === 0) return;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 }))
    hash.update(chunk as Buffer);
}

/** `bytes 100-199/1000` → 1000. */
function totalFromContentRange(header: string | null): number | null {
  const match = header ? /\/(\d+)\s*$/.exec(header) : null;
  return match ? Number(match[1]) : null;
}

/** Creates the download manager of one models folder. */
export function createDownloadManager(options: DownloadManagerOptions): DownloadManager {
  const { modelsDir } = options;
  const resolveUrl = options.resolveUrl ?? ((uri: string) => resolveHuggingFaceUri(uri));
  const fetchFile = options.fetch ?? globalThis.fetch;
  const freeDiskBytes = options.freeDiskBytes ?? statfsFree;
  const clock = options.clock ?? systemClock;
  const interval = options.progressIntervalMs ?? 250;
  const maxAutoResumes = options.maxAutoResumes ?? 3;
  const resumeDelayMs = options.resumeDelayMs ?? 1000;
  const margin = options.diskMarginBytes ?? 512 * 1024 * 1024;
  const jobs = new Map<string, Job>();
  const listeners = new Set<DownloadListener>();
  const now = () => clock.now().getTime();

  function emit(job: Job, force: boolean) {
    const at = now();
    if (!force && at - job.lastEmit < interval) return;
    job.lastEmit = at;
    const snapshot = { ...job.progress };
    for (const listener of listeners) {
      try {
        listener(snapshot);
      } catch {
        // A listener (a closed SSE response) must not break the download.
      }
    }
  }

  function recordBytes(job: Job, received: number) {
    const at = now();
    job.progress.receivedBytes = received;
    job.samples.push({ at, bytes: received });
    while (job.samples.length > 2 && at - (job.samples[0] as { at: number }).at > speedWindowMs)
      job.samples.shift();
    const oldest = job.samples[0] as { at: number; bytes: number };
    const seconds = (at - oldest.at) / 1000;
    const speed = seconds > 0 ? (received - oldest.bytes) / seconds : null;
    job.progress.bytesPerSecond = speed;
    job.progress.secondsLeft =
      speed && speed > 0 && job.progress.totalBytes !== null
        ? Math.max(0, (job.progress.totalBytes - received) / speed)
        : null;
    emit(job, false);
  }

  async function checkDisk(remaining: number) {
    const free = await freeDiskBytes(modelsDir);
    if (remaining + margin > free)
      throw new DownloadError(
        'disk_space',
        msg('errors.download.diskSpace', {
          neededBytes: remaining,
          marginBytes: margin,
          freeBytes: free,
          folder: modelsDir,
        }),
      );
  }

  /**
   * One HTTP request from `offset`: resolves when the body has fully arrived, throws a
   * DownloadError('network') on a cut, to be resumed.
   */
  async function transferOnce(
    job: Job,
    partPath: string,
    hashing: { hash: Hash; bytes: number },
    onStarted: () => void,
  ): Promise<{ hash: Hash; bytes: number }> {
    const url = resolveUrl(job.entry.uri);
    const offset = (await sizeOf(partPath)) ?? 0;
    if (hashing.bytes !== offset) {
      // What is on disk is what gets hashed: start over from the file itself.
      hashing = { hash: createHash('sha256'), bytes: offset };
      await hashFile(partPath, hashing.hash, offset);
    }
    let response: Response;
    try {
      response = await fetchFile(url, {
        headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
        signal: job.controller.signal,
        redirect: 'follow',
      });
    } catch (error) {
      if (job.controller.signal.aborted) throw error;
      throw new DownloadError(
        'network',
        msg('errors.download.unreachable', { host: new URL(url).host, detail: String(error) }),
      );
    }
    if (response.status === 416 && offset > 0) {
      // The part is already whole (or the file changed): check it rather than guess.
      await response.body?.cancel();
      job.progress.totalBytes = offset;
      recordBytes(job, offset);
      onStarted();
      return hashing;
    }
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new DownloadError(
        'not_found',
        msg('errors.download.notAvailable', { url, status: response.status }),
      );
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new DownloadError(
        response.status >= 500 ? 'network' : 'http',
        msg('errors.download.httpStatus', { status: response.status }),
      );
    }
    let start = offset;
    let total: number | null;
    if (response.status === 206) {
      total = totalFromContentRange(response.headers.get('content-range'));
    } else {
      // The server ignored the range: the whole file comes again.
      start = 0;
      hashing = { hash: createHash('sha256'), bytes: 0 };
      const length = Number(response.headers.get('content-length'));
      total = Number.isFinite(length) && length > 0 ? length : null;
    }
    if (total !== null && job.entry.sizeBytes !== null && total !== job.entry.sizeBytes) {
      await response.body.cancel();
      throw new DownloadError(
        'size',
        msg('errors.download.sizeMismatch', { sentBytes: total, expectedBytes: job.entry.sizeBytes }),
      );
    }
    job.progress.totalBytes = total ?? job.entry.sizeBytes;
    try {
      await checkDisk((job.progress.totalBytes ?? 0) - start);
    } catch (error) {
      await response.body.cancel();
      throw error;
    }
    const handle = await open(partPath, start === 0 ? 'w' : 'a');
    let received = start;
    job.samples = [{ at: now(), bytes: received }];
    recordBytes(job, received);
    onStarted();
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { value: chunk, done } = await reader.read();
        if (done) break;
        await handle.write(chunk);
        hashing.hash.update(chunk);
        received += chunk.byteLength;
        hashing.bytes = received;
        recordBytes(job, received);
      }
    } catch (error) {
      if (job.controller.signal.aborted) throw error;
      throw new DownloadError('network', msg('errors.download.cut', { receivedBytes: received }));
    } finally {
      await handle.close();
    }
    if (total !== null && received < total)
      throw new DownloadError('network', msg('errors.download.cut', { receivedBytes: received }));
    return hashing;
  }

  async function runJob(job: Job, onStarted: () => void): Promise<void> {
    const finalPath = join(modelsDir, job.entry.file);
    const partPath = `${finalPath}.part`;
    let hashing = { hash: createHash('sha256'), bytes: -1 };
    let cuts = 0;
    for (;;) {
      try {
        hashing = await transferOnce(job, partPath, hashing, onStarted);
        break;
      } catch (error) {
        if (job.controller.signal.aborted || !(error instanceof DownloadError) || error.code !== 'network')
          throw error;
        cuts += 1;
        if (cuts > maxAutoResumes)
          throw new DownloadError('network', [
            ...error.messageRefs,
            msg('errors.download.gaveUp', {
              resumes: maxAutoResumes,
              receivedBytes: job.progress.receivedBytes,
            }),
          ]);
        await sleep(resumeDelayMs, job.controller.signal);
        if (job.controller.signal.aborted) throw job.controller.signal.reason;
      }
    }
    const sizeBytes = hashing.bytes;
    const sha256 = hashing.hash.digest('hex');
    if (job.entry.sha256 && sha256 !== job.entry.sha256) {
      await unlink(partPath).catch(() => undefined);
      throw new DownloadError(
        'checksum',
        msg('errors.download.checksum', {
          expected: job.entry.sha256.slice(0, 12),
          got: sha256.slice(0, 12),
          source: job.entry.source,
        }),
      );
    }
    if (!(await hasGgufMagic(partPath))) {
      await unlink(partPath).catch(() => undefined);
      throw new DownloadError('not_gguf', msg('errors.download.notGguf'));
    }
    await rename(partPath, finalPath);
    await writeModelManifest(modelsDir, job.entry.file, {
      catalogueId: job.entry.id,
      sizeBytes,
      sha256,
      completedAt: clock.now().toISOString(),
    });
    job.progress.totalBytes = sizeBytes;
    job.progress.receivedBytes = sizeBytes;
  }

  function finish(job: Job, state: DownloadProgress['state'], error: MessageRef[] | null) {
    job.progress.state = state;
    job.progress.error = error;
    job.progress.bytesPerSecond = null;
    job.progress.secondsLeft = state === 'complete' ? 0 : null;
    emit(job, true);
    return { ...job.progress };
  }

  async function start(entry: LocalModelCatalogueEntry): Promise<DownloadStatus> {
    const running = jobs.get(entry.id);
    if (running?.progress.state === 'downloading') return { ...running.progress };
    if (!modelFileNameSchema.safeParse(entry.file).success)
      throw new DownloadError('invalid', msg('errors.download.badName', { file: entry.file }));
    await mkdir(modelsDir, { recursive: true });
    const finalPath = join(modelsDir, entry.file);
    const job: Job = {
      entry,
      progress: {
        catalogueId: entry.id,
        file: entry.file,
        state: 'downloading',
        receivedBytes: 0,
        totalBytes: entry.sizeBytes,
        bytesPerSecond: null,
        secondsLeft: null,
        error: null,
      },
      controller: new AbortController(),
      stop: undefined,
      done: Promise.resolve(undefined as unknown as DownloadStatus),
      lastEmit: Number.NEGATIVE_INFINITY,
      samples: [],
    };
    jobs.set(entry.id, job);
    const existing = await sizeOf(finalPath);
    if (existing !== undefined) {
      job.progress.receivedBytes = existing;
      job.progress.totalBytes = existing;
      const complete = finish(job, 'complete', null);
      job.done = Promise.resolve(complete);
      return complete;
    }
    const partSize = (await sizeOf(`${finalPath}.part`)) ?? 0;
    job.progress.receivedBytes = partSize;
    let started!: () => void;
    let refused!: (error: unknown) => void;
    const underWay = new Promise<void>((resolve, reject) => {
      started = resolve;
      refused = reject;
    });
    let hasStarted = false;
    const onStarted = () => {
      if (hasStarted) return;
      hasStarted = true;
      started();
    };
    job.done = (async () => {
      try {
        // Checked before any request when the size is known; otherwise once the server says it.
        if (entry.sizeBytes !== null) await checkDisk(entry.sizeBytes - partSize);
        await runJob(job, onStarted);
        onStarted();
        return finish(job, 'complete', null);
      } catch (error) {
        if (job.stop === 'cancel') {
          await unlink(`${finalPath}.part`).catch(() => undefined);
          onStarted();
          return finish(job, 'cancelled', null);
        }
        if (job.stop === 'pause') {
          onStarted();
          return finish(job, 'paused', null);
        }
        const message =
          error instanceof DownloadError
            ? error.messageRefs
            : [msg('errors.download.failed', { detail: String(error) })];
        const final = finish(job, 'failed', message);
        if (!hasStarted)
          refused(error instanceof DownloadError ? error : new DownloadError('network', message));
        return final;
      }
    })();
    emit(job, true);
    await underWay;
    return { ...job.progress };
  }

  function stopJob(catalogueId: string, how: 'cancel' | 'pause'): boolean {
    const job = jobs.get(catalogueId);
    if (job?.progress.state !== 'downloading') return false;
    job.stop = how;
    // The abort's reason is never shown: finish() records a cancel or pause without an error.
    job.controller.abort(new DownloadError('network', msg('errors.download.stopped')));
    return true;
  }

  return {
    start,
    cancel: (catalogueId) => stopJob(catalogueId, 'cancel'),
    pause: (catalogueId) => stopJob(catalogueId, 'pause'),
    list: () => [...jobs.values()].map((job) => ({ ...job.progress })),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wait(catalogueId) {
      const job = jobs.get(catalogueId);
      if (!job)
        return Promise.reject(
          new DownloadError('invalid', msg('errors.download.notStarted', { id: catalogueId })),
        );
      return job.done;
    },
    async close() {
      const running = [...jobs.values()].filter((job) => job.progress.state === 'downloading');
      for (const job of running) stopJob(job.entry.id, 'pause');
      await Promise.all(running.map((job) => job.done));
    },
  };
}
