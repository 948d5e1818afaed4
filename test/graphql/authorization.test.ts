import { ScimClient, withQuery } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('/graphql without a signed-in caller', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  async function graphql(query: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roster-csrf': '1' },
      body: JSON.stringify({ query }),
    });

    const body = (await response.json()) as {
      data: unknown;
      errors?: { message: string; extensions: { code: string } }[];
    };

    return { status: response.status, body };
  }

  it('rejects the users query with UNAUTHENTICATED', async () => {
    const response = await graphql('{ users(filter: "userName pr") { totalResults } }');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message:
            'sign in, or send an API token of scope API as "Authorization: Bearer <secret>"; ' +
            'sessions time out, and revoked or expired tokens are rejected',
          path: ['users'],
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('rejects createUser with UNAUTHENTICATED and writes nothing', async () => {
    const response = await graphql(
      'mutation { createUser(input: { userName: "anonymous@example.com" }) { id } }',
    );
    const scim = await ScimClient.create(server);
    const list = await scim.get(
      withQuery('/Users', { filter: 'userName eq "anonymous@example.com"' }),
    );

    expect(response.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeNull();
    expect(list.body.totalResults).toBe(0);
  });
});
