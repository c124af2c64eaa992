// The SQLite store's checkpointer (see SqliteStore.open): a thread with its own connection
// that copies the write-ahead log into the database file every second. PASSIVE does not wait
// for the server's readers or its writer; they go on while it copies.
import SQLite from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { filename, intervalMs } = workerData as { filename: string; intervalMs: number };
const database = new SQLite(filename);
database.pragma('busy_timeout = 5000');

const checkpoint = (): void => {
  try {
    database.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or interrupted: the next tick (or the writer's own backstop) catches up.
  }
};
const timer = setInterval(checkpoint, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  database.close();
  parentPort?.close();
});
