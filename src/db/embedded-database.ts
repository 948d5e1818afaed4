import fs from 'node:fs/promises';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A PGlite database served over the PostgreSQL wire protocol on a loopback port. */
export interface EmbeddedDatabase {
  /** Connection URL for `pg` and MikroORM; PGlite accepts any password. */
  url: string;
  /** Data folder, or undefined when the database lives in memory. */
  dataDir?: string;
  /** Serializes the whole database, for loading into another instance later. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder that keeps the data between runs; in memory when absent. */
  dataDir?: string;
  /** A dump to start from instead of an empty database, in memory or in a new `dataDir`. */
  loadDump?: Blob;
}

/**
 * Starts PGlite in this process and serves it on 127.0.0.1 with an ephemeral port.
 * PGlite executes one query at a time, so the server accepts a single connection: callers
 * must use a connection pool of size 1.
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  if (options.dataDir) {
    await fs.mkdir(options.dataDir, { recursive: true });
  }

  // The contrib package publishes ES module typings only; a dynamic import satisfies TypeScript.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');

  const db = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDump,
    extensions: { pg_trgm },
  });
  // NOTE: PGlite's socket server accepts any password, so every local process can connect to
  // this port while Roster runs. Deployments that share a host use PostgreSQL instead.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();

  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    dataDir: options.dataDir,
    dump: async () => db.dumpDataDir('none'),
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
