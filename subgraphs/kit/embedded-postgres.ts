import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default: PGlite (real Postgres compiled to WASM) served on a local TCP socket, so
 * the subgraphs talk to it through `pg` exactly as to a server. It has one backend session, so the
 * server accepts one connection and the platform shares one pool of one connection between all
 * subgraphs: multiplexing several clients onto one session interleaves their extended-protocol
 * messages (electric-sql/pglite#1046).
 */
export interface EmbeddedPostgres {
  url: string;
  stop: () => Promise<void>;
}

// pg_trgm: the officers' queue finds applicants by part of their name through a trigram index
// (applications migration 0009), as on a PostgreSQL server, where it ships with the server.
const extensions = { pg_trgm };

/**
 * A new cluster's files, made once per process: an in-memory database loads them (~0.25 s) instead
 * of running initdb again (~1 s of a core), which test files starting databases of their own did
 * dozens of times a run.
 */
let newCluster: Promise<Blob> | undefined;
async function inMemory(): Promise<PGlite> {
  newCluster ??= PGlite.create('memory://', { extensions }).then(async (db) => {
    const files = await db.dumpDataDir('none');
    await db.close();
    return files;
  });
  return PGlite.create({ loadDataDir: await newCluster, extensions });
}

export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir, { extensions }) : await inMemory();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const { port } = server.getStats() as unknown as { port?: number };
  const address = (server as unknown as { port: number }).port ?? port;
  return {
    url: `postgres://postgres@127.0.0.1:${address}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
