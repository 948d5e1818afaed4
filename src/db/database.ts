import { MikroORM } from '@mikro-orm/postgresql';

import { createOrmOptions } from '../../mikro-orm.config';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';

/** An open, migrated database and the ORM bound to it. */
export interface Database {
  orm: MikroORM;
  /** 'server' for a PostgreSQL server at DATABASE_URL, 'embedded' for PGlite. */
  kind: 'server' | 'embedded';
  /** Where the data lives, safe to log: URLs lose their password. */
  location: string;
  /** Runs `select 1`; rejects when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raised when the database cannot be reached or migrated at start-up. */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

/** Default for DATABASE_ACQUIRE_TIMEOUT_MS, for callers without a configuration. */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5000;

/** The part of a `pg` client that the pool's `afterCreate` hook uses. */
interface PgConnection {
  query(sql: string): Promise<unknown>;
}

type AfterCreateDone = (error: Error | null, connection: PgConnection) => void;

/** Removes the password from a PostgreSQL URL so that it can be logged. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/**
 * Opens the database that the configuration selects (PostgreSQL at DATABASE_URL, otherwise
 * PGlite in the data folder) and applies pending migrations. `owner` names the process in the
 * data folder's lock file, for the error another process gets while this one runs.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  owner = 'the Roster server',
): Promise<Database> {
  if (config.databaseUrl) {
    const location = describeDatabaseUrl(config.databaseUrl);
    const orm = await connectAndMigrate(config.databaseUrl, config.databasePoolSize, location, {
      acquireTimeoutMs: config.databaseAcquireTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
    });
    return wrap(orm, 'server', location, logger);
  }

  let lock;
  try {
    lock = lockDataDir(config.dataDir, owner);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new DatabaseStartError(error.message);
    }
    throw error;
  }

  const location = `embedded PGlite in ${config.dataDir}`;
  let embedded: EmbeddedDatabase | undefined;

  try {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir });
    const orm = await connectAndMigrate(embedded.url, 1, location, {
      acquireTimeoutMs: config.databaseAcquireTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
    });
    const database = wrap(orm, 'embedded', location, logger, embedded);

    return {
      ...database,
      close: async () => {
        await database.close();
        lock.release();
      },
    };
  } catch (error) {
    await embedded?.stop();
    lock.release();
    throw error;
  }
}

export interface ConnectOptions {
  /**
   * Maximum time in ms to wait for a free pooled connection, and to open a new one. A query
   * that waits longer fails with knex's KnexTimeoutError, and its request gets a 503 response.
   */
  acquireTimeoutMs?: number;
  /** PostgreSQL `statement_timeout` of the returned ORM's connections (error 57014). */
  statementTimeoutMs?: number;
}

/**
 * Connects MikroORM to `url`, checks the connection and migrates the schema. Migrations run
 * on a connection of their own without `statement_timeout`, because building an index on a
 * large table may take longer than any request should.
 */
export async function connectAndMigrate(
  url: string,
  poolSize: number,
  location: string,
  connectOptions: ConnectOptions = {},
): Promise<MikroORM> {
  const migrating = await connect(url, 1, location, {
    acquireTimeoutMs: connectOptions.acquireTimeoutMs,
  });

  try {
    await migrating.getMigrator().up();
  } catch (error) {
    throw new DatabaseStartError(`migrating ${location} failed: ${reasonOf(error)}`);
  } finally {
    await migrating.close(true);
  }

  return connect(url, poolSize, location, connectOptions);
}

async function connect(
  url: string,
  poolSize: number,
  location: string,
  connectOptions: ConnectOptions,
): Promise<MikroORM> {
  const timeoutMs = connectOptions.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS;
  const options = createOrmOptions({ clientUrl: url, poolSize });
  options.pool = { ...options.pool, acquireTimeoutMillis: timeoutMs };
  options.driverOptions = {
    connection: { connectionTimeoutMillis: timeoutMs },
    // knex prints a line with console.log for each broken connection it discards; the
    // requests that fail because of it log a warning of their own.
    log: { warn: () => undefined },
  };

  const statementTimeoutMs = connectOptions.statementTimeoutMs;
  if (statementTimeoutMs) {
    // A SET on each new connection, because PGlite ignores the startup parameter.
    options.pool.afterCreate = (connection: PgConnection, done: AfterCreateDone) => {
      connection.query(`set statement_timeout = ${Math.floor(statementTimeoutMs)}`).then(
        () => done(null, connection),
        (error: Error) => done(error, connection),
      );
    };
  }

  let orm: MikroORM | undefined;

  try {
    orm = await MikroORM.init(options);
    await orm.em.getConnection().execute('select 1');
  } catch (error) {
    await orm?.close(true);
    throw new DatabaseStartError(`cannot connect to ${location}: ${reasonOf(error)}`);
  }

  return orm;
}

function wrap(
  orm: MikroORM,
  kind: Database['kind'],
  location: string,
  logger: Logger,
  embedded?: EmbeddedDatabase,
): Database {
  return {
    orm,
    kind,
    location,
    ping: async () => {
      await orm.em.getConnection().execute('select 1');
    },
    close: async () => {
      await orm.close(true);
      await embedded?.stop();
      logger.info({ database: location }, 'database closed');
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return reasonOf(error.errors[0]);
  }

  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }

  return String(error);
}
