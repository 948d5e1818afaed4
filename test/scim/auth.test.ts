import { systemActor } from '../../src/domain/actor';
import { newId } from '../../src/domain/ids';
import { TokenService } from '../../src/domain/tokens/token.service';
import { User } from '../../src/entities/user.entity';
import { createLogger } from '../../src/logger';
import {
  createToken,
  errorBody,
  ScimClient,
  SCIM_CONTENT_TYPE,
  type ScimResponse,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const CHALLENGE = 'Bearer realm="Roster SCIM"';
const INVALID_TOKEN_CHALLENGE = 'Bearer realm="Roster SCIM", error="invalid_token"';
const MISSING_DETAIL =
  'authentication required: send the SCIM token as "Authorization: Bearer <token>"';
const INVALID_DETAIL =
  'the bearer token is not a valid SCIM token: it is unknown, expired or revoked, or its ' +
  'owner is no longer an active admin; create a new token in Roster';

describe('SCIM bearer authentication', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    server.setNow(undefined);
  });

  function expectMissingCredentials(response: ScimResponse) {
    expect(response.status).toBe(401);
    expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
    expect(response.body).toEqual(errorBody(401, undefined, MISSING_DETAIL));
  }

  function expectInvalidToken(response: ScimResponse) {
    expect(response.status).toBe(401);
    expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(response.headers.get('www-authenticate')).toBe(INVALID_TOKEN_CHALLENGE);
    expect(response.body).toEqual(errorBody(401, undefined, INVALID_DETAIL));
  }

  /** Creates an extra admin of the default organization, whose state a test may change. */
  async function createAdmin(): Promise<User> {
    const em = server.orm.em.fork();
    const admin = em.create(User, {
      organizationId: server.bootstrap.organizationId,
      id: newId(),
      userName: `admin-${newId()}@example.com`,
      role: 'ADMIN',
    });
    await em.flush();

    return admin;
  }

  async function setOwner(userId: string, values: { active: boolean; role: string }) {
    await server.orm.em
      .fork()
      .execute('update users set active = ?, role = ? where organization_id = ? and id = ?', [
        values.active,
        values.role,
        server.bootstrap.organizationId,
        userId,
      ]);
  }

  it('accepts a valid SCIM token', async () => {
    const client = await ScimClient.create(server);

    const response = await client.get('/Users');

    expect(response.status).toBe(200);
    expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
  });

  it('accepts the scheme name in any case', async () => {
    const { secret } = await createToken(server);

    const response = await fetch(`${server.url}/scim/v2/Users`, {
      headers: { authorization: `bearer ${secret}` },
    });

    expect(response.status).toBe(200);
  });

  it('rejects a request without Authorization', async () => {
    const client = new ScimClient(server, undefined);

    expectMissingCredentials(await client.get('/Users'));
  });

  it('rejects a Basic Authorization header', async () => {
    const client = new ScimClient(server, undefined);

    const response = await client.get('/Users', { authorization: 'Basic dXNlcjpwYXNzd29yZA==' });

    expectMissingCredentials(response);
  });

  it('rejects a Bearer header without a token', async () => {
    const client = new ScimClient(server, undefined);

    expectMissingCredentials(await client.get('/Users', { authorization: 'Bearer ' }));
  });

  it('rejects a Bearer header with two words', async () => {
    const { secret } = await createToken(server);
    const client = new ScimClient(server, undefined);

    const response = await client.get('/Users', { authorization: `Bearer ${secret} extra` });

    expectMissingCredentials(response);
  });

  it('rejects an unknown token', async () => {
    const client = new ScimClient(server, 'roster_scim_' + 'x'.repeat(43));

    expectInvalidToken(await client.get('/Users'));
  });

  it('rejects a revoked token', async () => {
    const { id, secret } = await createToken(server);
    const deps = { config: server.config, logger: createLogger('silent'), now: () => new Date() };
    await new TokenService(server.orm.em.fork(), deps).revoke(
      systemActor(server.bootstrap.organizationId, 'SYSTEM'),
      id,
    );

    expectInvalidToken(await new ScimClient(server, secret).get('/Users'));
  });

  it('rejects a token that expired before the request', async () => {
    const hourMs = 3600_000;
    const created = new Date(Date.now() - 2 * hourMs);
    const { secret } = await createToken(server, {
      now: created,
      expiresAt: new Date(created.getTime() + hourMs),
    });

    expectInvalidToken(await new ScimClient(server, secret).get('/Users'));
  });

  it('rejects a token once the server clock passes its expiry', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const { secret } = await createToken(server, { expiresAt });
    const client = new ScimClient(server, secret);

    const before = await client.get('/Users');
    server.setNow(new Date(expiresAt.getTime() + 1));
    const after = await client.get('/Users');

    expect(before.status).toBe(200);
    expectInvalidToken(after);
  });

  it('rejects an API-scope token', async () => {
    const { secret } = await createToken(server, { scope: 'API' });

    expectInvalidToken(await new ScimClient(server, secret).get('/Users'));
  });

  it('rejects a token whose owner is deactivated', async () => {
    const owner = await createAdmin();
    const { secret } = await createToken(server, { userId: owner.id });
    const client = new ScimClient(server, secret);

    const before = await client.get('/Users');
    await setOwner(owner.id, { active: false, role: 'ADMIN' });
    const after = await client.get('/Users');

    expect(before.status).toBe(200);
    expectInvalidToken(after);
  });

  it('rejects a token whose owner is no longer an admin', async () => {
    const owner = await createAdmin();
    const { secret } = await createToken(server, { userId: owner.id });
    await setOwner(owner.id, { active: true, role: 'MEMBER' });

    expectInvalidToken(await new ScimClient(server, secret).get('/Users'));
  });

  it('rejects a token whose owner was deactivated over SCIM', async () => {
    const owner = await createAdmin();
    const { secret } = await createToken(server, { userId: owner.id });
    const admin = await ScimClient.create(server);

    const put = await admin.put(`/Users/${owner.id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: owner.userName,
      active: 'False',
    });

    expect(put.status).toBe(200);
    expectInvalidToken(await new ScimClient(server, secret).get('/Users'));
  });

  it('authenticates before it routes, so unknown endpoints also need a token', async () => {
    const client = new ScimClient(server, undefined);

    expectMissingCredentials(await client.get('/NoSuchEndpoint'));
  });

  it('logs why a token was rejected, never the secret', async () => {
    const { id, secret } = await createToken(server, { scope: 'API' });

    await new ScimClient(server, secret).get('/Users', { 'x-request-id': 'auth-log-check' });
    const lines = server.logLines.filter((line) => line.includes('auth-log-check'));
    const rejection = lines.map((line) => JSON.parse(line)).find((entry) => entry.reason);

    expect(rejection).toMatchObject({
      msg: 'SCIM token rejected',
      reason: 'wrong-scope',
      tokenId: id,
      organizationId: server.bootstrap.organizationId,
    });
    expect(lines.some((line) => line.includes(secret))).toBe(false);
  });
});
