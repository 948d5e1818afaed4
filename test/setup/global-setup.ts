import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startEmbeddedProcess } from '../helpers/embedded-process';

/**
 * Builds `dist/` (test helpers start the embedded database from it). Without DATABASE_URL,
 * tests run on PGlite: creating and migrating a database takes seconds, so it happens once
 * here, and each test file loads the dump written here into its own instance.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });

  if (process.env.DATABASE_URL) {
    return;
  }

  const dumpPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'roster-test-')), 'template.tar');
  const embedded = await startEmbeddedProcess(['--migrate', '--dump-on-exit', dumpPath]);
  await embedded.stop();

  process.env.ROSTER_TEST_DATABASE_DUMP = dumpPath;
}
