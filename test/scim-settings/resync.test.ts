import { connectApi, dataOf, type ApiClient } from '../helpers/api-client';
import { connectScim, createUser, type ScimHttp } from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createApplication, UPDATE_SETTINGS } from './helpers';

const SEEDED_USERS = 10_000;
const RESYNC_TIMEOUT_MS = 240_000;

const FIELDS = [
  { key: 'user_name', name: 'User name', type: 'TEXT' },
  { key: 'department', name: 'Department', type: 'TEXT' },
  { key: 'enabled', name: 'Enabled', type: 'BOOLEAN' },
  { key: 'work_email', name: 'Work email', type: 'EMAIL' },
  { key: 'team_names', name: 'Team names', type: 'LONG_TEXT' },
];

const MAPPINGS = [
  { source: 'userName', field: 'user_name' },
  {
    source: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
    field: 'department',
  },
  { source: 'active', field: 'enabled' },
  { source: 'emails[type eq "work"].value', field: 'work_email' },
  { source: 'groups', field: 'team_names' },
];

const RESYNC_FIELDS = 'id status total processed progress warnings lastError finishedAt';

/**
 * Users of the organization whose record in the application is missing or differs from what
 * the mapping computes from the user's row, memberships and active state.
 */
const MISMATCHES = `
  select u.id from users u
    left join application_records r on r.organization_id = u.organization_id
      and r.application_id = ? and r.user_id = u.id
   where u.organization_id = ? and (
     r.id is null
     or r.field_values -> 'user_name' is distinct from to_jsonb(u.user_name)
     or r.field_values -> 'department' is distinct from to_jsonb(u.department)
     or r.field_values -> 'enabled' is distinct from to_jsonb(u.active)
     or (r.archived_at is null) is distinct from u.active
     or r.field_values -> 'work_email' is distinct from (
       select email -> 'value' from jsonb_array_elements(u.emails) as email
        where email ->> 'type' = 'work' limit 1)
     or r.field_values -> 'team_names' is distinct from (
       select to_jsonb(string_agg(g.display_name, ', ' order by g.display_name))
         from group_members m
         join groups g on g.organization_id = m.organization_id and g.id = m.group_id
        where m.organization_id = u.organization_id and m.member_id = u.id))`;

describe('SCIM resync of every user record', () => {
  let server: TestServer;
  let api: ApiClient;
  let scim: ScimHttp;
  let organizationId: string;

  beforeAll(async () => {
    server = await startTestServer({
      env: { RESYNC_BATCH_SIZE: '250', RESYNC_POLL_SECONDS: '1' },
    });
    api = await connectApi(server);
    scim = await connectScim(server);
    organizationId = server.bootstrap.organizationId;
    await seedUsers();
  });

  afterAll(async () => {
    await server.close();
  });

  /** Inserts users and memberships with SQL; no listener runs for them, so none has a record. */
  async function seedUsers(): Promise<void> {
    const em = server.orm.em.fork();
    await em.execute(
      `insert into users (organization_id, id, user_name, department, active, emails,
          created_at, updated_at)
       select ?, gen_random_uuid(), 'seed' || n || '@example.test', 'Dept ' || (n % 7),
              n % 5 <> 0,
              jsonb_build_array(
                jsonb_build_object('type', 'home', 'value', 'home' || n || '@example.test'),
                jsonb_build_object('type', 'work', 'value', 'seed' || n || '@work.test')),
              now(), now()
         from generate_series(1, ?) as n`,
      [organizationId, SEEDED_USERS],
    );
    await em.execute(
      `insert into groups (organization_id, id, display_name, version, created_at, updated_at)
       select ?, gen_random_uuid(), name, 1, now(), now()
         from unnest(array['Alpha', 'Beta', 'Gamma']) as name`,
      [organizationId],
    );
    await em.execute(
      `insert into group_members (organization_id, group_id, member_id, member_type, created_at)
       select u.organization_id, g.id, u.id, 'User', now()
         from users u join groups g on g.organization_id = u.organization_id
        where u.organization_id = ? and u.user_name like 'seed%'
          and (g.display_name = 'Alpha' and u.user_name like '%1@%'
            or g.display_name = 'Beta' and u.user_name like '%2@%'
            or g.display_name = 'Gamma' and u.user_name like '%12@%')`,
      [organizationId],
    );
  }

  async function mismatches(applicationId: string): Promise<string[]> {
    const rows = await server.orm.em
      .fork()
      .execute<{ id: string }[]>(MISMATCHES, [applicationId, organizationId]);
    return rows.map((row) => row.id);
  }

  async function readResync(id: string) {
    const response = await api(`query ($id: ID!) { scimResync(id: $id) { ${RESYNC_FIELDS} } }`, {
      id,
    });
    return dataOf(response).scimResync;
  }

  /** Polls a resync until it leaves RUNNING; returns its last state and every `processed` seen. */
  async function waitForResync(id: string) {
    const seen: number[] = [];
    const deadline = Date.now() + RESYNC_TIMEOUT_MS;

    for (;;) {
      const job = await readResync(id);
      seen.push(job.processed);
      if (job.status !== 'RUNNING' || Date.now() > deadline) {
        return { job, seen };
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function target(applicationId: string) {
    const response = await api(UPDATE_SETTINGS, {
      input: { targetApplicationId: applicationId, mappings: MAPPINGS },
    });
    return dataOf(response).updateScimSettings;
  }

  it(
    'recomputes every record in batches and reports progress',
    async () => {
      const applicationId = await createApplication(api, FIELDS);
      const settings = await target(applicationId);
      expect(settings.resyncRecommended).toBe(true);
      expect(await mismatches(applicationId)).toHaveLength(SEEDED_USERS + 1);

      const started = dataOf(
        await api(`mutation { startScimResync { ${RESYNC_FIELDS} } }`),
      ).startScimResync;
      const duringResync = await createUser(scim, { active: true });
      const { job, seen } = await waitForResync(started.id);
      const after = dataOf(await api('{ scimSettings { resyncRecommended } }')).scimSettings;

      expect(started.status).toBe('RUNNING');
      expect(started.total).toBe(SEEDED_USERS + 1);
      expect(job.status).toBe('COMPLETED');
      expect(job.lastError).toBeNull();
      expect(job.progress).toBe(1);
      // The user created meanwhile counts when its id sorts after the batch position.
      expect([SEEDED_USERS + 1, SEEDED_USERS + 2]).toContain(job.processed);
      expect(seen.some((processed) => processed > 0 && processed < SEEDED_USERS)).toBe(true);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(duringResync.id).toBeDefined();
      expect(after.resyncRecommended).toBe(false);
      expect(await mismatches(applicationId)).toEqual([]);
    },
    RESYNC_TIMEOUT_MS + 10_000,
  );

  it(
    'resumes an interrupted resync from its stored position',
    async () => {
      const applicationId = await createApplication(api, FIELDS);
      await target(applicationId);
      const em = server.orm.em.fork();
      const [{ id: lastUserId }] = await em.execute<{ id: string }[]>(
        'select id from users where organization_id = ? order by id offset 4999 limit 1',
        [organizationId],
      );
      const [{ count }] = await em.execute<{ count: string }[]>(
        'select count(*) as count from users where organization_id = ?',
        [organizationId],
      );
      const jobId = '00000000-0000-4000-8000-00000000beef';

      // The row a server leaves behind when it stops after 5,000 users of a resync.
      await em.execute(
        `insert into scim_resync_jobs (organization_id, id, application_id, status, total,
            processed, last_user_id, created_at, updated_at)
         values (?, ?, ?, 'RUNNING', ?, 5000, ?, now(), now())`,
        [organizationId, jobId, applicationId, Number(count), lastUserId],
      );
      const { job } = await waitForResync(jobId);
      const [{ before }] = await em.execute<{ before: string }[]>(
        `select count(*) as before from application_records
          where organization_id = ? and application_id = ? and user_id <= ?`,
        [organizationId, applicationId, lastUserId],
      );

      expect(job.status).toBe('COMPLETED');
      expect(job.processed).toBe(Number(count));
      expect(Number(before)).toBe(0);
    },
    RESYNC_TIMEOUT_MS + 10_000,
  );

  it('rejects a resync without a target application', async () => {
    await api(UPDATE_SETTINGS, { input: { targetApplicationId: null, mappings: [] } });

    const response = await api('mutation { startScimResync { id } }');

    expect(response.errors![0].extensions.code).toBe('CONFLICT');
    expect(response.errors![0].message).toBe(
      'no target application is set; choose one in the SCIM settings before a resync',
    );
  });
});
