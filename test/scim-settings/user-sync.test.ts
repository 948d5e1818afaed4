import { connectApi, dataOf, type ApiClient } from '../helpers/api-client';
import {
  connectScim,
  createGroup,
  createUser,
  uniqueName,
  type ScimHttp,
} from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';
import {
  ACME_SCHEMA,
  CONTOSO_SCHEMA,
  createApplication,
  ENTERPRISE,
  recordOf,
  UPDATE_SETTINGS,
} from './helpers';

const FIELDS = [
  { key: 'user_name', name: 'User name', type: 'TEXT' },
  { key: 'given_name', name: 'Given name', type: 'TEXT' },
  { key: 'work_email', name: 'Work email', type: 'EMAIL' },
  { key: 'department', name: 'Department', type: 'TEXT' },
  { key: 'manager', name: 'Manager', type: 'USER' },
  { key: 'cost_code', name: 'Cost code', type: 'NUMBER' },
  { key: 'enabled', name: 'Enabled', type: 'BOOLEAN' },
  { key: 'teams', name: 'Teams', type: 'MULTIPLE_CHOICE', choices: ['Engineering', 'Sales'] },
  { key: 'team_names', name: 'Team names', type: 'LONG_TEXT' },
  { key: 'status', name: 'Status', type: 'SINGLE_CHOICE', choices: ['Active', 'Off', 'Gone'] },
  { key: 'notes', name: 'Notes', type: 'TEXT' },
  { key: 'hired_on', name: 'Hired on', type: 'DATE' },
];

const MAPPINGS = [
  { source: 'userName', field: 'user_name' },
  { source: 'name.givenName', field: 'given_name' },
  { source: 'emails[type eq "work"].value', field: 'work_email' },
  { source: `${ENTERPRISE}:department`, field: 'department' },
  { source: `${ENTERPRISE}:manager`, field: 'manager' },
  { source: `${ACME_SCHEMA}:costCode`, field: 'cost_code' },
  { source: 'active', field: 'enabled' },
  { source: 'groups', field: 'teams' },
  { source: 'groups', field: 'team_names' },
  { source: `${CONTOSO_SCHEMA}:hireDate`, field: 'hired_on' },
];

describe('sync of provisioned users into the target application', () => {
  let server: TestServer;
  let api: ApiClient;
  let scim: ScimHttp;

  beforeAll(async () => {
    server = await startTestServer();
    api = await connectApi(server);
    scim = await connectScim(server);
    dataOf(
      await api(
        `mutation ($input: DeclareScimExtensionAttributeInput!) {
          declareScimExtensionAttribute(input: $input) { id } }`,
        { input: { schema: CONTOSO_SCHEMA, name: 'hireDate', type: 'DATE_TIME' } },
      ),
    );
  });

  /** Returns the warnings the provisioning log recorded for a user's requests. */
  async function loggedWarnings(userId: string): Promise<{ code: string; attribute: string }[]> {
    const response = await api(
      `query ($filter: ProvisioningEventFilter) {
        provisioningEvents(filter: $filter, first: 100) {
          edges { node { warnings { code attribute } } } } }`,
      { filter: { resourceId: userId, outcomes: ['WARNING'] } },
    );

    return dataOf(response).provisioningEvents.edges.flatMap((edge: any) => edge.node.warnings);
  }

  afterAll(async () => {
    await server.close();
  });

  async function configure(deprovisioning: Record<string, unknown>) {
    const applicationId = await createApplication(api, FIELDS);
    const saved = await api(UPDATE_SETTINGS, {
      input: { targetApplicationId: applicationId, mappings: MAPPINGS, deprovisioning },
    });

    return { applicationId, settings: dataOf(saved).updateScimSettings };
  }

  async function patchUser(id: string, operations: unknown[]) {
    const response = await scim.patch(`/Users/${id}`, operations);
    expect(response.status).toBe(200);
  }

  it('follows a user from create through patch, disable and delete', async () => {
    const manager = await createUser(scim, { userName: `${uniqueName('boss')}@example.test` });
    const engineering = await createGroup(scim, { displayName: 'Engineering' });
    const sales = await createGroup(scim, { displayName: 'Sales' });
    const { applicationId, settings } = await configure({
      action: 'SET_STATUS',
      statusField: 'status',
      activeStatus: 'Active',
      inactiveStatus: 'Off',
      deletedStatus: 'Gone',
    });
    expect(settings.resyncRecommended).toBe(true);
    expect(settings.mappings).toEqual(MAPPINGS);

    const userName = `${uniqueName('ada')}@example.test`;
    const user = await createUser(scim, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      userName,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [
        { type: 'home', value: 'ada@home.example' },
        { type: 'work', value: 'ada@work.example', primary: true },
      ],
      [ENTERPRISE]: { department: 'Research', manager: manager.id },
      [ACME_SCHEMA]: { costCode: '42' },
      [CONTOSO_SCHEMA]: { hireDate: '2024-03-01T09:00:00Z' },
    });

    const created = await recordOf(api, applicationId, user.id);
    expect(created?.archived).toBe(false);
    expect(created?.values).toEqual({
      user_name: userName,
      given_name: 'Ada',
      work_email: 'ada@work.example',
      department: 'Research',
      manager: manager.id,
      cost_code: 42,
      enabled: true,
      status: 'Active',
      hired_on: '2024-03-01',
    });

    await patchUser(user.id, [
      { op: 'Replace', path: 'name.givenName', value: 'Augusta' },
      { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Analytics' },
      { op: 'Replace', path: `${ACME_SCHEMA}:costCode`, value: 'abc' },
      { op: 'Remove', path: `${ENTERPRISE}:manager` },
      { op: 'Replace', path: `${CONTOSO_SCHEMA}:hireDate`, value: '2025-01-15T23:30:00-05:00' },
    ]);
    const patched = await recordOf(api, applicationId, user.id);
    expect(patched?.id).toBe(created?.id);
    expect(patched?.values).toEqual({
      user_name: userName,
      given_name: 'Augusta',
      work_email: 'ada@work.example',
      department: 'Analytics',
      enabled: true,
      status: 'Active',
      hired_on: '2025-01-16',
    });
    expect(await loggedWarnings(user.id)).toContainEqual({
      code: 'MAPPING_CONVERSION',
      attribute: `${ACME_SCHEMA}:costCode`,
    });

    await scim.patch(`/Groups/${engineering.id}`, [
      { op: 'Add', path: 'members', value: [{ value: user.id }] },
    ]);
    await scim.patch(`/Groups/${sales.id}`, [
      { op: 'Add', path: 'members', value: [{ value: user.id }] },
    ]);
    const grouped = await recordOf(api, applicationId, user.id);
    expect(grouped?.values.teams).toEqual(['Engineering', 'Sales']);
    expect(grouped?.values.team_names).toBe('Engineering, Sales');

    await scim.patch(`/Groups/${engineering.id}`, [
      { op: 'Remove', path: `members[value eq "${user.id}"]` },
    ]);
    await scim.patch(`/Groups/${sales.id}`, [
      { op: 'Replace', path: 'displayName', value: 'Sales EMEA' },
    ]);
    const regrouped = await recordOf(api, applicationId, user.id);
    expect(regrouped?.values.teams).toBeUndefined();
    expect(regrouped?.values.team_names).toBe('Sales EMEA');

    await patchUser(user.id, [{ op: 'Replace', path: 'active', value: 'False' }]);
    const disabled = await recordOf(api, applicationId, user.id);
    expect(disabled?.archived).toBe(false);
    expect(disabled?.values.enabled).toBe(false);
    expect(disabled?.values.status).toBe('Off');

    const deleted = await scim.request('DELETE', `/Users/${user.id}`);
    expect(deleted.status).toBe(204);
    const afterDelete = await recordOf(api, applicationId, user.id);
    expect(afterDelete?.id).toBe(created?.id);
    expect(afterDelete?.values.status).toBe('Gone');
    expect(afterDelete?.values.given_name).toBe('Augusta');
  });

  it('follows nested groups and group deletion', async () => {
    const { applicationId } = await configure({ action: 'ARCHIVE' });
    const user = await createUser(scim);
    const team = await createGroup(scim, {
      displayName: uniqueName('Team'),
      members: [{ value: user.id }],
    });
    const division = await createGroup(scim, { displayName: uniqueName('Division') });

    const direct = await recordOf(api, applicationId, user.id);
    await scim.patch(`/Groups/${division.id}`, [
      { op: 'Add', path: 'members', value: [{ value: team.id }] },
    ]);
    const nested = await recordOf(api, applicationId, user.id);
    await scim.request('DELETE', `/Groups/${team.id}`);
    const removed = await recordOf(api, applicationId, user.id);

    expect(direct?.values.team_names).toBe(team.displayName);
    expect(nested?.values.team_names).toBe(
      [team.displayName, division.displayName].sort().join(', '),
    );
    expect(removed?.values.team_names).toBeUndefined();
  });

  it('clears the manager of reports when the manager is deleted', async () => {
    const { applicationId } = await configure({ action: 'DELETE' });
    const manager = await createUser(scim);
    const report = await createUser(scim, { [ENTERPRISE]: { manager: manager.id } });
    const before = await recordOf(api, applicationId, report.id);

    await scim.request('DELETE', `/Users/${manager.id}`);
    const after = await recordOf(api, applicationId, report.id);

    expect(before?.values.manager).toBe(manager.id);
    expect(after?.values.manager).toBeUndefined();
    expect(after?.id).toBe(before?.id);
  });

  it('keeps deleting users after a status choice is removed', async () => {
    const { applicationId } = await configure({
      action: 'SET_STATUS',
      statusField: 'status',
      inactiveStatus: 'Off',
      deletedStatus: 'Gone',
    });
    const application = dataOf(
      await api('query ($id: ID!) { application(id: $id) { fields { id key } } }', {
        id: applicationId,
      }),
    ).application;
    const statusField = application.fields.find((field: any) => field.key === 'status');
    const user = await createUser(scim);

    await api(
      `mutation ($id: ID!) {
        updateApplicationField(id: $id, input: { choices: ["Active"] }) { id } }`,
      { id: statusField.id },
    );
    const deleted = await scim.request('DELETE', `/Users/${user.id}`);
    const record = await recordOf(api, applicationId, user.id);

    expect(deleted.status).toBe(204);
    expect(record?.values.status).toBeUndefined();
  });

  it('keeps values an admin set in unmapped fields', async () => {
    const { applicationId } = await configure({ action: 'ARCHIVE' });
    const user = await createUser(scim, { name: { givenName: 'Grace' } });
    const record = await recordOf(api, applicationId, user.id);

    const updated = await api(
      `mutation ($id: ID!, $values: JSONObject!) {
        updateApplicationRecord(id: $id, values: $values) { id } }`,
      { id: record!.id, values: { notes: 'VIP' } },
    );
    expect(updated.errors).toBeUndefined();
    await patchUser(user.id, [{ op: 'Replace', path: 'name.givenName', value: 'Gracie' }]);
    const after = await recordOf(api, applicationId, user.id);

    expect(after?.values.notes).toBe('VIP');
    expect(after?.values.given_name).toBe('Gracie');
  });

  it('archives on deactivation and restores on reactivation', async () => {
    const { applicationId } = await configure({ action: 'ARCHIVE' });
    const user = await createUser(scim);

    await patchUser(user.id, [{ op: 'Replace', path: 'active', value: false }]);
    const disabled = await recordOf(api, applicationId, user.id);
    await patchUser(user.id, [{ op: 'Replace', path: 'active', value: 'True' }]);
    const enabled = await recordOf(api, applicationId, user.id);
    await scim.request('DELETE', `/Users/${user.id}`);
    const deleted = await recordOf(api, applicationId, user.id);

    expect(disabled?.archived).toBe(true);
    expect(disabled?.values.enabled).toBe(false);
    expect(enabled?.archived).toBe(false);
    expect(enabled?.id).toBe(disabled?.id);
    expect(deleted?.archived).toBe(true);
    expect(deleted?.id).toBe(disabled?.id);
  });

  it('deletes on deactivation and recreates on reactivation', async () => {
    const { applicationId } = await configure({ action: 'DELETE' });
    const user = await createUser(scim);
    const first = await recordOf(api, applicationId, user.id);

    await patchUser(user.id, [{ op: 'Replace', path: 'active', value: 'False' }]);
    const disabled = await recordOf(api, applicationId, user.id);
    await patchUser(user.id, [{ op: 'Replace', path: 'active', value: true }]);
    const enabled = await recordOf(api, applicationId, user.id);
    await scim.request('DELETE', `/Users/${user.id}`);
    const deleted = await recordOf(api, applicationId, user.id);

    expect(first).toBeDefined();
    expect(disabled).toBeUndefined();
    expect(enabled).toBeDefined();
    expect(enabled?.id).not.toBe(first?.id);
    expect(deleted).toBeUndefined();
  });

  it('creates no record while no target is set', async () => {
    const applicationId = await createApplication(api, FIELDS);
    await api(UPDATE_SETTINGS, { input: { targetApplicationId: null, mappings: [] } });

    const user = await createUser(scim);

    expect(await recordOf(api, applicationId, user.id)).toBeUndefined();
  });

  it('updates a record on PUT and clears omitted values', async () => {
    const { applicationId } = await configure({ action: 'ARCHIVE' });
    const user = await createUser(scim, {
      name: { givenName: 'Alan' },
      [ENTERPRISE]: { department: 'Maths' },
    });

    const replaced = await scim.request('PUT', `/Users/${user.id}`, {
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: user.userName,
        name: { givenName: 'Alan M.' },
      },
    });
    const record = await recordOf(api, applicationId, user.id);

    expect(replaced.status).toBe(200);
    expect(record?.values.given_name).toBe('Alan M.');
    expect(record?.values.department).toBeUndefined();
  });
});
