import { otherOrganizationSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { AUDIT_EVENTS } from '../helpers/operations';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL payloads are checked per field. */

const APPLICATION = 'id fields { id key }';

describe('audit events of applications and SCIM settings', () => {
  let server: TestServer;
  let session: AdminSession;

  beforeAll(async () => {
    server = await startTestServer();
    session = await otherOrganizationSession(server);
  });

  afterAll(async () => {
    await server.close();
  });

  async function run(query: string, variables: Record<string, unknown> = {}) {
    const response = await graphql(server, query, variables, { cookie: session.cookie });
    expect(response.errors).toBeUndefined();
    return response.data as any;
  }

  async function events() {
    const data = await run(AUDIT_EVENTS, { first: 100 });
    return data.auditEvents.edges.map((edge: any) => edge.node).reverse();
  }

  it('records each change with detail', async () => {
    const created = await run(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { ${APPLICATION} } }`,
      { input: { name: 'Staff', fields: [{ key: 'user_name', name: 'User name', type: 'TEXT' }] } },
    );
    const applicationId = created.createApplication.id;
    const added = await run(
      `mutation ($id: ID!, $field: FieldInputType!) {
        addApplicationField(applicationId: $id, field: $field) { ${APPLICATION} } }`,
      { id: applicationId, field: { key: 'team', name: 'Team', type: 'TEXT' } },
    );
    const teamId = added.addApplicationField.fields.find((field: any) => field.key === 'team').id;
    await run(
      `mutation ($id: ID!) { updateApplicationField(id: $id, input: { name: "Squad" }) { id } }`,
      { id: teamId },
    );
    await run(`mutation ($id: ID!) { removeApplicationField(id: $id) { id } }`, { id: teamId });
    await run(`mutation ($id: ID!) { renameApplication(id: $id, name: "People") { id } }`, {
      id: applicationId,
    });
    await run(
      `mutation ($input: ScimSettingsInput!) { updateScimSettings(input: $input) { version } }`,
      {
        input: {
          targetApplicationId: applicationId,
          mappings: [{ source: 'userName', field: 'user_name' }],
        },
      },
    );
    const resync = await run('mutation { startScimResync { id } }');
    await run(
      `mutation ($input: ScimSettingsInput!) { updateScimSettings(input: $input) { version } }`,
      { input: { targetApplicationId: null, mappings: [] } },
    );
    await run(`mutation ($id: ID!) { archiveApplication(id: $id) { id } }`, { id: applicationId });

    const recorded = (await events()).filter((event: any) =>
      ['APPLICATION', 'SCIM_SETTINGS', 'SCIM_RESYNC'].includes(event.targetType),
    );
    expect(recorded.map((event: any) => event.action)).toEqual([
      'APPLICATION_CREATED',
      'APPLICATION_FIELD_ADDED',
      'APPLICATION_FIELD_UPDATED',
      'APPLICATION_FIELD_REMOVED',
      'APPLICATION_RENAMED',
      'SCIM_SETTINGS_UPDATED',
      'SCIM_RESYNC_STARTED',
      'SCIM_SETTINGS_UPDATED',
      'APPLICATION_ARCHIVED',
    ]);
    expect(recorded[0]).toMatchObject({
      targetType: 'APPLICATION',
      targetId: applicationId,
      actorVia: 'SESSION',
      detail: { name: 'Staff', fields: ['user_name'] },
    });
    expect(recorded[1].detail).toEqual({ name: 'Staff', field: 'team', type: 'TEXT' });
    expect(recorded[2].detail).toEqual({ name: 'Staff', field: 'team', changed: ['name'] });
    expect(recorded[3].detail).toEqual({ name: 'Staff', field: 'team' });
    expect(recorded[4].detail).toEqual({ name: 'People', previous: 'Staff' });
    expect(recorded[5]).toMatchObject({
      targetType: 'SCIM_SETTINGS',
      targetId: null,
      detail: { targetApplicationId: applicationId, mappings: 1, deprovisionAction: 'ARCHIVE' },
    });
    expect(recorded[6]).toMatchObject({
      targetType: 'SCIM_RESYNC',
      targetId: resync.startScimResync.id,
      detail: { applicationId, total: 1 },
    });
    expect(recorded[7].detail).toMatchObject({ targetApplicationId: null, mappings: 0 });
    expect(recorded[8].detail).toEqual({ name: 'People' });
  });

  it('skips saves that change nothing', async () => {
    const created = await run(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`,
      { input: { name: 'Unchanged' } },
    );
    const before = (await events()).length;

    await run(`mutation ($id: ID!) { renameApplication(id: $id, name: "Unchanged") { id } }`, {
      id: created.createApplication.id,
    });
    await run(
      `mutation ($input: ScimSettingsInput!) { updateScimSettings(input: $input) { version } }`,
      { input: { targetApplicationId: null, mappings: [] } },
    );

    expect(await events()).toHaveLength(before);
  });
});
