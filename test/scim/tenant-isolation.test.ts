import { newId } from '../../src/domain/ids';
import { Group } from '../../src/entities/group.entity';
import { GroupMember } from '../../src/entities/group-member.entity';
import { Organization } from '../../src/entities/organization.entity';
import { User } from '../../src/entities/user.entity';
import {
  createToken,
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  ScimClient,
  SEARCH_SCHEMA,
  USER_SCHEMA,
  withQuery,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

const OTHER_USER_NAME = 'alice@other.test';

describe('tenant isolation over SCIM', () => {
  let server: TestServer;
  let client: ScimClient;
  let otherClient: ScimClient;
  let ownUser: any;
  let ownGroup: any;
  let otherOrganizationId: string;
  let otherUserId: string;
  let otherGroupId: string;

  beforeAll(async () => {
    server = await startTestServer();
    client = await ScimClient.create(server);

    const em = server.orm.em.fork();
    const organization = em.create(Organization, {
      id: newId(),
      slug: 'other',
      name: 'Other organization',
    });
    await em.flush();
    const otherUser = em.create(User, {
      organizationId: organization.id,
      id: newId(),
      userName: OTHER_USER_NAME,
      displayName: 'Alice Elsewhere',
      externalId: 'alice-ext',
      role: 'ADMIN',
    });
    const otherGroup = em.create(Group, {
      organizationId: organization.id,
      id: newId(),
      displayName: 'Other engineering',
    });
    await em.flush();
    em.create(GroupMember, {
      organizationId: organization.id,
      groupId: otherGroup.id,
      memberId: otherUser.id,
      memberType: 'User',
    });
    await em.flush();

    otherOrganizationId = organization.id;
    otherUserId = otherUser.id;
    otherGroupId = otherGroup.id;
    const { secret } = await createToken(server, {
      organizationId: organization.id,
      userId: otherUser.id,
    });
    otherClient = new ScimClient(server, secret);

    ownUser = await client.createUser({ userName: 'bob@own.test', externalId: 'alice-ext' });
    ownGroup = await client.createGroup({
      displayName: 'Own engineering',
      members: [{ value: ownUser.id }],
    });
  });

  afterAll(async () => {
    await server.close();
  });

  async function otherUserRow() {
    const rows = await server.orm.em
      .fork()
      .execute('select user_name, version from users where organization_id = ? and id = ?', [
        otherOrganizationId,
        otherUserId,
      ]);
    return rows[0];
  }

  it('answers 404 for a user of another organization', async () => {
    const response = await client.get(`/Users/${otherUserId}`);

    expect(response.status).toBe(404);
    expect(response.body.detail).toBe(`User '${otherUserId}' not found`);
  });

  it('answers 404 for a group of another organization', async () => {
    const response = await client.get(`/Groups/${otherGroupId}`);

    expect(response.status).toBe(404);
  });

  it('lists only its own users and groups', async () => {
    const users = await client.listIds('/Users');
    const groups = await client.listIds('/Groups');

    expect(users.sort()).toEqual([server.bootstrap.adminUserId, ownUser.id].sort());
    expect(groups).toEqual([ownGroup.id]);
  });

  it('finds no foreign user by id, userName or externalId', async () => {
    expect(await client.listIds('/Users', { filter: `id eq "${otherUserId}"` })).toEqual([]);
    expect(await client.listIds('/Users', { filter: `userName eq "${OTHER_USER_NAME}"` })).toEqual(
      [],
    );
    expect(await client.listIds('/Users', { filter: 'externalId eq "alice-ext"' })).toEqual([
      ownUser.id,
    ]);
    expect(await client.listIds('/Groups', { filter: `id eq "${otherGroupId}"` })).toEqual([]);
  });

  it('finds no membership of another organization', async () => {
    expect(
      await client.listIds('/Groups', { filter: `members.value eq "${otherUserId}"` }),
    ).toEqual([]);
    expect(await client.listIds('/Users', { filter: `groups.value eq "${otherGroupId}"` })).toEqual(
      [],
    );
  });

  it('finds nothing of another organization with POST /.search', async () => {
    const response = await client.post('/.search', {
      schemas: [SEARCH_SCHEMA],
      filter: 'displayName co "else" or displayName co "other"',
    });

    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(0);
    expect(response.body.Resources).toEqual([]);
  });

  it('cannot replace a user of another organization', async () => {
    const response = await client.put(`/Users/${otherUserId}`, {
      schemas: [USER_SCHEMA],
      userName: 'hijacked@other.test',
    });

    expect(response.status).toBe(404);
    expect(await otherUserRow()).toEqual({ user_name: OTHER_USER_NAME, version: 1 });
  });

  it('cannot delete a user of another organization', async () => {
    const response = await client.delete(`/Users/${otherUserId}`);

    expect(response.status).toBe(404);
    expect(await otherUserRow()).toEqual({ user_name: OTHER_USER_NAME, version: 1 });
  });

  it('cannot replace or delete a group of another organization', async () => {
    const put = await client.put(`/Groups/${otherGroupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Hijacked',
    });
    const deleted = await client.delete(`/Groups/${otherGroupId}`);
    const read = await otherClient.get(`/Groups/${otherGroupId}`);

    expect(put.status).toBe(404);
    expect(deleted.status).toBe(404);
    expect(read.status).toBe(200);
    expect(read.body.displayName).toBe('Other engineering');
    expect(read.body.members.map((member: any) => member.value)).toEqual([otherUserId]);
  });

  it('cannot add a user of another organization to its group', async () => {
    const response = await client.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Cross-tenant',
      members: [{ value: otherUserId }],
    });

    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
    expect(response.body.detail).toBe(
      `cannot add members that are not users or groups of this organization: ${otherUserId}`,
    );
  });

  it('cannot make a user of another organization a manager', async () => {
    const response = await client.post('/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      userName: 'report@own.test',
      [ENTERPRISE_SCHEMA]: { manager: otherUserId },
    });

    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
  });

  it('keeps userName unique per organization only', async () => {
    const response = await client.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: OTHER_USER_NAME.toUpperCase(),
    });

    expect(response.status).toBe(201);
    expect(await otherUserRow()).toEqual({ user_name: OTHER_USER_NAME, version: 1 });
    await client.delete(`/Users/${response.body.id}`);
  });

  it("gives the other organization's token its own data only", async () => {
    const users = await otherClient.listIds('/Users');
    const own = await otherClient.get(`/Users/${ownUser.id}`);
    const memberships = await otherClient.listIds('/Groups', {
      filter: `members.value eq "${ownUser.id}"`,
    });

    expect(users).toEqual([otherUserId]);
    expect(own.status).toBe(404);
    expect(memberships).toEqual([]);
  });

  it('finds none of our groups by id from the other organization', async () => {
    const response = await otherClient.get(
      withQuery('/Groups', { filter: `id eq "${ownGroup.id}"`, excludedAttributes: 'members' }),
    );

    expect(response.body.totalResults).toBe(0);
  });
});
