import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startEmbeddedProcess, type EmbeddedProcess } from './embedded-process';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A test database whose embedded server can be killed and started again on its data. */
export interface RestartableDatabase extends TestDatabase {
  /**
   * Kills the embedded database process with SIGKILL and starts a new one on the same data
   * folder; returns its `host:port`. Only for kind 'embedded'.
   */
  crashAndRestart(): Promise<string>;
}

/** Returns the `host:port` part of a database URL. */
export function hostOf(url: string): string {
  return new URL(url).host;
}

/**
 * Creates a database like `createTestDatabase`, except that the embedded kind keeps its data
 * in a folder (loaded from the migrated template), so that it survives a crash.
 */
export async function createRestartableDatabase(): Promise<RestartableDatabase> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    return {
      ...database,
      crashAndRestart: () => {
        throw new Error('only the embedded database runs in a process of the test');
      },
    };
  }

  const dumpPath = process.env.ROSTER_TEST_DATABASE_DUMP;
  if (!dumpPath) {
    throw new Error('ROSTER_TEST_DATABASE_DUMP is not set; run the tests through jest');
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-restartable-'));
  let current: EmbeddedProcess = await startEmbeddedProcess([
    '--load',
    dumpPath,
    '--data-dir',
    dataDir,
  ]);

  return {
    url: current.url,
    poolSize: 1,
    kind: 'embedded',
    crashAndRestart: async () => {
      await current.kill();
      current = await startEmbeddedProcess(['--data-dir', dataDir]);
      return hostOf(current.url);
    },
    drop: async () => {
      await current.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
