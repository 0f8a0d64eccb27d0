import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

/*
 * A worker thread with its own connection that copies the WAL back into the database file (a
 * PASSIVE checkpoint: it never waits for, nor blocks, the server's reads and writes). SQLite's own
 * automatic checkpoint runs inside whichever commit crosses its threshold, on the event loop: 5–25 ms
 * of file writes and syncs in the middle of some learner's turn (see sqlite-adapter.ts).
 */
const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new DatabaseSync(path);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // A busy or closing database: the next interval tries again.
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
parentPort?.postMessage('ready');
