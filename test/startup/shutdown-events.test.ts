import { Client } from 'pg';

import { startRosterProcess, type RosterProcess } from '../helpers/roster-process';
import { USER_SCHEMA, GROUP_SCHEMA } from '../helpers/scim-client';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const SCIM_TOKEN = 'shutdown-test-scim-token-0123456789abcdefghij';
const WORKERS = 6;

/** Sends one worker's requests until one fails, as they do once the server stops. */
async function provision(
  base: string,
  worker: number,
  acknowledged: Set<string>,
  counts: { reads: number },
) {
  const headers = {
    authorization: `Bearer ${SCIM_TOKEN}`,
    'content-type': 'application/scim+json',
  };

  for (let index = 0; index < 10_000; index += 1) {
    try {
      const created = await fetch(`${base}/Users`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ schemas: [USER_SCHEMA], userName: `w${worker}-${index}@x.test` }),
      });
      if (created.status !== 201) {
        return;
      }
      const user = (await created.json()) as { id: string };
      acknowledged.add(user.id);

      const patched = await fetch(`${base}/Users/${user.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        }),
      });
      if (patched.status !== 200) {
        return;
      }

      const read = await fetch(`${base}/Users/${user.id}`, { headers });
      if (read.status !== 200) {
        return;
      }
      counts.reads += 1;

      const group = await fetch(`${base}/Groups`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          schemas: [GROUP_SCHEMA],
          displayName: `g${worker}-${index}`,
          members: [{ value: user.id }],
        }),
      });
      if (group.status !== 201) {
        return;
      }
      acknowledged.add(((await group.json()) as { id: string }).id);
    } catch {
      return;
    }
  }
}

describe('shutdown under SCIM load', () => {
  let database: TestDatabase;
  let roster: RosterProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    roster?.child.kill('SIGKILL');
    await database.drop();
  });

  it('keeps the event of every committed write after SIGTERM', async () => {
    roster = startRosterProcess({
      PORT: '0',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(database.poolSize),
      ROSTER_BOOTSTRAP_SCIM_TOKEN: SCIM_TOKEN,
      LOG_LEVEL: 'info',
    });
    await roster.waitForOutput('Roster is listening');
    const listening = roster
      .stdout()
      .split('\n')
      .find((line) => line.includes('Roster is listening'));
    const base = `${JSON.parse(listening!).url}/scim/v2`;

    const acknowledged = new Set<string>();
    const counts = { reads: 0 };
    const load = Promise.all(
      Array.from({ length: WORKERS }, (_, worker) => provision(base, worker, acknowledged, counts)),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    roster.child.kill('SIGTERM');
    await load;

    expect(await roster.exited).toBe(0);
    expect(acknowledged.size).toBeGreaterThan(0);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const missing = await client.query(
        `select 'user' as kind, u.id, u.version, count(e.id) as events
           from users u
           left join provisioning_events e
             on e.organization_id = u.organization_id and e.resource_id = u.id::text
            and e.status < 400 and e.operation in ('CREATE', 'UPDATE', 'DISABLE', 'ENABLE')
          where u.role = 'MEMBER'
          group by u.id, u.version
         having count(e.id) <> u.version
         union all
         select 'group', g.id, 0, count(e.id)
           from groups g
           left join provisioning_events e
             on e.organization_id = g.organization_id and e.resource_id = g.id::text
            and e.operation = 'CREATE' and e.status = 201
          group by g.id
         having count(e.id) <> 1`,
      );
      expect(missing.rows).toEqual([]);

      const stored = await client.query<{ id: string }>(
        `select id::text from users where role = 'MEMBER'
         union all select id::text from groups`,
      );
      const storedIds = new Set(stored.rows.map((row) => row.id));
      expect([...acknowledged].filter((id) => !storedIds.has(id))).toEqual([]);

      // Reads go through the in-memory queue, which shutdown writes out.
      const reads = await client.query<{ count: string }>(
        "select count(*) from provisioning_events where operation = 'READ' and status = 200",
      );
      expect(Number(reads.rows[0].count)).toBeGreaterThanOrEqual(counts.reads);
      expect(counts.reads).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 60_000);
});
