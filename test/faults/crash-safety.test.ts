import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startRosterProcess, type RosterProcess } from '../helpers/roster-process';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '../../src/scim/schemas/urns';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const TOKEN = `crash-${randomBytes(24).toString('hex')}`;

/** Writes acknowledged before the kill that the test waits for. */
const ACKNOWLEDGED_BEFORE_KILL = 30;

interface Started {
  roster: RosterProcess;
  url: string;
}

async function start(env: Record<string, string>): Promise<Started> {
  const roster = startRosterProcess({
    PORT: '0',
    LOG_LEVEL: 'info',
    ROSTER_BOOTSTRAP_SCIM_TOKEN: TOKEN,
    ...env,
  });
  await roster.waitForOutput('Roster is listening', 60_000);
  const line = roster
    .stdout()
    .split('\n')
    .find((text) => text.includes('Roster is listening'))!;

  return { roster, url: JSON.parse(line).url };
}

/** Sends one SCIM request; returns the status and body, or undefined when the request fails. */
async function scim(
  url: string,
  method: string,
  resourcePath: string,
  body?: unknown,
): Promise<{ status: number; body: any } | undefined> {
  try {
    const response = await fetch(`${url}/scim/v2${resourcePath}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return undefined;
  }
}

async function findGroup(url: string, displayName: string): Promise<any[]> {
  const filter = encodeURIComponent(`displayName eq "${displayName}"`);
  const response = await scim(url, 'GET', `/Groups?filter=${filter}`);
  expect(response?.status).toBe(200);
  return response!.body.Resources;
}

function memberIdsOf(group: any): string[] {
  return ((group.members ?? []) as { value: string }[]).map((member) => member.value).sort();
}

interface GroupWrite {
  displayName: string;
  acknowledged: boolean;
}

interface PatchWrite {
  sequence: number;
  acknowledged: boolean;
}

describe('crash safety', () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let env: Record<string, string>;
  let running: Started | undefined;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.url };
    } else {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-crash-'));
      env = { ROSTER_DATA_DIR: dataDir };
    }
  });

  afterAll(async () => {
    if (running) {
      running.roster.child.kill('SIGTERM');
      await running.roster.exited;
    }
    await database?.drop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('kill -9 loses no acknowledged write', async () => {
    running = await start(env);
    const first = running;

    const userIds: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const created = await scim(first.url, 'POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName: `crash-${index}-${randomBytes(3).toString('hex')}@example.test`,
      });
      expect(created?.status).toBe(201);
      userIds.push(created!.body.id);
    }

    const groups: GroupWrite[] = [];
    const patches: PatchWrite[] = [];
    const unexpected: number[] = [];
    let acknowledged = 0;
    let killed = false;

    const createGroups = async () => {
      while (!killed) {
        const displayName = `crash-${randomBytes(5).toString('hex')}`;
        const write: GroupWrite = { displayName, acknowledged: false };
        groups.push(write);

        const response = await scim(first.url, 'POST', '/Groups', {
          schemas: [GROUP_SCHEMA],
          displayName,
          members: userIds.map((value) => ({ value })),
        });
        if (response?.status === 201) {
          write.acknowledged = true;
          acknowledged += 1;
        } else if (response) {
          unexpected.push(response.status);
        }
      }
    };

    // One PATCH at a time, so that the last committed one is the latest in this list.
    const patchUser = async () => {
      for (let sequence = 1; !killed; sequence += 1) {
        const write: PatchWrite = { sequence, acknowledged: false };
        patches.push(write);
        const value = `v${sequence}`;

        const response = await scim(first.url, 'PATCH', `/Users/${userIds[0]}`, {
          schemas: [PATCH_OP_SCHEMA],
          Operations: [
            { op: 'replace', path: 'displayName', value },
            { op: 'replace', path: 'title', value },
            { op: 'replace', path: 'nickName', value },
          ],
        });
        if (response?.status === 200) {
          write.acknowledged = true;
          acknowledged += 1;
        } else if (response) {
          unexpected.push(response.status);
        }
      }
    };

    const workers = [createGroups(), createGroups(), createGroups(), patchUser()];
    while (acknowledged < ACKNOWLEDGED_BEFORE_KILL) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.roster.child.kill('SIGKILL');
    killed = true;
    expect(await first.roster.exited).toBe('SIGKILL');
    await Promise.all(workers);

    running = await start(env);
    const second = running;

    expect(unexpected).toEqual([]);
    for (const write of groups) {
      const found = await findGroup(second.url, write.displayName);
      if (write.acknowledged) {
        expect(found).toHaveLength(1);
      }
      expect(found.length).toBeLessThanOrEqual(1);
      for (const group of found) {
        expect(memberIdsOf(group)).toEqual([...userIds].sort());
      }
    }

    const user = await scim(second.url, 'GET', `/Users/${userIds[0]}`);
    const lastAcknowledged = Math.max(
      0,
      ...patches.filter((write) => write.acknowledged).map((write) => write.sequence),
    );
    const lastSent = patches.length;
    const committed = Number(String(user!.body.displayName).slice(1));

    expect(user!.body.title).toBe(user!.body.displayName);
    expect(user!.body.nickName).toBe(user!.body.displayName);
    expect(committed).toBeGreaterThanOrEqual(lastAcknowledged);
    expect(committed).toBeLessThanOrEqual(lastSent);
  }, 120_000);
});
