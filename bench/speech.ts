import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBenchDatabase,
  percentile,
  type Session,
  signUp,
  startFakeProcess,
  startServerProcess,
} from './lib-servers.ts';
import type { BenchRow } from './run.ts';

/**
 * Speech through Charla against the fake in its own process (issue 16): what the server adds to a
 * transcription (multipart read, format sniffing, duration measured from the container, the
 * reservation and its ledger row, the provider call) and to a synthesis (voice and price, the
 * reservation, the provider call, the write to the cache), each compared with the same call made
 * straight to the fake; and a cache hit's latency (no provider, no ledger). One request at a time,
 * the real server over HTTP. Sample audio: Chromium's own 3 s MediaRecorder WebM (7.9 kB).
 */

const webm = readFileSync(new URL('../tests/fixtures/audio/chromium-mediarecorder.webm', import.meta.url));
const sentence = 'Me gustaría un café con leche y un cruasán, por favor.';

function transcriptionForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(webm)], { type: 'audio/webm' }), 'recording.webm');
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

async function timed(samples: number, warmup: number, call: (index: number) => Promise<Response>) {
  for (let index = 0; index < warmup; index++) {
    const response = await call(-1 - index);
    if (!response.ok) throw new Error(`warm-up call failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  const times: number[] = [];
  for (let index = 0; index < samples; index++) {
    const started = performance.now();
    const response = await call(index);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`call failed: ${response.status}`);
  }
  return times.sort((a, b) => a - b);
}

export async function benchSpeech(options: {
  databases: Array<'sqlite' | 'postgres'>;
  samples?: number;
  warmup?: number;
}): Promise<BenchRow[]> {
  const samples = options.samples ?? 200;
  const warmup = options.warmup ?? 20;
  const rows: BenchRow[] = [];
  for (const kind of options.databases) {
    const database = await createBenchDatabase(kind);
    // The synthesis cache lives in DATA_DIR, which the PostgreSQL set-up otherwise leaves unset.
    const dataDir = kind === 'postgres' ? mkdtempSync(join(tmpdir(), 'charla-bench-speech-')) : undefined;
    const fake = await startFakeProcess();
    let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
    try {
      const base = `${fake.url}/openai/v1`;
      server = await startServerProcess({
        ...database.env,
        ...(dataDir && { DATA_DIR: dataDir }),
        OPENAI_COMPATIBLE_ENDPOINTS: JSON.stringify([
          { name: 'speech', baseURL: base, models: ['whisper-1'] },
        ]),
        SPEECH_CHAIN_TRANSCRIBE: 'speech:whisper-1',
        SPEECH_CHAIN_SPEAK: 'speech:tts-1;voice=alloy',
      });
      const url = server.url;
      const session: Session = await signUp(url, 'speaker', 'benchmark password');
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
      const row = (name: string, sorted: number[], direct?: number[]) => ({
        name,
        db: kind,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        ...(direct && {
          directP50: percentile(direct, 50),
          overheadP50: percentile(sorted, 50) - percentile(direct, 50),
          overheadP95: percentile(sorted, 95) - percentile(direct, 95),
        }),
        n: sorted.length,
      });

      const directTranscription = await timed(samples, warmup, () =>
        fetch(`${base}/audio/transcriptions`, {
          method: 'POST',
          body: transcriptionForm({ model: 'whisper-1', language: 'es', response_format: 'json' }),
        }),
      );
      const charlaTranscription = await timed(samples, warmup, () =>
        fetch(`${url}/api/speech/transcriptions`, {
          method: 'POST',
          headers,
          body: transcriptionForm({ language: 'es' }),
        }),
      );
      rows.push(row('transcription, 3 s WebM', charlaTranscription, directTranscription));

      // Every text new: each call misses the cache, so it measures the whole paid path.
      const directSynthesis = await timed(samples, warmup, (index) =>
        fetch(`${base}/audio/speech`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'tts-1', input: `${sentence} ${index}`, voice: 'alloy', speed: 1 }),
        }),
      );
      const charlaSynthesis = await timed(samples, warmup, (index) =>
        fetch(`${url}/api/speech/synthesis`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ text: `${sentence} #${index}`, language: 'es' }),
        }),
      );
      rows.push(row('synthesis (cache miss), 58 characters', charlaSynthesis, directSynthesis));

      const hits = await timed(samples, warmup, () =>
        fetch(`${url}/api/speech/synthesis`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ text: sentence, language: 'es' }),
        }),
      );
      rows.push(row('synthesis cache hit', hits));
    } finally {
      await server?.stop();
      await fake.stop();
      await database.cleanup();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

export default function speechBenchmark(options: { databases: Array<'sqlite' | 'postgres'> }) {
  return benchSpeech({ databases: options.databases });
}
