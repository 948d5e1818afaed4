import { Client } from 'pg';

import { connectApi, dataOf, type ApiClient } from '../helpers/api-client';
import { connectScim, createUser, uniqueName, type ScimHttp } from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createApplication, recordOf, UPDATE_SETTINGS } from './helpers';

const FIELDS = [{ key: 'user_name', name: 'User name', type: 'TEXT' }];
const MAPPINGS = [{ source: 'userName', field: 'user_name' }];

/** Sets the target application from inside the next user insert, as if an admin saved it then. */
const SET_TARGET_ON_INSERT = `
  create function set_sync_target() returns trigger language plpgsql as $$
  begin
    update scim_settings set target_application_id = %APP%
     where organization_id = new.organization_id;
    return new;
  end $$;
  create trigger set_sync_target after insert on users
    for each row execute function set_sync_target()`;

const RETRY_MESSAGE = 'SCIM target application was set during the operation';

describe('SCIM writes whose token saw no target application', () => {
  let server: TestServer;
  let api: ApiClient;
  let scim: ScimHttp;
  let applicationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = await connectApi(server);
    scim = await connectScim(server);
    applicationId = await createApplication(api, FIELDS);
    dataOf(
      await api(UPDATE_SETTINGS, {
        input: { targetApplicationId: applicationId, mappings: MAPPINGS },
      }),
    );
  });

  afterAll(async () => {
    await server.close();
  });

  const sql = (text: string, values: unknown[] = []) => server.orm.em.fork().execute(text, values);

  async function clearTarget() {
    await sql('update scim_settings set target_application_id = null where organization_id = ?', [
      server.bootstrap.organizationId,
    ]);
  }

  function retries(): number {
    return server.logLines.filter((line) => line.includes(RETRY_MESSAGE)).length;
  }

  async function eventsOf(userId: string) {
    const response = await api(
      `query ($filter: ProvisioningEventFilter) {
        provisioningEvents(filter: $filter, first: 10) { edges { node { operation outcome } } } }`,
      { filter: { resourceId: userId } },
    );
    return dataOf(response).provisioningEvents.edges.map((edge: any) => edge.node);
  }

  it('skips the sync without a target', async () => {
    await clearTarget();
    const before = retries();

    const user = await createUser(scim, { userName: `${uniqueName('plain')}@example.test` });

    expect(await recordOf(api, applicationId, user.id)).toBeUndefined();
    expect(retries()).toBe(before);
  });

  it('reruns when a target appears', async () => {
    await clearTarget();
    await sql(SET_TARGET_ON_INSERT.replace('%APP%', `'${applicationId}'`));
    const before = retries();

    try {
      const userName = `${uniqueName('late')}@example.test`;
      const user = await createUser(scim, { userName });

      const record = await recordOf(api, applicationId, user.id);
      expect(record?.values).toMatchObject({ user_name: userName });
      expect(retries()).toBe(before + 1);
      expect(await eventsOf(user.id)).toEqual([{ operation: 'CREATE', outcome: 'SUCCESS' }]);
    } finally {
      await sql('drop trigger set_sync_target on users; drop function set_sync_target()');
    }
  });

  // A second connection keeps a transaction open, and the embedded database serves one.
  const onServer = process.env.DATABASE_URL ? it : it.skip;

  onServer('delays resync until writers end', async () => {
    await clearTarget();
    const userName = `${uniqueName('open')}@example.test`;
    const writer = new Client({ connectionString: server.database.url });
    await writer.connect();

    try {
      // A SCIM write that saw no target and has not committed yet: the resync cannot see its
      // user, and no row lock makes the resync wait for it.
      await writer.query('begin');
      const inserted = await writer.query<{ id: string }>(
        `insert into users (organization_id, id, user_name, created_at, updated_at)
         values ($1, gen_random_uuid(), $2, now(), now()) returning id`,
        [server.bootstrap.organizationId, userName],
      );
      dataOf(
        await api(UPDATE_SETTINGS, {
          input: { targetApplicationId: applicationId, mappings: MAPPINGS },
        }),
      );
      const started = dataOf(await api('mutation { startScimResync { id } }')).startScimResync;
      await new Promise((resolve) => setTimeout(resolve, 500));

      const waiting = await api(`query ($id: ID!) { scimResync(id: $id) { status processed } }`, {
        id: started.id,
      });
      expect(dataOf(waiting).scimResync).toEqual({ status: 'RUNNING', processed: 0 });

      // The waiting resync holds no lock, so an admin can still save the settings.
      const saved = await api(UPDATE_SETTINGS, {
        input: { targetApplicationId: applicationId, mappings: MAPPINGS },
      });
      expect(dataOf(saved).updateScimSettings.targetApplicationId).toBe(applicationId);

      await writer.query('commit');
      const record = await waitForRecord(inserted.rows[0].id);
      expect(record?.values).toMatchObject({ user_name: userName });
    } finally {
      await writer.end();
    }
  });

  async function waitForRecord(userId: string) {
    const giveUpAt = Date.now() + 20_000;
    for (;;) {
      const record = await recordOf(api, applicationId, userId);
      if (record || Date.now() > giveUpAt) {
        return record;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});
