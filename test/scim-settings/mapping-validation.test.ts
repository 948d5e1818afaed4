import { memberSession } from '../helpers/admin-session';
import { connectApi, dataOf, type ApiClient } from '../helpers/api-client';
import { graphql } from '../helpers/graphql-client';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { ACME_SCHEMA, createApplication, ENTERPRISE, UPDATE_SETTINGS } from './helpers';

const FIELDS = [
  { key: 'user_name', name: 'User name', type: 'TEXT' },
  { key: 'since', name: 'Since', type: 'DATE' },
  { key: 'level', name: 'Level', type: 'SINGLE_CHOICE', choices: ['A', 'B'] },
  { key: 'enabled', name: 'Enabled', type: 'BOOLEAN' },
];

describe('SCIM settings mapping validation', () => {
  let server: TestServer;
  let api: ApiClient;
  let applicationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = await connectApi(server);
    applicationId = await createApplication(api, FIELDS);
  });

  afterAll(async () => {
    await server.close();
  });

  function save(mappings: unknown[], deprovisioning?: unknown) {
    return api(UPDATE_SETTINGS, {
      input: { targetApplicationId: applicationId, mappings, deprovisioning },
    });
  }

  it('rejects an unknown path naming the row', async () => {
    const response = await save([
      { source: 'userName', field: 'user_name' },
      { source: 'nickNames', field: 'user_name' },
    ]);

    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mappings[1].source',
    });
    expect(response.errors![0].message).toMatch(
      new RegExp(
        "^mapping row 2: invalid source 'nickNames': " +
          'attribute "nickNames" is not defined in the User schemas',
      ),
    );
  });

  it('rejects a missing field naming the row', async () => {
    const response = await save([{ source: 'userName', field: 'login' }]);

    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mappings[0].field',
    });
    expect(response.errors![0].message).toBe(
      "mapping row 1: field 'login' not found in the target application; its fields are " +
        'user_name, since, level, enabled',
    );
  });

  it('rejects an impossible conversion naming the row', async () => {
    const response = await save([
      { source: 'userName', field: 'user_name' },
      { source: 'title', field: 'level' },
      { source: 'active', field: 'since' },
    ]);

    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mappings[2].field',
    });
    expect(response.errors![0].message).toBe(
      "mapping row 3: cannot convert 'active' (boolean) to DATE field 'since'; a boolean " +
        'value can fill BOOLEAN, TEXT, LONG_TEXT fields',
    );
  });

  it('reports every failing row in one message', async () => {
    const response = await save([
      { source: 'emails[type eq "work"].nope', field: 'user_name' },
      { source: 'userName', field: 'user_name' },
      { source: 'userName', field: 'user_name' },
      { source: `${ENTERPRISE}:manager`, field: 'enabled' },
    ]);
    const message = response.errors![0].message;

    expect(message).toContain('mapping row 1: invalid source \'emails[type eq "work"].nope\'');
    expect(message).not.toContain('mapping row 2');
    expect(message).toContain("mapping row 3: field 'user_name' is already filled by row 2");
    expect(message).toContain('mapping row 4: cannot convert');
    expect(response.errors![0].extensions.field).toBe('mappings[0].source');
  });

  it('rejects a whole complex attribute', async () => {
    const response = await save([{ source: 'name', field: 'user_name' }]);

    expect(response.errors![0].message).toBe(
      "mapping row 1: invalid source 'name': 'name' is complex; map one of its sub-attributes: " +
        'formatted, familyName, givenName, middleName, honorificPrefix, honorificSuffix',
    );
  });

  it('rejects a status field of the wrong type', async () => {
    const response = await save([], {
      action: 'SET_STATUS',
      statusField: 'since',
      inactiveStatus: 'x',
    });

    expect(response.errors![0].extensions.field).toBe('deprovisioning.statusField');
    expect(response.errors![0].message).toBe(
      "deprovisioning: status field 'since' is DATE; use a TEXT, SINGLE_CHOICE, BOOLEAN field",
    );
  });

  it('rejects a status value that is not a choice', async () => {
    const response = await save([], {
      action: 'SET_STATUS',
      statusField: 'level',
      inactiveStatus: 'C',
    });

    expect(response.errors![0].extensions.field).toBe('deprovisioning.inactiveStatus');
    expect(response.errors![0].message).toBe(
      "deprovisioning: invalid value for status field 'level': expected one of 'A', 'B', " +
        'got "C"',
    );
  });

  it('rejects mapping rows without a target application', async () => {
    const response = await api(UPDATE_SETTINGS, {
      input: { targetApplicationId: null, mappings: [{ source: 'userName', field: 'x' }] },
    });

    expect(response.errors![0].extensions.field).toBe('targetApplicationId');
  });

  it('saves valid rows and recommends a resync', async () => {
    const mappings = [
      { source: 'userName', field: 'user_name' },
      { source: `${ACME_SCHEMA}:startDate`, field: 'since' },
      { source: 'active', field: 'enabled' },
    ];

    const saved = dataOf(await save(mappings)).updateScimSettings;
    const again = dataOf(await save(mappings)).updateScimSettings;
    const read = dataOf(
      await api('{ scimSettings { targetApplication { id } mappings { source field } } }'),
    ).scimSettings;

    expect(saved.mappings).toEqual(mappings);
    expect(saved.resyncRecommended).toBe(true);
    expect(saved.deprovisioning.action).toBe('ARCHIVE');
    expect(again.version).toBe(saved.version);
    expect(read).toEqual({ targetApplication: { id: applicationId }, mappings });
  });

  it('is closed to members', async () => {
    const member = await memberSession(server, server.bootstrap.organizationId);

    const read = await graphql(server, '{ scimSettings { version } }', {}, { cookie: member });
    const resync = await graphql(
      server,
      'mutation { startScimResync { id } }',
      {},
      {
        cookie: member,
      },
    );

    expect(read.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(resync.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
