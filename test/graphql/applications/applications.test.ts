import {
  defaultAdminSession,
  memberSession,
  otherOrganizationSession,
} from '../../helpers/admin-session';
import { connectApi, dataOf, type ApiClient } from '../../helpers/api-client';
import { graphql } from '../../helpers/graphql-client';
import { uniqueName } from '../../helpers/scim-http';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const APPLICATION_FIELDS = 'id name archived version fields { id key name type choices position }';

const CREATE = `mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { ${APPLICATION_FIELDS} } }`;

const CREATE_RECORD = `mutation ($applicationId: ID!, $values: JSONObject!) {
  createApplicationRecord(applicationId: $applicationId, values: $values) {
    id applicationId userId values archived version } }`;

const RECORDS = `query ($applicationId: ID!, $filter: [RecordFilterInput!], $first: Int,
    $after: String) {
  applicationRecords(applicationId: $applicationId, filter: $filter, first: $first, after: $after) {
    edges { node { id values } } pageInfo { hasNextPage endCursor } } }`;

const PEOPLE_FIELDS = [
  { key: 'full_name', name: 'Full name', type: 'TEXT' },
  { key: 'notes', name: 'Notes', type: 'LONG_TEXT' },
  { key: 'age', name: 'Age', type: 'NUMBER' },
  { key: 'remote', name: 'Remote', type: 'BOOLEAN' },
  { key: 'start_date', name: 'Start date', type: 'DATE' },
  { key: 'last_seen', name: 'Last seen', type: 'DATE_TIME' },
  { key: 'email', name: 'Email', type: 'EMAIL' },
  { key: 'phone', name: 'Phone', type: 'PHONE' },
  { key: 'site', name: 'Site', type: 'URL' },
  { key: 'level', name: 'Level', type: 'SINGLE_CHOICE', choices: ['Junior', 'Senior'] },
  { key: 'skills', name: 'Skills', type: 'MULTIPLE_CHOICE', choices: ['Go', 'SQL', 'TS'] },
  { key: 'buddy', name: 'Buddy', type: 'USER' },
];

describe('GraphQL applications and records', () => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    api = await connectApi(server);
  });

  afterAll(async () => {
    await server.close();
  });

  async function createApplication(fields: unknown[] = PEOPLE_FIELDS) {
    const name = uniqueName('People');
    return dataOf(await api(CREATE, { input: { name, fields } })).createApplication;
  }

  it('creates an application with every field type', async () => {
    const application = await createApplication();

    expect(application.archived).toBe(false);
    expect(application.version).toBe(1);
    expect(application.fields.map((field: any) => [field.key, field.type, field.position])).toEqual(
      PEOPLE_FIELDS.map((field, index) => [field.key, field.type, index]),
    );
    expect(application.fields[9].choices).toEqual(['Junior', 'Senior']);
  });

  it('lists applications with their fields', async () => {
    const application = await createApplication([{ key: 'a', name: 'A', type: 'URL' }]);

    const listed = dataOf(
      await api('{ applications(first: 100) { edges { node { id fields { key type } } } } }'),
    ).applications.edges.map((edge: any) => edge.node);

    expect(listed).toContainEqual({ id: application.id, fields: [{ key: 'a', type: 'URL' }] });
  });

  it('rejects a duplicate name with CONFLICT', async () => {
    const application = await createApplication([]);

    const response = await api(CREATE, { input: { name: application.name.toUpperCase() } });

    expect(response.errors![0].extensions.code).toBe('CONFLICT');
    expect(response.errors![0].message).toContain('already exists');
  });

  it('rejects a choice field without choices', async () => {
    const response = await api(CREATE, {
      input: {
        name: uniqueName('Bad'),
        fields: [{ key: 'tier', name: 'Tier', type: 'SINGLE_CHOICE' }],
      },
    });

    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fields[0].choices',
    });
    expect(response.errors![0].message).toBe('a SINGLE_CHOICE field needs 1 to 200 choices, got 0');
  });

  it('rejects an invalid field key', async () => {
    const response = await api(CREATE, {
      input: { name: uniqueName('Bad'), fields: [{ key: 'Full Name', name: 'x', type: 'TEXT' }] },
    });

    expect(response.errors![0].extensions).toMatchObject({ field: 'fields[0].key' });
    expect(response.errors![0].message).toContain("invalid key 'Full Name'");
  });

  it('renames and archives an application', async () => {
    const application = await createApplication([]);
    const newName = uniqueName('Renamed');

    const renamed = dataOf(
      await api(
        `mutation ($id: ID!, $name: String!) {
          renameApplication(id: $id, name: $name) { name version } }`,
        {
          id: application.id,
          name: newName,
        },
      ),
    ).renameApplication;
    const archived = dataOf(
      await api('mutation ($id: ID!) { archiveApplication(id: $id) { archived version } }', {
        id: application.id,
      }),
    ).archiveApplication;
    const listed = dataOf(
      await api('{ applications(first: 100) { edges { node { id } } } }'),
    ).applications.edges.map((edge: any) => edge.node.id);
    const listedWithArchived = dataOf(
      await api(
        '{ applications(first: 100, includeArchived: true) { edges { node { id name } } } }',
      ),
    ).applications.edges.map((edge: any) => edge.node);
    const refused = await api(CREATE_RECORD, { applicationId: application.id, values: {} });

    expect(renamed).toEqual({ name: newName, version: 2 });
    expect(archived).toEqual({ archived: true, version: 3 });
    expect(listed).not.toContain(application.id);
    expect(listedWithArchived).toContainEqual({ id: application.id, name: newName });
    expect(refused.errors![0].extensions.code).toBe('CONFLICT');
  });

  it('adds, renames and removes a field', async () => {
    const application = await createApplication([{ key: 'a', name: 'A', type: 'TEXT' }]);
    const record = dataOf(
      await api(CREATE_RECORD, { applicationId: application.id, values: { a: 'kept' } }),
    ).createApplicationRecord;

    const added = dataOf(
      await api(
        `mutation ($id: ID!, $field: FieldInputType!) {
          addApplicationField(applicationId: $id, field: $field) { fields { id key position } } }`,
        { id: application.id, field: { key: 'b', name: 'B', type: 'NUMBER' } },
      ),
    ).addApplicationField.fields;
    const renamed = dataOf(
      await api(
        `mutation ($id: ID!) {
          updateApplicationField(id: $id, input: { name: "Bee" }) { fields { key name } } }`,
        { id: added[1].id },
      ),
    ).updateApplicationField.fields;
    const removed = dataOf(
      await api('mutation ($id: ID!) { removeApplicationField(id: $id) { fields { key } } }', {
        id: added[0].id,
      }),
    ).removeApplicationField.fields;
    const after = dataOf(
      await api('query ($id: ID!) { applicationRecord(id: $id) { values } }', { id: record.id }),
    ).applicationRecord;

    expect(added.map((field: any) => [field.key, field.position])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(renamed).toEqual([
      { key: 'a', name: 'A' },
      { key: 'b', name: 'Bee' },
    ]);
    expect(removed).toEqual([{ key: 'b' }]);
    expect(after.values).toEqual({});
  });

  it('stores valid values in their canonical form', async () => {
    const application = await createApplication();
    const values = {
      full_name: 'Ada Lovelace',
      notes: 'line one\nline two',
      age: 36,
      remote: true,
      start_date: '2026-12-04',
      last_seen: '2026-12-04T10:30:00+01:00',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      site: 'https://example.com/ada',
      level: 'senior',
      skills: ['sql', 'TS'],
      buddy: server.bootstrap.adminUserId,
    };

    const record = dataOf(
      await api(CREATE_RECORD, { applicationId: application.id, values }),
    ).createApplicationRecord;

    expect(record.values).toEqual({
      ...values,
      last_seen: '2026-12-04T09:30:00.000Z',
      level: 'Senior',
      skills: ['SQL', 'TS'],
    });
    expect(record.userId).toBeNull();
    expect(record.version).toBe(1);
  });

  it.each([
    ['age', 'abc', 'expected a number, got "abc"'],
    ['remote', 'yes', 'expected true or false, got "yes"'],
    ['start_date', '2026-02-30', 'expected a date such as 2026-12-04, got "2026-02-30"'],
    ['email', 'not-an-email', 'expected an email address, got "not-an-email"'],
    ['site', 'ftp://example.com', 'expected an http:// or https:// URL, got "ftp://example.com"'],
    ['level', 'Principal', "expected one of 'Junior', 'Senior', got \"Principal\""],
    ['full_name', 'two\nlines', 'expected a single line of text, got "two\\nlines"'],
  ])('rejects an invalid %s value', async (key, value, reason) => {
    const application = await createApplication();

    const response = await api(CREATE_RECORD, {
      applicationId: application.id,
      values: { [key]: value },
    });

    expect(response.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: `values.${key}`,
    });
    expect(response.errors![0].message).toBe(`invalid value for field '${key}': ${reason}`);
  });

  it('rejects an unknown field and a user of no organization member', async () => {
    const application = await createApplication();

    const unknown = await api(CREATE_RECORD, { applicationId: application.id, values: { x: 1 } });
    const missingUser = await api(CREATE_RECORD, {
      applicationId: application.id,
      values: { buddy: '00000000-0000-4000-8000-000000000000' },
    });

    expect(unknown.errors![0].extensions.field).toBe('values.x');
    expect(unknown.errors![0].message).toContain("unknown field 'x'");
    expect(missingUser.errors![0].message).toBe(
      "invalid value for field 'buddy': user '00000000-0000-4000-8000-000000000000' not found",
    );
  });

  it('accepts values written inline in the query', async () => {
    const application = await createApplication();

    const response = await api(
      `mutation { createApplicationRecord(applicationId: "${application.id}",
         values: { full_name: "Inline", age: 7, skills: ["Go"] }) { values } }`,
    );

    expect(response.errors).toBeUndefined();
    expect(response.data!.createApplicationRecord.values).toEqual({
      full_name: 'Inline',
      age: 7,
      skills: ['Go'],
    });
  });

  it('updates some values and clears others', async () => {
    const application = await createApplication();
    const record = dataOf(
      await api(CREATE_RECORD, {
        applicationId: application.id,
        values: { full_name: 'Grace', age: 40, remote: false },
      }),
    ).createApplicationRecord;

    const updated = dataOf(
      await api(
        `mutation ($id: ID!, $values: JSONObject!) {
          updateApplicationRecord(id: $id, values: $values) { values version } }`,
        { id: record.id, values: { age: 41, remote: null } },
      ),
    ).updateApplicationRecord;

    expect(updated).toEqual({ values: { full_name: 'Grace', age: 41 }, version: 2 });
  });

  it('filters records on field values and pages through them', async () => {
    const application = await createApplication();
    const create = (values: Record<string, unknown>) =>
      api(CREATE_RECORD, { applicationId: application.id, values });
    await create({ full_name: 'Ada Lovelace', age: 36, skills: ['SQL'], start_date: '2020-01-01' });
    await create({ full_name: 'Grace Hopper', age: 85, skills: ['SQL', 'Go'] });
    await create({ full_name: 'Alan Turing', age: 41, skills: ['TS'], start_date: '2024-06-01' });
    await create({ full_name: '100% done_ok' });

    const names = async (filter: unknown[]) => {
      const result = dataOf(await api(RECORDS, { applicationId: application.id, filter }));
      return result.applicationRecords.edges.map((edge: any) => edge.node.values.full_name).sort();
    };

    expect(await names([{ field: 'full_name', operator: 'EQ', value: 'Ada Lovelace' }])).toEqual([
      'Ada Lovelace',
    ]);
    expect(await names([{ field: 'full_name', operator: 'CONTAINS', value: 'HOP' }])).toEqual([
      'Grace Hopper',
    ]);
    expect(await names([{ field: 'full_name', operator: 'CONTAINS', value: '% done_' }])).toEqual([
      '100% done_ok',
    ]);
    expect(await names([{ field: 'age', operator: 'GT', value: 40 }])).toEqual([
      'Alan Turing',
      'Grace Hopper',
    ]);
    expect(await names([{ field: 'skills', operator: 'EQ', value: 'sql' }])).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
    ]);
    expect(
      await names([
        { field: 'skills', operator: 'EQ', value: 'SQL' },
        { field: 'age', operator: 'LT', value: 50 },
      ]),
    ).toEqual(['Ada Lovelace']);
    expect(await names([{ field: 'start_date', operator: 'GE', value: '2021-01-01' }])).toEqual([
      'Alan Turing',
    ]);
    expect(await names([{ field: 'start_date', operator: 'ABSENT' }])).toEqual([
      '100% done_ok',
      'Grace Hopper',
    ]);
    expect(await names([{ field: 'age', operator: 'NE', value: 36 }])).toEqual([
      '100% done_ok',
      'Alan Turing',
      'Grace Hopper',
    ]);

    const first = dataOf(
      await api(RECORDS, { applicationId: application.id, first: 3 }),
    ).applicationRecords;
    const second = dataOf(
      await api(RECORDS, {
        applicationId: application.id,
        first: 3,
        after: first.pageInfo.endCursor,
      }),
    ).applicationRecords;

    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.edges.map((edge: any) => edge.node.values.full_name)).toEqual(['Ada Lovelace']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a filter on an unknown field or with a wrong operator', async () => {
    const application = await createApplication();

    const unknown = await api(RECORDS, {
      applicationId: application.id,
      filter: [{ field: 'nope', operator: 'PRESENT' }],
    });
    const wrong = await api(RECORDS, {
      applicationId: application.id,
      filter: [{ field: 'remote', operator: 'GT', value: true }],
    });

    expect(unknown.errors![0].extensions.field).toBe('filter[0].field');
    expect(wrong.errors![0].extensions.field).toBe('filter[0].operator');
    expect(wrong.errors![0].message).toBe("operator GT does not apply to BOOLEAN field 'remote'");
  });

  it('is closed to members and to other organizations', async () => {
    const application = await createApplication([]);
    const admin = await defaultAdminSession(server);
    const other = await otherOrganizationSession(server);
    const member = await memberSession(server, admin.organizationId);
    const read = 'query ($id: ID!) { application(id: $id) { id } }';

    const asMember = await graphql(server, read, { id: application.id }, { cookie: member });
    const asOther = await graphql(server, read, { id: application.id }, { cookie: other.cookie });

    expect(asMember.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(asOther.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});
