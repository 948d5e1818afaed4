import {
  defaultAdminSession,
  memberSession,
  otherOrganizationSession,
  type AdminSession,
} from '../helpers/admin-session';
import { errorCode, graphql } from '../helpers/graphql-client';
import { connectScim, patchRequest, type ScimHttp } from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The start-of-cycle probe that Entra ID sends before every provisioning cycle. */
const PROBE = `/Users?filter=${encodeURIComponent('userName eq "5c1d3e2f-probe"')}`;

const SET_ROLE = `
  mutation ($id: ID!, $role: UserRole!) { setUserRole(id: $id, role: $role) { id role } }`;

const ROLE_EVENTS = `
  { auditEvents(filter: { actions: [USER_ROLE_CHANGED] }) {
      edges { node { targetId detail } } } }`;

describe('the only active admin', () => {
  let server: TestServer;
  let scim: ScimHttp;
  let admin: AdminSession;

  beforeEach(async () => {
    server = await startTestServer();
    scim = await connectScim(server);
    admin = await defaultAdminSession(server);
  });

  afterEach(async () => {
    await server.close();
  });

  async function setRole(id: string, role: string, cookie = admin.cookie) {
    return graphql(server, SET_ROLE, { id, role }, { cookie });
  }

  it('cannot be deactivated through SCIM', async () => {
    const adminId = server.bootstrap.adminUserId;

    const patch = await scim.request('PATCH', `/Users/${adminId}`, {
      body: patchRequest([{ op: 'Replace', path: 'active', value: 'False' }]),
    });
    const after = await scim.get(`/Users/${adminId}`);
    const probe = await scim.get(PROBE);

    expect(patch.status).toBe(400);
    expect(patch.body?.scimType).toBe('invalidValue');
    expect(patch.body?.detail).toBe(
      `user ${adminId} is the only active admin of this organization, so it cannot be ` +
        'deactivated; make another user an admin first (setUserRole)',
    );
    expect(after.body?.active).toBe(true);
    expect(probe.status).toBe(200);
  });

  it('cannot be deleted through SCIM', async () => {
    const adminId = server.bootstrap.adminUserId;

    const deletion = await scim.request('DELETE', `/Users/${adminId}`);
    const after = await scim.get(`/Users/${adminId}`);

    expect(deletion.status).toBe(400);
    expect(deletion.body?.detail).toContain('so it cannot be deleted');
    expect(after.status).toBe(200);
  });

  it('cannot be made a member', async () => {
    const response = await setRole(server.bootstrap.adminUserId, 'MEMBER');

    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('so it cannot be made a member');
  });

  it('can be deactivated once another user is an admin', async () => {
    const created = await scim.post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'second.admin@example.com',
    });
    const secondId = created.body?.id as string;

    const promoted = await setRole(secondId, 'ADMIN');
    const patch = await scim.request('PATCH', `/Users/${server.bootstrap.adminUserId}`, {
      body: patchRequest([{ op: 'Replace', path: 'active', value: 'False' }]),
    });

    expect(promoted.data?.setUserRole).toEqual({ id: secondId, role: 'ADMIN' });
    expect(patch.status).toBe(200);
    expect(patch.body?.active).toBe(false);
  });

  it('records role changes in the audit trail', async () => {
    const created = await scim.post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'audited@example.com',
    });
    const id = created.body?.id as string;

    await setRole(id, 'ADMIN');
    await setRole(id, 'MEMBER');
    const events = await graphql(server, ROLE_EVENTS, {}, { cookie: admin.cookie });

    expect(events.data?.auditEvents.edges.map((edge: any) => edge.node)).toEqual([
      { targetId: id, detail: { from: 'ADMIN', to: 'MEMBER' } },
      { targetId: id, detail: { from: 'MEMBER', to: 'ADMIN' } },
    ]);
  });

  it('setUserRole rejects members and other organizations', async () => {
    const member = await memberSession(server, server.bootstrap.organizationId);
    const other = await otherOrganizationSession(server);

    const byMember = await setRole(server.bootstrap.adminUserId, 'MEMBER', member);
    const byOther = await setRole(server.bootstrap.adminUserId, 'MEMBER', other.cookie);

    expect(errorCode(byMember)).toBe('FORBIDDEN');
    expect(errorCode(byOther)).toBe('NOT_FOUND');
  });
});
