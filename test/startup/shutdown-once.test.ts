import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startRosterProcess } from '../helpers/roster-process';

/**
 * One SIGTERM must start one shutdown: closing the HTTP server, the app and the database twice
 * at once races the two sequences against each other.
 */
describe('main shutdown on SIGTERM', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-shutdown-once-'));

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the shutdown sequence once', async () => {
    const roster = startRosterProcess({ PORT: '0', ROSTER_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await roster.waitForOutput('Roster is listening', 60_000);

    roster.child.kill('SIGTERM');
    const exitCode = await roster.exited;

    const shuttingDown = roster
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"msg":"shutting down"'));

    expect(exitCode).toBe(0);
    expect(shuttingDown).toHaveLength(1);
  }, 120_000);
});
