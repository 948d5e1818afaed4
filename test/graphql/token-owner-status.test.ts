import { createAdminUser, defaultAdminSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { TOKEN } from '../helpers/operations';
import { createToken } from '../helpers/scim-client';
import { connectScim, patchRequest, type ScimHttp } from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * A token stops working when its owner is no longer an active admin, and its status must show
 * it, because an admin looking for the cause of Entra's 401 responses would otherwise see ACTIVE.
 */
describe('token status after its owner is disabled', () => {
  let server: TestServer;
  let admin: AdminSession;
  let scim: ScimHttp;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await defaultAdminSession(server);
    scim = await connectScim(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('reports OWNER_INACTIVE after the owner is disabled', async () => {
    const ownerId = await createAdminUser(server, server.bootstrap.organizationId);
    const token = await createToken(server, { userId: ownerId });

    const disabled = await scim.patch(`/Users/${ownerId}`, [
      { op: 'Replace', path: 'active', value: 'False' },
    ]);
    expect(disabled.status).toBe(200);

    const probe = await fetch(`${server.url}/scim/v2/Users?count=1`, {
      headers: { authorization: `Bearer ${token.secret}` },
    });
    expect(probe.status).toBe(401);

    const read = await graphql(server, TOKEN, { id: token.id }, { cookie: admin.cookie });
    expect(read.errors).toBeUndefined();
    expect(read.data!.token.status).toBe('OWNER_INACTIVE');

    await scim.patch(`/Users/${ownerId}`, [{ op: 'Replace', path: 'active', value: 'True' }]);
    const again = await graphql(server, TOKEN, { id: token.id }, { cookie: admin.cookie });
    expect(again.data!.token.status).toBe('ACTIVE');
  });
});
