import { createToken } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The user and group operations that the SCIM facade runs, called directly by an integrator. */
describe('GraphQL users and groups with an API token', () => {
  let server: TestServer;
  let secret: string;

  beforeAll(async () => {
    server = await startTestServer();
    secret = (await createToken(server, { scope: 'API' })).secret;
  });

  afterAll(async () => {
    await server.close();
  });

  async function graphql(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query, variables }),
    });

    return (await response.json()) as {
      data: Record<string, any> | null;
      errors?: { message: string; extensions: Record<string, unknown> }[];
    };
  }

  async function createUser(userName: string): Promise<string> {
    const result = await graphql(
      'mutation($input: UserInput!) { createUser(input: $input) { id } }',
      { input: { userName, emails: [{ value: userName, type: 'work', primary: true }] } },
    );
    return result.data!.createUser.id;
  }

  it('creates a user and finds it with a SCIM filter', async () => {
    const id = await createUser('grace@example.com');

    const result = await graphql(
      '{ users(filter: "emails[type eq \\"work\\"].value eq \\"GRACE@example.com\\"") ' +
        '{ totalResults resources { id userName active meta { version } } } }',
    );

    expect(result.errors).toBeUndefined();
    expect(result.data!.users).toEqual({
      totalResults: 1,
      resources: [{ id, userName: 'grace@example.com', active: true, meta: { version: 'W/"1"' } }],
    });
  });

  it('reports a malformed filter as BAD_USER_INPUT with the parser message', async () => {
    const result = await graphql('{ users(filter: "userName eq") { totalResults } }');

    expect(result.data).toBeNull();
    expect(result.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      scimType: 'invalidFilter',
      field: 'filter',
    });
    expect(result.errors![0].message).toMatch(/^invalid filter: .*position 11/);
  });

  it('patches a user with SCIM operations', async () => {
    const id = await createUser('ada@example.com');

    const result = await graphql(
      `
        mutation ($id: ID!, $operations: [PatchOperationInput!]!) {
          patchUser(id: $id, operations: $operations) {
            active
            nickName
            meta {
              version
            }
          }
        }
      `,
      {
        id,
        operations: [
          { op: 'replace', path: 'active', value: 'False' },
          { op: 'add', path: 'nickName', value: 'Countess' },
        ],
      },
    );

    expect(result.errors).toBeUndefined();
    expect(result.data!.patchUser).toEqual({
      active: false,
      nickName: 'Countess',
      meta: { version: 'W/"2"' },
    });
  });

  it('adds and removes group members by id', async () => {
    const first = await createUser('m1@example.com');
    const second = await createUser('m2@example.com');
    const created = await graphql(
      'mutation { createGroup(input: { displayName: "Engines" }) { id } }',
    );
    const groupId = created.data!.createGroup.id;

    await graphql(
      'mutation($id: ID!, $ids: [ID!]!) { addGroupMembers(id: $id, memberIds: $ids) { id } }',
      { id: groupId, ids: [first, second] },
    );
    const removed = await graphql(
      `
        mutation ($id: ID!, $ids: [ID!]!) {
          removeGroupMembers(id: $id, memberIds: $ids) {
            members {
              id
              type
            }
            meta {
              version
            }
          }
        }
      `,
      { id: groupId, ids: [first] },
    );

    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeGroupMembers).toEqual({
      members: [{ id: second, type: 'User' }],
      meta: { version: 'W/"3"' },
    });
  });

  it('rejects adding a member that does not exist, naming it', async () => {
    const created = await graphql(
      'mutation { createGroup(input: { displayName: "Looms" }) { id } }',
    );
    const missing = '01a24242-0000-7000-8000-000000000000';

    const result = await graphql(
      'mutation($id: ID!, $ids: [ID!]!) { addGroupMembers(id: $id, memberIds: $ids) { id } }',
      { id: created.data!.createGroup.id, ids: [missing] },
    );

    expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toBe(
      `cannot add members that are not users or groups of this organization: ${missing}`,
    );
  });
});
