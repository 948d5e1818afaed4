import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startRosterProcess } from '../helpers/roster-process';

const SCIM_SECRET = 'port-zero-test-secret-0123456789abcdef';

/**
 * PORT=0 picks a free port, and PUBLIC_URL defaults to http://localhost:$PORT, so the default
 * must use the port actually bound or every SCIM meta.location points at port 0.
 */
describe('PORT=0 without PUBLIC_URL', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-port-zero-'));

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds SCIM locations from the bound port', async () => {
    const roster = startRosterProcess({
      PORT: '0',
      ROSTER_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ROSTER_BOOTSTRAP_SCIM_TOKEN: SCIM_SECRET,
    });

    try {
      await roster.waitForOutput('Roster is listening', 60_000);
      const line = roster
        .stdout()
        .split('\n')
        .find((text) => text.includes('Roster is listening'))!;
      const { url } = JSON.parse(line) as { url: string };
      const port = new URL(url).port;

      const response = await fetch(`${url}/scim/v2/ServiceProviderConfig`, {
        headers: { authorization: `Bearer ${SCIM_SECRET}` },
      });
      const body = await response.json();

      expect(response.status).toBe(200);
      expect(body.meta.location).toBe(`http://localhost:${port}/scim/v2/ServiceProviderConfig`);
    } finally {
      roster.child.kill('SIGTERM');
      await roster.exited;
    }
  }, 120_000);
});
