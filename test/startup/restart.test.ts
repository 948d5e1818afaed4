import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startRosterProcess, type RosterProcess } from '../helpers/roster-process';

/** Starts Roster on the data folder and returns it with its base URL once it listens. */
async function start(dataDir: string): Promise<{ roster: RosterProcess; url: string }> {
  const roster = startRosterProcess({ PORT: '0', ROSTER_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  await roster.waitForOutput('Roster is listening', 60_000);
  const line = roster
    .stdout()
    .split('\n')
    .find((text) => text.includes('Roster is listening'))!;

  return { roster, url: JSON.parse(line).url };
}

async function stop(roster: RosterProcess): Promise<void> {
  roster.child.kill('SIGTERM');
  expect(await roster.exited).toBe(0);
}

describe('main restart', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-restart-'));

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the one-time password across restarts', async () => {
    const first = await start(dataDir);
    const password = /One-time password: (\S+)/.exec(first.roster.stdout())?.[1];
    await stop(first.roster);

    const second = await start(dataDir);
    const response = await fetch(`${second.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roster-csrf': '1' },
      body: JSON.stringify({
        query:
          'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { userName passwordChangeRequired } } }',
        variables: {
          input: { organization: 'default', email: 'admin@example.com', password },
        },
      }),
    });
    const body = await response.json();
    await stop(second.roster);

    expect(password).toMatch(/^[\w-]{24}$/);
    expect(second.roster.stdout()).not.toContain('One-time password');
    expect(body).toEqual({
      data: { signIn: { viewer: { userName: 'admin@example.com', passwordChangeRequired: true } } },
    });
  }, 120_000);
});
