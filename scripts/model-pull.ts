import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../server/config.ts';
import { loadEnvironment } from '../server/environment.ts';
import { findCatalogueEntry, loadLocalModelCatalogue } from '../server/llm/local/catalogue.ts';
import {
  createDownloadManager,
  DownloadError,
  type DownloadStatus,
  presentDownload,
  resolveHuggingFaceUri,
} from '../server/llm/local/downloads.ts';
import { formatBytes } from '../server/llm/local/llama-runtime.ts';
import { listModelFiles, modelsDirOf } from '../server/llm/local/model-files.ts';

/*
 * `npm run model:pull -- <catalogue id>`: downloads a catalogue model into DATA_DIR/models with a
 * progress bar, as the admin page does. Ctrl-C keeps the part; running the command again resumes
 * it. Without an id it lists the catalogue. Files come from HF_ENDPOINT (the hub by default, as
 * on the admin page); `--from <url>` names another mirror for this run (same paths:
 * <owner>/<repo>/resolve/main/<file>).
 */

const args = process.argv.slice(2);
const fromIndex = args.indexOf('--from');
const mirror = fromIndex >= 0 ? args[fromIndex + 1] : undefined;
const positional =
  fromIndex >= 0 ? args.filter((_, index) => index !== fromIndex && index !== fromIndex + 1) : args;
const id = positional[0];

let dataDir: string;
let hub: string;
try {
  const config = loadConfig(loadEnvironment());
  dataDir = resolve(config.DATA_DIR);
  hub = mirror ?? config.HF_ENDPOINT;
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}
const modelsDir = modelsDirOf(dataDir);

function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** One line: bar, bytes, speed and time left. */
function progressLine(progress: DownloadStatus): string {
  const width = 30;
  const fraction = progress.totalBytes ? Math.min(1, progress.receivedBytes / progress.totalBytes) : 0;
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const total = progress.totalBytes ? ` / ${formatBytes(progress.totalBytes)}` : '';
  const speed = progress.bytesPerSecond ? `${formatBytes(progress.bytesPerSecond)}/s` : '—';
  return `${bar} ${(fraction * 100).toFixed(1).padStart(5)} %  ${formatBytes(progress.receivedBytes)}${total}  ${speed}  ${duration(progress.secondsLeft)} left`;
}

if (!id) {
  const downloaded = new Set((await listModelFiles(modelsDir)).map((file) => file.file));
  console.log(`Models for Charla (npm run model:pull -- <id>), into ${modelsDir}:\n`);
  for (const entry of loadLocalModelCatalogue().models) {
    const state = downloaded.has(entry.file)
      ? 'downloaded'
      : entry.sizeBytes
        ? formatBytes(entry.sizeBytes)
        : 'size unknown';
    console.log(
      `  ${entry.id.padEnd(30)} ${entry.sizeClass.padEnd(4)} needs ${formatBytes(entry.memoryBytes).padEnd(7)} ${entry.licence.padEnd(28)} ${state}`,
    );
  }
  console.log('\nA small local model makes more language mistakes than a large cloud model.');
  process.exit(0);
}

const entry = findCatalogueEntry(id);
if (!entry) {
  console.error(`No model ${id} in the catalogue. Run npm run model:pull to list them.`);
  process.exit(1);
}

const manager = createDownloadManager({
  modelsDir,
  resolveUrl: (uri: string) => resolveHuggingFaceUri(uri, hub),
});
const interactive = process.stderr.isTTY;
let lastLine = 0;
manager.subscribe((progress) => {
  if (progress.state !== 'downloading') return;
  // Not a terminal (a log file): a line every 5 s instead of redrawing one.
  if (!interactive && Date.now() - lastLine < 5000) return;
  lastLine = Date.now();
  process.stderr.write(interactive ? `\r${progressLine(progress)}\x1b[K` : `${progressLine(progress)}\n`);
});
process.once('SIGINT', () => {
  manager.pause(entry.id);
});

console.log(`${entry.name} → ${modelsDir}/${entry.file}`);
try {
  await manager.start(entry);
} catch (error) {
  console.error(error instanceof DownloadError ? error.message : String(error));
  process.exit(1);
}
const final = await manager.wait(entry.id);
if (interactive) process.stderr.write('\n');
if (final.state === 'complete') {
  const file = (await listModelFiles(modelsDir)).find((candidate) => candidate.file === entry.file);
  console.log(
    `Done: ${formatBytes(final.receivedBytes)}${file?.manifest ? `, sha256 ${file.manifest.sha256}` : ' (already in the folder)'}.`,
  );
  process.exit(0);
}
if (final.state === 'paused') {
  console.log(`Stopped at ${formatBytes(final.receivedBytes)}; run the same command again to resume.`);
  process.exit(130);
}
// The command line speaks English, like the rest of its output.
console.error(presentDownload(final, 'en').error ?? `The download ended as ${final.state}.`);
process.exit(1);
