import { graphql } from '../helpers/graphql-client';
import { createToken, errorBody, ScimClient, SCIM_CONTENT_TYPE } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const LIMITS = {
  ROSTER_MAX_BODY_BYTES: '4000',
  SCIM_MAX_RESULTS: '5',
  SCIM_MAX_PATCH_OPERATIONS: '3',
  SCIM_MAX_VALUE_BYTES: '64',
  SCIM_FILTER_MAX_LENGTH: '100',
  SCIM_FILTER_MAX_DEPTH: '3',
  GRAPHQL_MAX_DEPTH: '4',
  GRAPHQL_MAX_COMPLEXITY: '20',
};

/** `depth` nested groups of parentheses around one comparison. */
function nestedFilter(depth: number): string {
  return `${'('.repeat(depth)}userName eq "a"${')'.repeat(depth)}`;
}

describe('configured request limits', () => {
  let server: TestServer;
  let scim: ScimClient;
  let apiToken: string;

  beforeAll(async () => {
    server = await startTestServer({ env: LIMITS });
    scim = await ScimClient.create(server);
    apiToken = (await createToken(server, { scope: 'API' })).secret;
  });

  afterAll(async () => {
    await server.close();
  });

  describe('SCIM filter', () => {
    it('accepts a filter of exactly the maximum length', async () => {
      const filter = `userName eq "${'a'.repeat(100 - 'userName eq ""'.length)}"`;

      const response = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);

      expect(filter).toHaveLength(100);
      expect(response.status).toBe(200);
    });

    it('rejects a filter over SCIM_FILTER_MAX_LENGTH', async () => {
      const filter = `userName eq "${'a'.repeat(101 - 'userName eq ""'.length)}"`;

      const response = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);

      expect(response.status).toBe(400);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidFilter',
          'invalid filter: filter is 101 characters long, over the maximum length of 100 ' +
            '(SCIM_FILTER_MAX_LENGTH); shorten it',
        ),
      );
    });

    it('accepts nesting at SCIM_FILTER_MAX_DEPTH', async () => {
      const response = await scim.get(`/Users?filter=${encodeURIComponent(nestedFilter(3))}`);

      expect(response.status).toBe(200);
    });

    it('rejects nesting past SCIM_FILTER_MAX_DEPTH', async () => {
      const response = await scim.get(`/Users?filter=${encodeURIComponent(nestedFilter(4))}`);

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidFilter',
          'invalid filter: filter nests deeper than the maximum depth of 3 ' +
            '(SCIM_FILTER_MAX_DEPTH) at position 3; remove redundant parentheses or simplify it',
        ),
      );
    });
  });

  describe('SCIM PATCH operations', () => {
    const operation = { op: 'replace', path: 'title', value: 'Engineer' };

    it('accepts SCIM_MAX_PATCH_OPERATIONS operations', async () => {
      const user = await scim.createUser({ userName: 'patch-at-limit@example.com' });

      const response = await scim.request('PATCH', `/Users/${user.id}`, {
        body: patchBody([operation, operation, operation]),
      });

      expect(response.status).toBe(200);
      expect(response.body.title).toBe('Engineer');
    });

    it('rejects one operation over SCIM_MAX_PATCH_OPERATIONS', async () => {
      const user = await scim.createUser({ userName: 'patch-over-limit@example.com' });

      const response = await scim.request('PATCH', `/Users/${user.id}`, {
        body: patchBody([operation, operation, operation, operation]),
      });
      const read = await scim.get(`/Users/${user.id}`);

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          'the PATCH request has 4 operations, more than the maximum of 3 ' +
            '(SCIM_MAX_PATCH_OPERATIONS); split the changes into several PATCH requests',
        ),
      );
      expect(read.body.title).toBeUndefined();
    });
  });

  describe('SCIM attribute values', () => {
    it('accepts a value of exactly SCIM_MAX_VALUE_BYTES', async () => {
      const response = await scim.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'value-at-limit@example.com',
        title: 'é'.repeat(32),
      });

      expect(response.status).toBe(201);
    });

    it('rejects a value one byte over SCIM_MAX_VALUE_BYTES', async () => {
      const response = await scim.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'value-over-limit@example.com',
        title: `${'é'.repeat(32)}x`,
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          "attribute 'title' has 65 bytes; values are limited to 64 bytes in UTF-8 " +
            '(SCIM_MAX_VALUE_BYTES)',
        ),
      );
    });

    it('rejects a long value in a PATCH with SCIM_MAX_VALUE_BYTES', async () => {
      const user = await scim.createUser({ userName: 'value-patch@example.com' });

      const response = await scim.request('PATCH', `/Users/${user.id}`, {
        body: patchBody([{ op: 'add', path: 'nickName', value: 'n'.repeat(65) }]),
      });

      expect(response.status).toBe(400);
      expect(response.body.detail).toBe(
        "attribute 'nickName' has 65 bytes; values are limited to 64 bytes in UTF-8 " +
          '(SCIM_MAX_VALUE_BYTES)',
      );
    });
  });

  describe('SCIM page size', () => {
    it('caps count at SCIM_MAX_RESULTS', async () => {
      for (let index = 0; index < 6; index += 1) {
        await scim.createUser({ userName: `page-${index}@example.com` });
      }

      const response = await scim.get('/Users?count=50');

      expect(response.status).toBe(200);
      expect(response.body.itemsPerPage).toBe(5);
      expect(response.body.Resources).toHaveLength(5);
      expect(response.body.totalResults).toBeGreaterThan(5);
    });
  });

  describe('GraphQL', () => {
    it('rejects a body over ROSTER_MAX_BODY_BYTES with 413', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
        body: JSON.stringify({ query: '{ viewer { id } }', variables: { pad: 'x'.repeat(4000) } }),
      });

      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        errors: [
          {
            message:
              'request body exceeds the limit of 4000 bytes (ROSTER_MAX_BODY_BYTES); send a ' +
              'smaller operation or fewer variables',
            extensions: { code: 'LIMIT_EXCEEDED' },
          },
        ],
      });
    });

    it('accepts an operation at GRAPHQL_MAX_DEPTH', async () => {
      const response = await graphql(
        server,
        '{ users(count: 1) { resources { meta { version } } } }',
        {},
        { token: apiToken },
      );

      expect(response.errors).toBeUndefined();
      expect(response.data?.users.resources).toHaveLength(1);
    });

    it('rejects an operation deeper than GRAPHQL_MAX_DEPTH', async () => {
      const response = await graphql(
        server,
        '{ users(count: 1) { resources { enterprise { manager { id } } } } }',
        {},
        { token: apiToken },
      );

      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        {
          message:
            'the operation nests fields deeper than the maximum depth of 4 ' +
            '(GRAPHQL_MAX_DEPTH); request fewer nested fields',
          extensions: { code: 'LIMIT_EXCEEDED' },
        },
      ]);
    });

    it('accepts an operation within GRAPHQL_MAX_COMPLEXITY', async () => {
      const response = await graphql(
        server,
        '{ users(count: 5) { resources { id userName } } }',
        {},
        { token: apiToken },
      );

      expect(response.errors).toBeUndefined();
      expect(response.data?.users.resources).toHaveLength(5);
    });

    it('rejects an operation costlier than GRAPHQL_MAX_COMPLEXITY', async () => {
      const response = await graphql(
        server,
        'query Costly($size: Int) { users(count: $size) { resources { id userName active } } }',
        { size: 5 },
        { token: apiToken },
      );

      // 1 for users, then 5 users × (1 for resources + 3 fields) = 21.
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        {
          message:
            "the operation's estimated cost is 21, above the maximum of 20 " +
            '(GRAPHQL_MAX_COMPLEXITY); request smaller pages or fewer fields',
          extensions: { code: 'LIMIT_EXCEEDED' },
        },
      ]);
    });
  });
});

function patchBody(operations: unknown[]) {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: operations,
  };
}
