import { randomBytes } from 'node:crypto';

import {
  errorBody,
  GROUP_SCHEMA,
  LIST_SCHEMA,
  MICROSOFT_GROUP_SCHEMA,
  ScimClient,
  SCIM_CONTENT_TYPE,
  withQuery,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const BASE = 'https://roster.test/scim/v2';
const CREATED_AT = '2026-10-01T12:00:00.000Z';
const UPDATED_AT = '2026-10-01T12:05:00.000Z';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

function byValue(members: { value: string }[]): { value: string }[] {
  return [...members].sort((a, b) => a.value.localeCompare(b.value));
}

describe('/scim/v2/Groups', () => {
  let server: TestServer;
  let client: ScimClient;
  let counter = 0;

  beforeAll(async () => {
    server = await startTestServer();
    client = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    server.setNow(undefined);
  });

  function uniqueName(prefix: string): string {
    counter += 1;
    return `${prefix} ${counter} ${Math.random().toString(36).slice(2, 8)}`;
  }

  async function createUser(displayName?: string): Promise<any> {
    const userName = `${uniqueName('member').replace(/ /g, '-')}@example.com`;
    return client.createUser(displayName ? { userName, displayName } : { userName });
  }

  function userMember(user: any) {
    return {
      value: user.id,
      $ref: `${BASE}/Users/${user.id}`,
      type: 'User',
      display: user.displayName ?? user.userName,
    };
  }

  function groupMember(group: any) {
    return {
      value: group.id,
      $ref: `${BASE}/Groups/${group.id}`,
      type: 'Group',
      display: group.displayName,
    };
  }

  describe('POST /Groups', () => {
    it('creates a group with the Microsoft schema URN', async () => {
      server.setNow(new Date(CREATED_AT));
      const displayName = uniqueName('Engineering');

      const response = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA, MICROSOFT_GROUP_SCHEMA],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName,
        meta: { resourceType: 'Group' },
      });
      const id = response.body.id;
      const location = `${BASE}/Groups/${id}`;

      expect(response.status).toBe(201);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.headers.get('location')).toBe(location);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(response.body).toEqual({
        schemas: [GROUP_SCHEMA],
        id,
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName,
        meta: {
          resourceType: 'Group',
          created: CREATED_AT,
          lastModified: CREATED_AT,
          location,
          version: 'W/"1"',
        },
      });
    });

    it('accepts members with "$ref": null', async () => {
      const ada = await createUser('Ada');
      const bob = await createUser();

      const response = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: uniqueName('With members'),
        members: [
          { $ref: null, value: ada.id },
          { $ref: null, value: bob.id, type: 'User' },
        ],
      });
      const read = await client.get(`/Groups/${response.body.id}`);

      expect(response.status).toBe(201);
      expect(byValue(response.body.members)).toEqual(byValue([userMember(ada), userMember(bob)]));
      expect(byValue(read.body.members)).toEqual(byValue([userMember(ada), userMember(bob)]));
    });

    it('rejects a displayName in another case with 409', async () => {
      const first = await client.createGroup({ displayName: uniqueName('Sales') });
      const other = first.displayName.toUpperCase();

      const response = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: other,
      });

      expect(response.status).toBe(409);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(
          409,
          'uniqueness',
          `displayName '${other}' is already used by another group; group names are unique ` +
            'per organization, ignoring case',
        ),
      );
    });

    it('rejects a group without displayName with 400 invalidValue', async () => {
      const response = await client.post('/Groups', { schemas: [GROUP_SCHEMA], externalId: 'x' });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(400, 'invalidValue', "attribute 'displayName' is required and must not be empty"),
      );
    });

    it('rejects an oversized displayName with 400', async () => {
      const response = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: randomBytes(9000).toString('base64'),
      });

      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidValue');
    });

    it('rejects members that are not users or groups of the organization', async () => {
      const missing = '01890000-0000-7000-8000-0000000000cc';

      const unknown = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: uniqueName('Unknown member'),
        members: [{ value: missing }],
      });
      const malformed = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: uniqueName('Malformed member'),
        members: [{ value: 'not-a-uuid' }],
      });

      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `cannot add members that are not users or groups of this organization: ${missing}`,
        ),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.scimType).toBe('invalidValue');
    });

    it('leaves nothing behind when a member is rejected', async () => {
      const displayName = uniqueName('Rolled back');

      await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName,
        members: [{ value: '01890000-0000-7000-8000-0000000000dd' }],
      });
      const list = await client.get(
        withQuery('/Groups', { filter: `displayName eq "${displayName}"` }),
      );

      expect(list.body.totalResults).toBe(0);
    });
  });

  describe('concurrent POST /Groups', () => {
    it('answers racing duplicates with 201 and 409s', async () => {
      // Five rounds, because a single round of requests does not always overlap in the database.
      const rounds = [];
      for (let round = 0; round < 5; round += 1) {
        const base = uniqueName('Race');
        const names = Array.from({ length: 8 }, (_, i) => (i % 2 ? base.toUpperCase() : base));
        const responses = await Promise.all(
          names.map((displayName) =>
            client.post('/Groups', { schemas: [GROUP_SCHEMA], displayName }),
          ),
        );
        rounds.push(responses.map((response) => response.status).sort());
      }

      expect(rounds).toEqual(Array(5).fill([201, 409, 409, 409, 409, 409, 409, 409]));
    });
  });

  describe('excludedAttributes=members', () => {
    it('leaves members out of GET by id when the group has members', async () => {
      const user = await createUser();
      const group = await client.createGroup({
        displayName: uniqueName('Excluded'),
        members: [{ value: user.id }],
      });

      const response = await client.get(
        withQuery(`/Groups/${group.id}`, { excludedAttributes: 'members' }),
      );

      expect(response.status).toBe(200);
      expect('members' in response.body).toBe(false);
      expect(response.body.displayName).toBe(group.displayName);
      expect(response.body.meta.version).toBe('W/"1"');
    });

    it('leaves members out of Entra ID’s lookup by displayName', async () => {
      const user = await createUser();
      const group = await client.createGroup({
        displayName: uniqueName('Lookup'),
        members: [{ value: user.id }],
      });

      const response = await client.get(
        withQuery('/Groups', {
          excludedAttributes: 'members',
          filter: `displayName eq "${group.displayName.toLowerCase()}"`,
        }),
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        schemas: [LIST_SCHEMA],
        totalResults: 1,
        startIndex: 1,
        itemsPerPage: 1,
        Resources: [
          {
            schemas: [GROUP_SCHEMA],
            id: group.id,
            displayName: group.displayName,
            meta: group.meta,
          },
        ],
      });
    });

    it('leaves members out of every group of an unfiltered list', async () => {
      const user = await createUser();
      await client.createGroup({
        displayName: uniqueName('Listed'),
        members: [{ value: user.id }],
      });

      const response = await client.get(withQuery('/Groups', { excludedAttributes: 'members' }));
      const withMembers = response.body.Resources.filter((group: object) => 'members' in group);

      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBeGreaterThan(0);
      expect(withMembers).toEqual([]);
    });

    it('keeps members in the list when not excluded', async () => {
      const user = await createUser();
      const group = await client.createGroup({
        displayName: uniqueName('Not excluded'),
        members: [{ value: user.id }],
      });

      const response = await client.get(withQuery('/Groups', { filter: `id eq "${group.id}"` }));

      expect(response.body.Resources[0].members).toEqual([userMember(user)]);
    });
  });

  describe('PUT /Groups/{id}', () => {
    it('replaces the members with exactly those sent', async () => {
      const [a, b, c] = [await createUser(), await createUser(), await createUser()];
      const group = await client.createGroup({
        displayName: uniqueName('Replace'),
        members: [{ value: a.id }, { value: b.id }],
      });

      const response = await client.put(`/Groups/${group.id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: group.displayName,
        members: [{ value: b.id }, { value: c.id }],
      });
      const read = await client.get(`/Groups/${group.id}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"2"');
      expect(byValue(response.body.members)).toEqual(byValue([userMember(b), userMember(c)]));
      expect(byValue(read.body.members)).toEqual(byValue([userMember(b), userMember(c)]));
    });

    it('clears members and externalId when the replacement omits them', async () => {
      const user = await createUser();
      const group = await client.createGroup({
        displayName: uniqueName('Clear'),
        externalId: 'ext-group',
        members: [{ value: user.id }],
      });

      const response = await client.put(`/Groups/${group.id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: group.displayName,
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        schemas: [GROUP_SCHEMA],
        id: group.id,
        displayName: group.displayName,
        meta: expect.objectContaining({ version: 'W/"2"' }),
      });
    });

    it('answers 412 when If-Match names another version', async () => {
      const group = await client.createGroup({ displayName: uniqueName('Guarded') });

      const response = await client.put(
        `/Groups/${group.id}`,
        { schemas: [GROUP_SCHEMA], displayName: `${group.displayName} renamed` },
        { 'if-match': 'W/"3"' },
      );
      const read = await client.get(`/Groups/${group.id}`);

      expect(response.status).toBe(412);
      expect(response.body).toEqual(
        errorBody(
          412,
          undefined,
          `group ${group.id} is at version W/"1", not W/"3"; read it again and retry`,
        ),
      );
      expect(read.body.displayName).toBe(group.displayName);
    });

    it('renames a group when If-Match names the current version', async () => {
      const group = await client.createGroup({ displayName: uniqueName('Rename') });

      const response = await client.put(
        `/Groups/${group.id}`,
        { schemas: [GROUP_SCHEMA], displayName: `${group.displayName} renamed` },
        { 'if-match': 'W/"1"' },
      );

      expect(response.status).toBe(200);
      expect(response.body.displayName).toBe(`${group.displayName} renamed`);
      expect(response.headers.get('etag')).toBe('W/"2"');
    });

    it('rejects the displayName of another group with 409', async () => {
      const first = await client.createGroup({ displayName: uniqueName('Taken') });
      const second = await client.createGroup({ displayName: uniqueName('Taker') });

      const response = await client.put(`/Groups/${second.id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: first.displayName.toLowerCase(),
      });

      expect(response.status).toBe(409);
      expect(response.body.scimType).toBe('uniqueness');
    });

    it('rejects a group that contains itself with 400', async () => {
      const group = await client.createGroup({ displayName: uniqueName('Self') });

      const response = await client.put(`/Groups/${group.id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: group.displayName,
        members: [{ value: group.id }],
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(400, 'invalidValue', `group ${group.id} cannot be a member of itself`),
      );
    });

    it('rejects a group that would contain itself through another group', async () => {
      const inner = await client.createGroup({ displayName: uniqueName('Inner') });
      const outer = await client.createGroup({
        displayName: uniqueName('Outer'),
        members: [{ value: inner.id }],
      });

      const response = await client.put(`/Groups/${inner.id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: inner.displayName,
        members: [{ value: outer.id }],
      });
      const read = await client.get(`/Groups/${inner.id}`);

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `adding these groups to group ${inner.id} would make it contain itself`,
        ),
      );
      expect('members' in read.body).toBe(false);
    });

    it('answers 404 for an unknown group', async () => {
      const id = '01890000-0000-7000-8000-0000000000ee';

      const response = await client.put(`/Groups/${id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: uniqueName('Ghost'),
      });

      expect(response.status).toBe(404);
      expect(response.body).toEqual(errorBody(404, undefined, `Group '${id}' not found`));
    });
  });

  describe('nested groups', () => {
    it('lists a member group with type Group', async () => {
      const child = await client.createGroup({ displayName: uniqueName('Child') });

      const parent = await client.createGroup({
        displayName: uniqueName('Parent'),
        members: [{ value: child.id, type: 'Group' }],
      });

      expect(parent.members).toEqual([groupMember(child)]);
    });

    it('shows a user its direct group', async () => {
      const user = await createUser();
      const child = await client.createGroup({
        displayName: uniqueName('Direct'),
        members: [{ value: user.id }],
      });

      const read = await client.get(`/Users/${user.id}`);

      expect(read.body.groups).toEqual([
        {
          value: child.id,
          $ref: `${BASE}/Groups/${child.id}`,
          display: child.displayName,
          type: 'direct',
        },
      ]);
    });

    it('lists groups reached through nesting as indirect', async () => {
      const user = await createUser();
      const child = await client.createGroup({
        displayName: uniqueName('Nested child'),
        members: [{ value: user.id }],
      });
      const parent = await client.createGroup({
        displayName: uniqueName('Nested parent'),
        members: [{ value: child.id }],
      });

      const read = await client.get(`/Users/${user.id}`);

      expect(read.body.groups).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: child.id, type: 'direct' }),
          expect.objectContaining({ value: parent.id, type: 'indirect' }),
        ]),
      );
      expect(read.body.groups).toHaveLength(2);
    });
  });

  describe('ETags of members', () => {
    it("changes a user's ETag when a group adds it", async () => {
      const user = await createUser();
      const before = await client.get(`/Users/${user.id}`);

      const group = await client.createGroup({
        displayName: uniqueName('Joined'),
        members: [{ value: user.id }],
      });
      const after = await client.get(`/Users/${user.id}`, {
        'if-none-match': before.headers.get('etag') ?? '',
      });

      expect(before.headers.get('etag')).toBe('W/"1"');
      expect(after.status).toBe(200);
      expect(after.body.groups.map((entry: any) => entry.value)).toEqual([group.id]);
      expect(after.headers.get('etag')).not.toBe('W/"1"');
    });
  });

  describe('DELETE', () => {
    it('removes a deleted user and bumps the version', async () => {
      server.setNow(new Date(CREATED_AT));
      const [stays, leaves] = [await createUser(), await createUser()];
      const group = await client.createGroup({
        displayName: uniqueName('Loses a member'),
        members: [{ value: stays.id }, { value: leaves.id }],
      });

      server.setNow(new Date(UPDATED_AT));
      const deleted = await client.delete(`/Users/${leaves.id}`);
      const read = await client.get(`/Groups/${group.id}`);
      const filtered = await client.get(
        withQuery('/Groups', { filter: `members.value eq "${leaves.id}"` }),
      );

      expect(deleted.status).toBe(204);
      expect(read.body.members).toEqual([userMember(stays)]);
      expect(read.body.meta.version).toBe('W/"2"');
      expect(read.body.meta.lastModified).toBe(UPDATED_AT);
      expect(read.headers.get('etag')).toBe('W/"2"');
      expect(filtered.body.totalResults).toBe(0);
    });

    it('answers 204, then 404 on GET and on a second DELETE', async () => {
      const group = await client.createGroup({ displayName: uniqueName('Deleted') });

      const deleted = await client.delete(`/Groups/${group.id}`);
      const read = await client.get(`/Groups/${group.id}`);
      const again = await client.delete(`/Groups/${group.id}`);

      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect(read.status).toBe(404);
      expect(read.body).toEqual(errorBody(404, undefined, `Group '${group.id}' not found`));
      expect(again.status).toBe(404);
    });

    it('removes a deleted group from its parents and from its users', async () => {
      const user = await createUser();
      const child = await client.createGroup({
        displayName: uniqueName('Doomed child'),
        members: [{ value: user.id }],
      });
      const parent = await client.createGroup({
        displayName: uniqueName('Surviving parent'),
        members: [{ value: child.id }],
      });

      await client.delete(`/Groups/${child.id}`);
      const readParent = await client.get(`/Groups/${parent.id}`);
      const readUser = await client.get(`/Users/${user.id}`);

      expect('members' in readParent.body).toBe(false);
      expect(readParent.body.meta.version).toBe('W/"2"');
      expect('groups' in readUser.body).toBe(false);
    });

    it('frees the displayName of a deleted group', async () => {
      const group = await client.createGroup({ displayName: uniqueName('Reused') });

      await client.delete(`/Groups/${group.id}`);
      const response = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: group.displayName,
      });

      expect(response.status).toBe(201);
      expect(response.body.id).not.toBe(group.id);
    });
  });

  describe('GET /Groups/{id}', () => {
    it('answers 304 when If-None-Match names the current version', async () => {
      const group = await client.createGroup({ displayName: uniqueName('Cached') });

      const response = await client.get(`/Groups/${group.id}`, { 'if-none-match': 'W/"1"' });

      expect(response.status).toBe(304);
      expect(response.text).toBe('');
    });

    it('answers 404 for an id that is not a uuid', async () => {
      const response = await client.get('/Groups/engineering');

      expect(response.status).toBe(404);
      expect(response.body).toEqual(errorBody(404, undefined, "Group 'engineering' not found"));
    });
  });
});
