import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startRosterProcess } from '../helpers/roster-process';

describe('main shutdown', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-shutdown-'));

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 0 after SIGTERM once in-flight work is done', async () => {
    const roster = startRosterProcess({ PORT: '0', ROSTER_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await roster.waitForOutput('Roster is listening', 60_000);

    roster.child.kill('SIGTERM');
    const code = await roster.exited;

    expect(code).toBe(0);
    expect(roster.stdout()).toContain('"msg":"shutdown complete"');
    expect(roster.stdout()).toContain('"msg":"database closed"');
  }, 120_000);
});
