// The peer: PouchDB (memory adapter) replicating to express-pouchdb (memory adapter too),
// both stock, over loopback. PouchDB and express-pouchdb are CommonJS without bundled types,
// so only what the benchmark calls is declared here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { ContactNoteInput } from '../src/shared/contact-note.ts';

interface ReplicationResult {
  ok: boolean;
  docs_written: number;
  doc_write_failures: number;
}

interface BulkDocsResult {
  ok?: boolean;
  error?: string;
  reason?: string;
}

interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<BulkDocsResult[]>;
  destroy(): Promise<unknown>;
  replicate: {
    to(target: string): Promise<ReplicationResult>;
    from(source: string): Promise<ReplicationResult>;
  };
  info(): Promise<{ doc_count: number }>;
}

interface PouchStatic {
  new (name: string, options?: { adapter?: string }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: { adapter: string }): PouchStatic;
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;
type ExpressPouchDB = (
  pouchDB: PouchStatic,
  options: { mode: 'minimumForPouchDB'; inMemoryConfig: boolean },
) => RequestHandler;

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as PouchStatic;
PouchDB.plugin(require('pouchdb-adapter-memory'));
const expressPouchDB = require('express-pouchdb') as ExpressPouchDB;

const BULK_CHUNK = 1000;
let instance = 0;
let handler: RequestHandler | undefined;

/**
 * The express-pouchdb app is made once per process: each app hooks PouchDB's one global event
 * emitter (pouchdb-all-dbs), so an app per run would pile up listeners that race each other
 * and log "Document update conflict". Every run still gets its own HTTP server and database.
 */
function peerHandler(): RequestHandler {
  handler ??= expressPouchDB(PouchDB.defaults({ adapter: 'memory' }), {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
  });
  return handler;
}

export interface PeerRun {
  /** Database URL on the peer server that the local database replicates to. */
  remoteUrl: string;
  /** Replicates the local database to remoteUrl; this is the timed part. */
  replicate(): Promise<ReplicationResult>;
  remoteDocCount(): Promise<number>;
  close(): Promise<void>;
}

/** A fresh peer server and database, and a local database holding `notes`, ready to replicate. */
export async function preparePeerRun(notes: readonly ContactNoteInput[]): Promise<PeerRun> {
  const id = `${process.pid}-${++instance}-${Date.now()}`;
  const server = createServer(peerHandler());
  await listen(server);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('peer has no TCP port');
  const remoteUrl = `http://127.0.0.1:${address.port}/bench-${id}`;

  // Not PouchDB.defaults({adapter:'memory'}) here: replicate.to(url) builds the target with
  // the source's constructor, and a memory default would turn the URL into a local database.
  const local = new PouchDB(`local-${id}`, { adapter: 'memory' });
  for (let i = 0; i < notes.length; i += BULK_CHUNK) {
    const docs = notes.slice(i, i + BULK_CHUNK).map(({ id: noteId, ...rest }) => ({
      _id: noteId,
      ...rest,
    }));
    const results = await local.bulkDocs(docs);
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(`peer fill failed: ${failed.error} ${failed.reason ?? ''}`);
  }
  // Create the remote database before timing, as our hub is also up before its timing starts,
  // and read it once so that express-pouchdb has opened and cached it.
  const created = await fetch(remoteUrl, { method: 'PUT' });
  if (created.status !== 201) throw new Error(`peer PUT db: HTTP ${created.status}`);
  await created.body?.cancel();
  if ((await remoteDocCount(remoteUrl)) !== 0) throw new Error('new peer database is not empty');

  return {
    remoteUrl,
    replicate: () => local.replicate.to(remoteUrl),
    remoteDocCount: () => remoteDocCount(remoteUrl),
    async close() {
      const deleted = await fetch(remoteUrl, { method: 'DELETE' });
      await deleted.body?.cancel();
      await local.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

async function remoteDocCount(url: string): Promise<number> {
  const res = await fetch(url);
  const info = (await res.json()) as { doc_count?: unknown };
  if (typeof info.doc_count !== 'number') throw new Error(`peer info: HTTP ${res.status}`);
  return info.doc_count;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export interface PeerPullRun {
  /** Replicates the remote database into an empty local one; this is the timed part. */
  replicate(): Promise<ReplicationResult>;
  localDocCount(): Promise<number>;
  close(): Promise<void>;
}

/** A peer server whose database already holds `docs`, and an empty local database. */
export async function preparePeerPull(docs: readonly { _id: string }[]): Promise<PeerPullRun> {
  const id = `${process.pid}-${++instance}-${Date.now()}`;
  const server = createServer(peerHandler());
  await listen(server);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('peer has no TCP port');
  const remoteUrl = `http://127.0.0.1:${address.port}/pull-${id}`;
  const created = await fetch(remoteUrl, { method: 'PUT' });
  if (created.status !== 201) throw new Error(`peer PUT db: HTTP ${created.status}`);
  await created.body?.cancel();
  for (let i = 0; i < docs.length; i += BULK_CHUNK) {
    const res = await fetch(`${remoteUrl}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: docs.slice(i, i + BULK_CHUNK) }),
    });
    if (res.status !== 201) throw new Error(`peer fill failed: HTTP ${res.status}`);
    await res.body?.cancel();
  }
  if ((await remoteDocCount(remoteUrl)) !== docs.length) throw new Error('peer fill incomplete');
  const local = new PouchDB(`pull-local-${id}`, { adapter: 'memory' });
  return {
    replicate: () => local.replicate.from(remoteUrl),
    localDocCount: async () => (await local.info()).doc_count,
    async close() {
      const deleted = await fetch(remoteUrl, { method: 'DELETE' });
      await deleted.body?.cancel();
      await local.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
