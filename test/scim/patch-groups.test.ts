import {
  connectScim,
  createGroup,
  createUser,
  findIds,
  readMemberIds,
  readResource,
  uniqueName,
  type ScimHttp,
  type ScimJson,
} from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SCIM_BASE = 'https://roster.test/scim/v2';

/** The query string Entra ID appends when the tenant URL carries the flag. */
const FLAG = '?aadOptscim062020';

/** Returns a time within the test token's lifetime, for `server.setNow`. */
function hoursFromNow(hours: number): Date {
  return new Date(Date.now() + hours * 3600_000);
}

describe('PATCH /Groups/:id', () => {
  let server: TestServer;
  let scim: ScimHttp;

  beforeAll(async () => {
    server = await startTestServer();
    scim = await connectScim(server);
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    server.setNow(undefined);
  });

  async function patchGroup(id: string, operations: unknown[], query = '') {
    return scim.patch(`/Groups/${id}${query}`, operations);
  }

  /** Creates `count` users and returns their ids, sorted as GET lists members. */
  async function createUsers(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const user = await createUser(scim, { displayName: `Member ${index}` });
      ids.push(user.id);
    }

    return ids.sort();
  }

  /** Creates a group, as Entra ID does with no members, then adds `memberIds` with PATCH. */
  async function createGroupWith(memberIds: string[]): Promise<ScimJson> {
    const group = await createGroup(scim);
    if (memberIds.length > 0) {
      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: memberIds.map((value) => ({ value })) },
      ]);
      expect(response.status).toBe(204);
    }

    return readResource(scim, `/Groups/${group.id}`);
  }

  describe('in the default Entra ID form', () => {
    it('adds a member with "$ref": null, returning 204', async () => {
      const user = await createUser(scim, { displayName: 'Ada Lovelace' });
      const group = await createGroup(scim);

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ $ref: null, value: user.id }] },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(response.body).toBeUndefined();
      expect(after.members).toEqual([
        {
          value: user.id,
          $ref: `${SCIM_BASE}/Users/${user.id}`,
          type: 'User',
          display: 'Ada Lovelace',
        },
      ]);
    });

    it('adds several members in one operation', async () => {
      const ids = await createUsers(3);
      const group = await createGroup(scim);

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: ids.map((value) => ({ $ref: null, value })) },
      ]);

      expect(response.status).toBe(204);
      expect(await readMemberIds(scim, group.id)).toEqual(ids);
    });

    it('removes only the members in the value array', async () => {
      const [a, b, c] = await createUsers(3);
      const group = await createGroupWith([a, b, c]);

      const response = await patchGroup(group.id, [
        { op: 'Remove', path: 'members', value: [{ value: b }] },
      ]);

      expect(response.status).toBe(204);
      expect(await readMemberIds(scim, group.id)).toEqual([a, c]);
    });

    it('renames the group, found by the new name', async () => {
      const group = await createGroup(scim);
      const newName = uniqueName('Research');

      const response = await patchGroup(group.id, [
        { op: 'Replace', path: 'displayName', value: newName },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after.displayName).toBe(newName);
      expect(await findIds(scim, 'Groups', `displayName eq "${newName}"`)).toEqual([group.id]);
      expect(await findIds(scim, 'Groups', `displayName eq "${group.displayName}"`)).toEqual([]);
    });

    it('replaces externalId', async () => {
      const group = await createGroup(scim, { externalId: 'entra-1' });

      const response = await patchGroup(group.id, [
        { op: 'Replace', path: 'externalId', value: 'entra-2' },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after.externalId).toBe('entra-2');
    });
  });

  describe('in the aadOptscim062020 form', () => {
    it('adds members with lower-case add', async () => {
      const ids = await createUsers(2);
      const group = await createGroup(scim);

      const response = await patchGroup(
        group.id,
        [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }],
        FLAG,
      );

      expect(response.status).toBe(204);
      expect(await readMemberIds(scim, group.id)).toEqual(ids);
    });

    it('removes only the member a value filter names', async () => {
      const [a, b, c] = await createUsers(3);
      const group = await createGroupWith([a, b, c]);

      const response = await patchGroup(
        group.id,
        [{ op: 'remove', path: `members[value eq "${a}"]` }],
        FLAG,
      );

      expect(response.status).toBe(204);
      expect(await readMemberIds(scim, group.id)).toEqual([b, c]);
    });

    it('renames the group with a no-path replace', async () => {
      const group = await createGroup(scim);
      const newName = uniqueName('Research');

      const response = await patchGroup(
        group.id,
        [{ op: 'replace', value: { displayName: newName } }],
        FLAG,
      );

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after.displayName).toBe(newName);
      expect(await findIds(scim, 'Groups', `displayName eq "${newName}"`)).toEqual([group.id]);
    });

    it('replaces externalId with a no-path replace', async () => {
      const group = await createGroup(scim, { externalId: 'entra-1' });

      const response = await patchGroup(
        group.id,
        [{ op: 'replace', value: { externalId: 'entra-2' } }],
        FLAG,
      );

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after.externalId).toBe('entra-2');
      expect(after.displayName).toBe(group.displayName);
    });
  });

  describe('membership', () => {
    it('removes all members without a value', async () => {
      const ids = await createUsers(3);
      const group = await createGroupWith(ids);

      const response = await patchGroup(group.id, [{ op: 'remove', path: 'members' }]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(group.members.length).toBe(3);
      expect(response.status).toBe(204);
      expect(after).not.toHaveProperty('members');
    });

    it('applies member operations in order', async () => {
      const [a, b, c, d] = await createUsers(4);
      const group = await createGroupWith([d]);

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ value: a }, { value: b }] },
        { op: 'Remove', path: 'members', value: [{ value: a }] },
        { op: 'Add', path: 'members', value: [{ value: c }] },
        { op: 'remove', path: `members[value eq "${b}"]` },
        { op: 'add', path: 'members', value: [{ value: a }] },
        { op: 'Remove', path: 'members', value: [{ value: d }] },
      ]);

      expect(response.status).toBe(204);
      expect(await readMemberIds(scim, group.id)).toEqual([a, c].sort());
    });

    it('adds members and renames in one PATCH', async () => {
      const ids = await createUsers(2);
      const group = await createGroup(scim);
      const newName = uniqueName('Research');

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ value: ids[0] }] },
        { op: 'Replace', path: 'displayName', value: newName },
        { op: 'Add', path: 'members', value: [{ value: ids[1] }] },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after.displayName).toBe(newName);
      expect(after.members.map((member: ScimJson) => member.value)).toEqual(ids);
    });

    it('returns 200 for excludedAttributes=members', async () => {
      const ids = await createUsers(1);
      const group = await createGroup(scim);

      const response = await patchGroup(
        group.id,
        [{ op: 'Add', path: 'members', value: [{ value: ids[0] }] }],
        '?excludedAttributes=members',
      );

      const after = await readResource(scim, `/Groups/${group.id}?excludedAttributes=members`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(after);
      expect(after).not.toHaveProperty('members');
      expect(await readMemberIds(scim, group.id)).toEqual(ids);
    });

    it('returns 200 for attributes=displayName', async () => {
      const ids = await createUsers(1);
      const group = await createGroup(scim);
      const newName = uniqueName('Research');

      const response = await patchGroup(
        group.id,
        [
          { op: 'Add', path: 'members', value: [{ value: ids[0] }] },
          { op: 'Replace', path: 'displayName', value: newName },
        ],
        '?attributes=displayName',
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ schemas: group.schemas, id: group.id, displayName: newName });
      expect(await readMemberIds(scim, group.id)).toEqual(ids);
    });

    it('rejects an unknown member id, adding none', async () => {
      const [known] = await createUsers(1);
      const unknown = '0190a0b0-0000-7000-8000-000000000001';
      const group = await createGroup(scim);

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ value: known }, { value: unknown }] },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(400);
      expect(response.body!.scimType).toBe('invalidValue');
      expect(response.body!.detail).toContain(unknown);
      expect(response.body!.detail).not.toContain(known);
      expect(after).toEqual(group);
    });

    it('rejects a malformed member id', async () => {
      const group = await createGroup(scim);

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ value: 'not-a-user' }] },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(400);
      expect(response.body!.scimType).toBe('invalidValue');
      expect(response.body!.detail).toContain('not-a-user');
      expect(after).toEqual(group);
    });

    it('accepts removing a non-member by filter and changes nothing', async () => {
      const [member, outsider] = await createUsers(2);
      const group = await createGroupWith([member]);

      const response = await patchGroup(group.id, [
        { op: 'remove', path: `members[value eq "${outsider}"]` },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after).toEqual(group);
    });
  });

  describe('versions', () => {
    it('changes meta when members change', async () => {
      const created = hoursFromNow(1);
      const patched = hoursFromNow(2);
      const ids = await createUsers(1);
      server.setNow(created);
      const group = await createGroup(scim);
      server.setNow(patched);

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ value: ids[0] }] },
      ]);

      const after = await scim.get(`/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(group.meta.version).toBe('W/"1"');
      expect(group.meta.lastModified).toBe(created.toISOString());
      expect(after.body!.meta).toEqual({
        ...group.meta,
        version: 'W/"2"',
        lastModified: patched.toISOString(),
      });
      expect(after.headers.get('etag')).toBe('W/"2"');
    });

    it('keeps meta when the member is present', async () => {
      const ids = await createUsers(1);
      server.setNow(hoursFromNow(1));
      const group = await createGroupWith(ids);
      server.setNow(hoursFromNow(2));

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ $ref: null, value: ids[0] }] },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after).toEqual(group);
    });

    it('keeps meta on a PATCH without change', async () => {
      const [member, outsider] = await createUsers(2);
      server.setNow(hoursFromNow(1));
      const group = await createGroupWith([member]);
      server.setNow(hoursFromNow(2));

      const response = await patchGroup(group.id, [
        { op: 'Replace', path: 'displayName', value: group.displayName },
        { op: 'replace', value: { displayName: group.displayName } },
        { op: 'Remove', path: 'members', value: [{ value: outsider }] },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after).toEqual(group);
    });

    it('rejects a stale If-Match with 412', async () => {
      const [a, b] = await createUsers(2);
      const group = await createGroupWith([a]);

      const response = await scim.patch(
        `/Groups/${group.id}`,
        [
          { op: 'Add', path: 'members', value: [{ value: b }] },
          { op: 'Replace', path: 'displayName', value: uniqueName('Stale') },
        ],
        { 'if-match': 'W/"1"' },
      );

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(group.meta.version).toBe('W/"2"');
      expect(response.status).toBe(412);
      expect(response.body!.status).toBe('412');
      expect(after).toEqual(group);
    });

    it('accepts the current If-Match', async () => {
      const [a] = await createUsers(1);
      const group = await createGroup(scim);

      const response = await scim.patch(
        `/Groups/${group.id}`,
        [{ op: 'Add', path: 'members', value: [{ value: a }] }],
        { 'if-match': group.meta.version },
      );

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(204);
      expect(after.meta.version).toBe('W/"2"');
      expect(after.members.map((member: ScimJson) => member.value)).toEqual([a]);
    });
  });

  describe('errors', () => {
    it('keeps the group when Operations[2] has a bad path', async () => {
      const [a, b, c] = await createUsers(3);
      const group = await createGroupWith([a, b]);

      const response = await patchGroup(group.id, [
        { op: 'Add', path: 'members', value: [{ value: c }] },
        { op: 'Remove', path: 'members', value: [{ value: a }] },
        { op: 'Replace', path: 'nickName', value: 'research' },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(400);
      expect(response.body!.scimType).toBe('invalidPath');
      expect(response.body!.detail).toMatch(/^Operations\[2\]: /);
      expect(after).toEqual(group);
    });

    it('keeps the group when Operations[2] adds an unknown id', async () => {
      const [a, b] = await createUsers(2);
      const unknown = '0190a0b0-0000-7000-8000-000000000002';
      const group = await createGroupWith([a]);

      const response = await patchGroup(group.id, [
        { op: 'Replace', path: 'displayName', value: uniqueName('Renamed') },
        { op: 'Add', path: 'members', value: [{ value: b }] },
        { op: 'Add', path: 'members', value: [{ value: unknown }] },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(400);
      expect(response.body!.scimType).toBe('invalidValue');
      expect(response.body!.detail).toMatch(/^Operations\[2\]: /);
      expect(response.body!.detail).toContain(unknown);
      expect(after).toEqual(group);
    });

    it.each(['id', 'meta.version', 'members.display'])(
      'rejects the readOnly path %s with mutability',
      async (path) => {
        const [a] = await createUsers(1);
        const group = await createGroupWith([a]);

        const response = await patchGroup(group.id, [{ op: 'Replace', path, value: 'x' }]);

        const after = await readResource(scim, `/Groups/${group.id}`);
        expect(response.status).toBe(400);
        expect(response.body!.scimType).toBe('mutability');
        expect(after).toEqual(group);
      },
    );

    it.each(['nickName', 'members.nickName', 'urn:example:unknown:2.0:Group:tag'])(
      'rejects the unknown path %s with invalidPath',
      async (path) => {
        const group = await createGroup(scim);

        const response = await patchGroup(group.id, [{ op: 'Replace', path, value: 'x' }]);

        const after = await readResource(scim, `/Groups/${group.id}`);
        expect(response.status).toBe(400);
        expect(response.body!.scimType).toBe('invalidPath');
        expect(after).toEqual(group);
      },
    );

    it('rejects a taken displayName in any case', async () => {
      const other = await createGroup(scim);
      const group = await createGroup(scim);

      const response = await patchGroup(group.id, [
        { op: 'Replace', path: 'displayName', value: other.displayName.toUpperCase() },
      ]);

      const after = await readResource(scim, `/Groups/${group.id}`);
      expect(response.status).toBe(409);
      expect(response.body!.scimType).toBe('uniqueness');
      expect(after).toEqual(group);
    });
  });
});
