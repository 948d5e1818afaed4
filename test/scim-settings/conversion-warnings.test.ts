import type { EntityManager } from '@mikro-orm/postgresql';

import type { ProvisioningWarning } from '../../src/domain/changes/directory-change';
import { SchemaRegistryProvider } from '../../src/domain/schema-registry.service';
import { RecordSyncListener } from '../../src/domain/scim-settings/record-sync.listener';
import { loadUserView } from '../../src/domain/users/user-view-loader';
import { testDeps } from '../helpers/admin-session';
import { connectApi, dataOf, type ApiClient } from '../helpers/api-client';
import { connectScim, createUser, type ScimHttp } from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { ACME_SCHEMA, createApplication, recordOf, UPDATE_SETTINGS } from './helpers';

describe('RecordSyncListener conversion warnings', () => {
  let server: TestServer;
  let api: ApiClient;
  let scim: ScimHttp;
  let applicationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = await connectApi(server);
    scim = await connectScim(server);
    applicationId = await createApplication(api, [
      { key: 'cost_code', name: 'Cost code', type: 'NUMBER' },
      { key: 'badge', name: 'Badge', type: 'SINGLE_CHOICE', choices: ['Red', 'Blue'] },
      { key: 'title', name: 'Title', type: 'TEXT' },
    ]);
    dataOf(
      await api(UPDATE_SETTINGS, {
        input: {
          targetApplicationId: applicationId,
          mappings: [
            { source: `${ACME_SCHEMA}:costCode`, field: 'cost_code' },
            { source: `${ACME_SCHEMA}:badge`, field: 'badge' },
            { source: 'title', field: 'title' },
          ],
        },
      }),
    );
  });

  afterAll(async () => {
    await server.close();
  });

  /** Publishes a user's current state to a new listener and returns the warnings it added. */
  async function syncAndCollect(userId: string): Promise<ProvisioningWarning[]> {
    const listener = new RecordSyncListener(testDeps(server), new SchemaRegistryProvider());
    const warnings: ProvisioningWarning[] = [];
    const organizationId = server.bootstrap.organizationId;

    await server.orm.em.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      const view = await loadUserView(em, organizationId, userId, server.config.publicUrl);
      await listener.onChange(
        em,
        {
          resourceType: 'User',
          kind: 'updated',
          organizationId,
          id: userId,
          view,
          passwordChanged: false,
        },
        warnings,
      );
    });

    return warnings;
  }

  it('leaves unconvertible values empty and warns', async () => {
    const user = await createUser(scim, {
      title: 'Engineer',
      [ACME_SCHEMA]: { costCode: 'abc', badge: 'Green' },
    });

    const warnings = await syncAndCollect(user.id);
    const record = await recordOf(api, applicationId, user.id);

    expect(record?.values).toEqual({ title: 'Engineer' });
    expect(warnings).toEqual([
      {
        code: 'MAPPING_CONVERSION',
        attribute: `${ACME_SCHEMA}:costCode`,
        message:
          `user ${user.id}: cannot convert '${ACME_SCHEMA}:costCode' to NUMBER field ` +
          `'cost_code': expected a number, got "abc"; the field is left empty`,
      },
      {
        code: 'MAPPING_CONVERSION',
        attribute: `${ACME_SCHEMA}:badge`,
        message:
          `user ${user.id}: cannot convert '${ACME_SCHEMA}:badge' to SINGLE_CHOICE field ` +
          `'badge': expected one of 'Red', 'Blue', got "Green"; the field is left empty`,
      },
    ]);
  });

  it('never fails the SCIM request', async () => {
    const response = await scim.post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'warned@example.test',
      [ACME_SCHEMA]: { costCode: 'twelve' },
    });

    expect(response.status).toBe(201);
    expect((await recordOf(api, applicationId, response.body!.id))?.values).toEqual({});
  });

  it('adds no warning for convertible values', async () => {
    const user = await createUser(scim, { [ACME_SCHEMA]: { costCode: ' 7.5 ', badge: 'blue' } });

    const warnings = await syncAndCollect(user.id);
    const record = await recordOf(api, applicationId, user.id);

    expect(warnings).toEqual([]);
    expect(record?.values).toEqual({ cost_code: 7.5, badge: 'Blue' });
  });
});
