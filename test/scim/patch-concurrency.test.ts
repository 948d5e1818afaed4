import {
  connectScim,
  createGroup,
  createUser,
  readMemberIds,
  readResource,
  type ScimHttp,
  type ScimResponse,
} from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// Parallel requests queue for the embedded database's single connection, so these tests need
// more time than one request does.
jest.setTimeout(120_000);

describe('concurrent PATCH requests', () => {
  let server: TestServer;
  let scim: ScimHttp;

  beforeAll(async () => {
    // The 50 requests queue for the group's row lock and for pooled connections. On a busy
    // machine that wait can pass the default acquire timeout, which this test is not about.
    server = await startTestServer({ env: { DATABASE_ACQUIRE_TIMEOUT_MS: '60000' } });
    scim = await connectScim(server);
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    server.setNow(undefined);
  });

  /** Creates `count` users one after another and returns their ids, sorted. */
  async function createUsers(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      ids.push((await createUser(scim)).id);
    }

    return ids.sort();
  }

  function addMember(groupId: string, memberId: string): Promise<ScimResponse> {
    return scim.patch(`/Groups/${groupId}`, [
      { op: 'Add', path: 'members', value: [{ $ref: null, value: memberId }] },
    ]);
  }

  function removeMember(groupId: string, memberId: string): Promise<ScimResponse> {
    return scim.patch(`/Groups/${groupId}`, [
      { op: 'Remove', path: 'members', value: [{ value: memberId }] },
    ]);
  }

  it('keeps 50 members added in parallel', async () => {
    const ids = await createUsers(50);
    const group = await createGroup(scim);

    const responses = await Promise.all(ids.map((id) => addMember(group.id, id)));

    const after = await readResource(scim, `/Groups/${group.id}`);
    expect(responses.map((response) => response.status)).toEqual(ids.map(() => 204));
    expect(await readMemberIds(scim, group.id)).toEqual(ids);
    expect(after.meta.version).toBe('W/"51"');
  });

  it('applies interleaved parallel adds and removes', async () => {
    const ids = await createUsers(40);
    const initial = ids.slice(0, 20);
    const removed = initial.filter((_id, index) => index % 2 === 0);
    const added = ids.slice(20);
    const group = await createGroup(scim);
    await scim.patch(`/Groups/${group.id}`, [
      { op: 'Add', path: 'members', value: initial.map((value) => ({ value })) },
    ]);

    const requests: Promise<ScimResponse>[] = [];
    for (let index = 0; index < added.length; index++) {
      requests.push(addMember(group.id, added[index]));
      if (index < removed.length) {
        requests.push(removeMember(group.id, removed[index]));
      }
    }
    const responses = await Promise.all(requests);

    const expected = [...initial.filter((id) => !removed.includes(id)), ...added].sort();
    const after = await readResource(scim, `/Groups/${group.id}`);
    expect(responses.map((response) => response.status)).toEqual(requests.map(() => 204));
    expect(await readMemberIds(scim, group.id)).toEqual(expected);
    expect(after.meta.version).toBe(`W/"${2 + added.length + removed.length}"`);
  });

  it('keeps parallel changes to one user', async () => {
    const user = await createUser(scim);
    const patchedAt = new Date(Date.now() + 3600_000);
    const changes: [string, string][] = [
      ['displayName', 'Ada King'],
      ['nickName', 'Babs'],
      ['title', 'Analyst'],
      ['userType', 'Employee'],
      ['preferredLanguage', 'en-GB'],
      ['locale', 'en-GB'],
      ['timezone', 'Europe/London'],
      ['profileUrl', 'https://example.test/ada'],
      ['externalId', 'ada.king'],
      ['name.givenName', 'Augusta'],
      ['name.familyName', 'King'],
      ['emails[type eq "work"].value', 'ada@work.test'],
      ['phoneNumbers[type eq "mobile"].value', '+44 20 7946 0000'],
      ['addresses[type eq "work"].locality', 'London'],
      [`${ENTERPRISE}:employeeNumber`, '1815'],
      [`${ENTERPRISE}:department`, 'Analytical Engines'],
      [`${ENTERPRISE}:costCenter`, 'CC-1'],
      [`${ENTERPRISE}:division`, 'Research'],
      [`${ENTERPRISE}:organization`, 'Babbage & Co'],
    ];

    server.setNow(patchedAt);
    const responses = await Promise.all(
      changes.map(([path, value]) =>
        scim.patch(`/Users/${user.id}`, [{ op: 'Replace', path, value }]),
      ),
    );

    const after = await readResource(scim, `/Users/${user.id}`);
    expect(responses.map((response) => response.status)).toEqual(changes.map(() => 200));
    expect(after).toEqual({
      ...user,
      displayName: 'Ada King',
      nickName: 'Babs',
      title: 'Analyst',
      userType: 'Employee',
      preferredLanguage: 'en-GB',
      locale: 'en-GB',
      timezone: 'Europe/London',
      profileUrl: 'https://example.test/ada',
      externalId: 'ada.king',
      name: { givenName: 'Augusta', familyName: 'King' },
      emails: [{ type: 'work', value: 'ada@work.test' }],
      phoneNumbers: [{ type: 'mobile', value: '+44 20 7946 0000' }],
      addresses: [{ type: 'work', locality: 'London' }],
      schemas: user.schemas.concat(ENTERPRISE),
      [ENTERPRISE]: {
        employeeNumber: '1815',
        department: 'Analytical Engines',
        costCenter: 'CC-1',
        division: 'Research',
        organization: 'Babbage & Co',
      },
      meta: {
        ...user.meta,
        version: `W/"${1 + changes.length}"`,
        lastModified: patchedAt.toISOString(),
      },
    });
  });
});
