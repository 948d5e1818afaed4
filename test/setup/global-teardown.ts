import { rmSync } from 'node:fs';
import path from 'node:path';

/** Removes the folder of the embedded database dump that the global set-up wrote. */
export default async function globalTeardown(): Promise<void> {
  const dumpPath = process.env.ROSTER_TEST_DATABASE_DUMP;
  if (dumpPath) {
    rmSync(path.dirname(dumpPath), { recursive: true, force: true });
  }
}
