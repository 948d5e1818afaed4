import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';

import { loadConfig } from './src/config';
import { MIGRATIONS } from './src/db/migrations';
import { ENTITIES } from './src/entities';

export interface OrmSettings {
  clientUrl: string;
  poolSize: number;
  /** Receives MikroORM's own log lines (queries at debug level). */
  log?: (message: string) => void;
}

/** Builds the MikroORM options that the server, the tests and the MikroORM CLI share. */
export function createOrmOptions(settings: OrmSettings): Options {
  return defineConfig({
    clientUrl: settings.clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: settings.poolSize },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: settings.log !== undefined,
    logger: settings.log ?? (() => undefined),
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      pathTs: 'src/db/migrations',
      path: 'dist/src/db/migrations',
      emit: 'ts',
    },
  });
}

/**
 * Options for the MikroORM CLI (`npx mikro-orm …`), which needs a PostgreSQL server in
 * DATABASE_URL. The server itself calls `createOrmOptions` with its validated configuration.
 */
export default function cliOptions(): Options {
  const config = loadConfig();

  if (!config.databaseUrl) {
    throw new Error('the MikroORM CLI needs DATABASE_URL set to a PostgreSQL server');
  }

  return createOrmOptions({ clientUrl: config.databaseUrl, poolSize: 1 });
}
