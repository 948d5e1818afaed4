import {
  ENTERPRISE_SCHEMA,
  errorBody,
  GROUP_SCHEMA,
  ScimClient,
  USER_SCHEMA,
  withQuery,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

const BASE = 'https://roster.test/scim/v2';

describe('attributes and excludedAttributes (RFC 7644 §3.4.2.5, §3.9)', () => {
  let server: TestServer;
  let client: ScimClient;
  let manager: any;
  let user: any;
  let group: any;

  beforeAll(async () => {
    server = await startTestServer();
    client = await ScimClient.create(server);

    manager = await client.createUser({ userName: 'boss@example.com', displayName: 'The Boss' });
    user = await client.createUser({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      userName: 'projected@example.com',
      displayName: 'Pro Jected',
      title: 'Engineer',
      name: { givenName: 'Pro', familyName: 'Jected' },
      emails: [
        { value: 'pro@example.com', type: 'work', primary: true },
        { value: 'pro@home.test', type: 'home' },
      ],
      [ENTERPRISE_SCHEMA]: { department: 'R&D', employeeNumber: '7', manager: manager.id },
    });
    group = await client.createGroup({
      schemas: [GROUP_SCHEMA],
      displayName: 'Projected group',
      externalId: 'pg',
      members: [{ value: user.id }, { value: manager.id }],
    });
  });

  afterAll(async () => {
    await server.close();
  });

  async function getUser(query: Record<string, string>) {
    const response = await client.get(withQuery(`/Users/${user.id}`, query));
    expect(response.status).toBe(200);
    return response.body;
  }

  async function getGroup(query: Record<string, string>) {
    const response = await client.get(withQuery(`/Groups/${group.id}`, query));
    expect(response.status).toBe(200);
    return response.body;
  }

  describe('attributes', () => {
    it('returns only the attributes asked for, plus schemas and id', async () => {
      expect(await getUser({ attributes: 'userName,title' })).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id: user.id,
        userName: 'projected@example.com',
        title: 'Engineer',
      });
    });

    it('returns id for id or an unknown attribute', async () => {
      expect(await getUser({ attributes: 'id' })).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id: user.id,
      });
      expect(await getUser({ attributes: 'shoeSize' })).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id: user.id,
      });
    });

    it('matches attribute names without regard to case', async () => {
      expect(await getUser({ attributes: 'USERNAME' })).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id: user.id,
        userName: 'projected@example.com',
      });
    });

    it('returns one sub-attribute of a complex attribute', async () => {
      const body = await getUser({ attributes: 'name.givenName' });

      expect(body.name).toEqual({ givenName: 'Pro' });
      expect(Object.keys(body).sort()).toEqual(['id', 'name', 'schemas']);
    });

    it('returns sub-attributes of every value', async () => {
      expect((await getUser({ attributes: 'emails.value' })).emails).toEqual([
        { value: 'pro@example.com' },
        { value: 'pro@home.test' },
      ]);
      expect((await getUser({ attributes: 'emails.value,emails.type' })).emails).toEqual([
        { value: 'pro@example.com', type: 'work' },
        { value: 'pro@home.test', type: 'home' },
      ]);
    });

    it('returns enterprise attributes named by URN path', async () => {
      const body = await getUser({ attributes: `${ENTERPRISE_SCHEMA}:department` });

      expect(body).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id: user.id,
        [ENTERPRISE_SCHEMA]: { department: 'R&D' },
      });
    });

    it('returns a sub-attribute of the enterprise manager', async () => {
      const body = await getUser({ attributes: `${ENTERPRISE_SCHEMA}:manager.value` });

      expect(body[ENTERPRISE_SCHEMA]).toEqual({ manager: { value: manager.id } });
    });

    it('returns a whole extension named by its URN', async () => {
      const body = await getUser({ attributes: ENTERPRISE_SCHEMA });

      expect(body[ENTERPRISE_SCHEMA]).toEqual({
        department: 'R&D',
        employeeNumber: '7',
        manager: {
          value: manager.id,
          $ref: `${BASE}/Users/${manager.id}`,
          displayName: 'The Boss',
        },
      });
    });

    it('returns core attributes named by the core schema URN', async () => {
      const body = await getUser({
        attributes: `${USER_SCHEMA}:displayName,${USER_SCHEMA}:name.familyName`,
      });

      expect(body).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id: user.id,
        displayName: 'Pro Jected',
        name: { familyName: 'Jected' },
      });
    });

    it('returns a sub-attribute of meta', async () => {
      const full = await getUser({});
      const projected = await getUser({ attributes: 'meta.version' });

      // The user has a manager, so its tag carries a digest after the version number.
      expect(projected.meta).toEqual({ version: (full.meta as { version: string }).version });
      expect((projected.meta as { version: string }).version).toMatch(/^W\/"1-[\w-]+"$/);
    });

    it('applies to every resource of a list', async () => {
      const response = await client.get(
        withQuery('/Users', { attributes: 'userName', sortBy: 'userName' }),
      );

      expect(response.body.Resources).toEqual([
        { schemas: [USER_SCHEMA], id: server.bootstrap.adminUserId, userName: 'admin@example.com' },
        { schemas: [USER_SCHEMA], id: manager.id, userName: 'boss@example.com' },
        {
          schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
          id: user.id,
          userName: 'projected@example.com',
        },
      ]);
    });

    it('applies to the resource returned by POST', async () => {
      const response = await client.post(withQuery('/Users', { attributes: 'userName' }), {
        schemas: [USER_SCHEMA],
        userName: 'created-projected@example.com',
        title: 'Hidden',
      });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        schemas: [USER_SCHEMA],
        id: response.body.id,
        userName: 'created-projected@example.com',
      });
      expect(response.headers.get('location')).toBe(`${BASE}/Users/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('W/"1"');
    });

    it('returns only displayName of a group, without members', async () => {
      expect(await getGroup({ attributes: 'displayName' })).toEqual({
        schemas: [GROUP_SCHEMA],
        id: group.id,
        displayName: 'Projected group',
      });
    });

    it('returns the value of each member', async () => {
      const body = await getGroup({ attributes: 'members.value' });

      expect(body.members.map((member: any) => member.value).sort()).toEqual(
        [user.id, manager.id].sort(),
      );
      expect(body.members.every((member: any) => Object.keys(member).length === 1)).toBe(true);
    });

    it('rejects an invalid attribute path with 400 invalidValue', async () => {
      const response = await client.get(
        withQuery(`/Users/${user.id}`, { attributes: 'user#name' }),
      );

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(400, 'invalidValue', expect.stringMatching(/^invalid attributes: /)),
      );
    });
  });

  describe('excludedAttributes', () => {
    it('removes the attributes named, leaving no empty keys', async () => {
      const body = await getUser({ excludedAttributes: 'emails,name,meta' });

      expect('emails' in body).toBe(false);
      expect('name' in body).toBe(false);
      expect('meta' in body).toBe(false);
      expect(body.userName).toBe('projected@example.com');
      expect(body.title).toBe('Engineer');
    });

    it('never removes id or schemas', async () => {
      const body = await getUser({ excludedAttributes: 'id,schemas' });

      expect(body.id).toBe(user.id);
      expect(body.schemas).toEqual([USER_SCHEMA, ENTERPRISE_SCHEMA]);
    });

    it('removes one sub-attribute', async () => {
      const body = await getUser({ excludedAttributes: 'name.familyName,emails.type' });

      expect(body.name).toEqual({ givenName: 'Pro' });
      expect(body.emails).toEqual([
        { value: 'pro@example.com', primary: true },
        { value: 'pro@home.test' },
      ]);
    });

    it('removes one enterprise attribute by URN path', async () => {
      const body = await getUser({ excludedAttributes: `${ENTERPRISE_SCHEMA}:manager` });

      expect(body[ENTERPRISE_SCHEMA]).toEqual({ department: 'R&D', employeeNumber: '7' });
    });

    it('removes a whole extension named by its URN', async () => {
      const body = await getUser({ excludedAttributes: ENTERPRISE_SCHEMA });

      expect(ENTERPRISE_SCHEMA in body).toBe(false);
      expect(body.userName).toBe('projected@example.com');
    });

    it('matches URNs and names without regard to case', async () => {
      const body = await getUser({
        excludedAttributes: `${ENTERPRISE_SCHEMA.toLowerCase()}:DEPARTMENT,TITLE`,
      });

      expect(body[ENTERPRISE_SCHEMA].department).toBeUndefined();
      expect(body[ENTERPRISE_SCHEMA].employeeNumber).toBe('7');
      expect('title' in body).toBe(false);
    });

    it('removes one sub-attribute of every member', async () => {
      const body = await getGroup({ excludedAttributes: 'members.display,members.$ref' });

      expect(body.members.map((member: any) => Object.keys(member).sort())).toEqual([
        ['type', 'value'],
        ['type', 'value'],
      ]);
    });

    it('removes groups from a user', async () => {
      const full = await getUser({});
      const body = await getUser({ excludedAttributes: 'groups' });

      expect(full.groups).toEqual([
        {
          value: group.id,
          $ref: `${BASE}/Groups/${group.id}`,
          display: 'Projected group',
          type: 'direct',
        },
      ]);
      expect('groups' in body).toBe(false);
    });
  });
});
