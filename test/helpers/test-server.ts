import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';

import type { MikroORM } from '@mikro-orm/postgresql';

import { createApp, type RosterApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { connectAndMigrate } from '../../src/db/database';
import { bootstrapIfEmpty, type BootstrapResult } from '../../src/domain/bootstrap.service';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A Roster server on an ephemeral port, with its own database and captured log lines. */
export interface TestServer {
  /** Base URL such as `http://127.0.0.1:43121`. */
  url: string;
  orm: MikroORM;
  config: Readonly<Config>;
  database: TestDatabase;
  /** Organization `default` and its admin, created as on a first start. */
  bootstrap: BootstrapResult;
  /** Every log line written so far, raw JSON text. */
  logLines: string[];
  /** Moves the server's clock; `undefined` returns to real time. */
  setNow(now: Date | undefined): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Extra environment variables, as a deployment would set them. */
  env?: Record<string, string>;
  /** A database created by the test, which `close()` then drops; a fresh one when absent. */
  database?: TestDatabase;
  /** Where the server connects instead of `database.url`, such as a proxy in front of it. */
  databaseUrl?: string;
  /** Port to listen on; any free one when absent. */
  port?: number;
}

/** Starts Roster the way `main.ts` does, on a database of this test file's own. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    LOG_LEVEL: 'info',
    PUBLIC_URL: 'https://roster.test',
    ...options.env,
  });

  const logLines: string[] = [];
  const logger = createLogger(config.logLevel, { write: (line: string) => logLines.push(line) });

  let fixedNow: Date | undefined;
  const now = () => fixedNow ?? new Date();
  const orm = await connectAndMigrate(
    options.databaseUrl ?? database.url,
    database.poolSize,
    'test database',
    {
      acquireTimeoutMs: config.databaseAcquireTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
    },
  );
  const bootstrap = await bootstrapIfEmpty(orm.em.fork(), { config, logger, now });
  if (!bootstrap) {
    throw new Error('a fresh test database already had an organization');
  }

  const app: RosterApp = await createApp({ config, logger, orm, now });

  const server: Server = createServer(app.koa.callback());
  // As in main.ts: longer than the client's idle time, so that fetch never reuses a socket
  // the server is closing, which fails with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    orm,
    config,
    database,
    bootstrap,
    logLines,
    setNow: (now) => {
      fixedNow = now;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stop();
      await orm.close(true);
      await database.drop();
    },
  };
}
