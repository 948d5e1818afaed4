import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { startEmbeddedProcess } from './embedded-process';

/** A database of the test file's own, dropped by `drop()`. */
export interface TestDatabase {
  url: string;
  poolSize: number;
  kind: 'server' | 'embedded';
  drop(): Promise<void>;
}

/**
 * Creates a fresh database: a new database on the PostgreSQL server at DATABASE_URL when set,
 * otherwise a PGlite instance loaded from the migrated template that global set-up dumped.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;

  if (serverUrl) {
    return createServerDatabase(serverUrl);
  }

  const dumpPath = process.env.ROSTER_TEST_DATABASE_DUMP;
  if (!dumpPath) {
    throw new Error('ROSTER_TEST_DATABASE_DUMP is not set; run the tests through jest');
  }

  const embedded = await startEmbeddedProcess(['--load', dumpPath]);
  return { url: embedded.url, poolSize: 1, kind: 'embedded', drop: () => embedded.stop() };
}

async function createServerDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `roster_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    poolSize: 5,
    kind: 'server',
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
