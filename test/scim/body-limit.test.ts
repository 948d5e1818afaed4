import { errorBody, ScimClient, SCIM_CONTENT_TYPE, USER_SCHEMA } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const LIMIT_BYTES = 2000;

/**
 * Builds a User body of exactly `bytes` bytes of JSON, padded in title and nickName, each
 * below the 1,024-byte limit of a single value.
 */
function userBodyOfSize(userName: string, bytes: number): string {
  const empty = JSON.stringify({ schemas: [USER_SCHEMA], userName, title: '', nickName: '' });
  const padding = bytes - Buffer.byteLength(empty);
  const title = 'x'.repeat(Math.floor(padding / 2));
  const nickName = 'y'.repeat(padding - title.length);

  return JSON.stringify({ schemas: [USER_SCHEMA], userName, title, nickName });
}

describe('SCIM request body limit (ROSTER_MAX_BODY_BYTES)', () => {
  let server: TestServer;
  let client: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { ROSTER_MAX_BODY_BYTES: String(LIMIT_BYTES) } });
    client = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('accepts a body of exactly the limit', async () => {
    const body = userBodyOfSize('at-limit@example.com', LIMIT_BYTES);

    const response = await client.post('/Users', body);

    expect(Buffer.byteLength(body)).toBe(LIMIT_BYTES);
    expect(response.status).toBe(201);
  });

  it('rejects a body one byte over with 413', async () => {
    const body = userBodyOfSize('over-limit@example.com', LIMIT_BYTES + 1);

    const response = await client.post('/Users', body);
    const list = await client.get('/Users?filter=userName%20eq%20%22over-limit@example.com%22');

    expect(response.status).toBe(413);
    expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(response.body).toEqual(
      errorBody(
        413,
        undefined,
        'request body exceeds the limit of 2000 bytes (ROSTER_MAX_BODY_BYTES); send a smaller ' +
          'body, such as fewer PATCH operations per request',
      ),
    );
    expect(list.body.totalResults).toBe(0);
  });

  it('rejects an oversized PUT with 413', async () => {
    const created = await client.createUser({ userName: 'put-limit@example.com' });

    const response = await client.put(
      `/Users/${created.id}`,
      userBodyOfSize('put-limit@example.com', LIMIT_BYTES * 3),
    );

    expect(response.status).toBe(413);
    expect(response.body.status).toBe('413');
  });
});
