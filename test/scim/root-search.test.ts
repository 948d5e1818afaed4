import { connectScim, createGroup, createUser, type ScimHttp } from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/**
 * A query across resource types treats an attribute that a type lacks as unassigned there, so
 * a type-specific filter matches nothing of the other type instead of being invalid.
 */
describe('POST /.search with a type-specific attribute', () => {
  let server: TestServer;
  let scim: ScimHttp;

  beforeAll(async () => {
    server = await startTestServer();
    scim = await connectScim(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('returns users for a userName filter', async () => {
    const user = await createUser(scim, { userName: 'root-search-ada@example.test' });
    await createGroup(scim);

    const response = await scim.post('/.search', {
      schemas: [SEARCH_SCHEMA],
      filter: 'userName eq "root-search-ada@example.test"',
    });

    expect(response.status).toBe(200);
    expect(response.body?.totalResults).toBe(1);
    expect(response.body?.Resources?.[0]?.id).toBe(user.id);
  });

  it('returns groups for a members filter', async () => {
    const member = await createUser(scim);
    const group = await createGroup(scim, { members: [{ value: member.id }] });

    const response = await scim.post('/.search', {
      schemas: [SEARCH_SCHEMA],
      filter: `members.value eq "${member.id}"`,
    });

    expect(response.status).toBe(200);
    expect(response.body?.totalResults).toBe(1);
    expect(response.body?.Resources?.[0]?.id).toBe(group.id);
  });

  it('matches both types through or', async () => {
    const user = await createUser(scim, { userName: 'root-or@example.test' });
    const group = await createGroup(scim, { displayName: 'Root Or Group' });

    const response = await scim.post('/.search', {
      schemas: [SEARCH_SCHEMA],
      filter: 'userName eq "root-or@example.test" or displayName eq "Root Or Group"',
    });
    const ids = (response.body?.Resources ?? []).map((resource: { id: string }) => resource.id);

    expect(response.status).toBe(200);
    expect(ids).toEqual([user.id, group.id]);
  });

  it('treats ne and not on a missing attribute as matching', async () => {
    const group = await createGroup(scim, { displayName: 'Root Ne Group' });

    const ne = await scim.post('/.search', {
      schemas: [SEARCH_SCHEMA],
      filter: 'userName ne "nobody@example.test" and displayName eq "Root Ne Group"',
    });
    const not = await scim.post('/.search', {
      schemas: [SEARCH_SCHEMA],
      filter: 'not (userName pr) and displayName eq "Root Ne Group"',
    });

    expect(ne.body?.Resources?.map((resource: { id: string }) => resource.id)).toEqual([
      group.id,
    ]);
    expect(not.body?.Resources?.map((resource: { id: string }) => resource.id)).toEqual([
      group.id,
    ]);
  });

  it('still rejects an invalid filter', async () => {
    const response = await scim.post('/.search', {
      schemas: [SEARCH_SCHEMA],
      filter: 'userName eq',
    });

    expect(response.status).toBe(400);
    expect(response.body?.scimType).toBe('invalidFilter');
  });
});
