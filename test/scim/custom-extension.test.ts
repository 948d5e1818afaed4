import {
  defaultAdminSession,
  otherOrganizationSession,
  type AdminSession,
} from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { errorBody, ScimClient, USER_SCHEMA, withQuery } from '../helpers/scim-client';
import {
  declareAttribute,
  extensionUrn,
  listAttributes,
  SET_DISCOVERY_LIMIT,
} from '../helpers/scim-extensions';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ACME = extensionUrn('Acme');
const OTHER = extensionUrn('Other');

describe('custom extension attributes over SCIM', () => {
  let server: TestServer;
  let admin: AdminSession;
  let other: AdminSession;
  let client: ScimClient;
  let otherClient: ScimClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await defaultAdminSession(server);
    other = await otherOrganizationSession(server);
    client = await ScimClient.create(server);
    otherClient = await ScimClient.create(server, {
      organizationId: other.organizationId,
      userId: other.userId,
    });

    const declarations: [string, string, Record<string, unknown>?][] = [
      ['level', 'INTEGER'],
      ['badge', 'STRING', { caseExact: true }],
      ['team', 'STRING'],
      ['score', 'DECIMAL'],
      ['remote', 'BOOLEAN'],
      ['startedAt', 'DATE_TIME'],
      ['homepage', 'REFERENCE'],
    ];
    for (const [name, type, extra] of declarations) {
      await declareAttribute(
        server,
        { cookie: admin.cookie },
        { schema: ACME, name, type, description: `The ${name}.`, ...extra },
      );
    }
    await declareAttribute(
      server,
      { cookie: other.cookie },
      { schema: OTHER, name: 'color', type: 'STRING' },
    );
  });

  afterAll(async () => {
    await server.close();
  });

  let sequence = 0;
  const uniqueName = (prefix: string) => `${prefix}-${(sequence += 1)}@example.com`;

  function patch(scim: ScimClient, id: string, operations: unknown[]) {
    return scim.request('PATCH', `/Users/${id}`, {
      body: { schemas: [PATCH_OP], Operations: operations },
    });
  }

  describe('writes', () => {
    it('converts values to their declared types', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA, ACME],
        userName: uniqueName('typed'),
        [ACME]: {
          level: '5',
          badge: 'AB-1',
          score: '2.5',
          remote: 'True',
          startedAt: '2026-01-31T12:00:00Z',
          homepage: 'https://example.com/ada',
        },
      });
      const read = await client.get(`/Users/${response.body.id}`);

      expect(response.status).toBe(201);
      expect(read.body[ACME]).toStrictEqual({
        level: 5,
        badge: 'AB-1',
        score: 2.5,
        remote: true,
        startedAt: '2026-01-31T12:00:00Z',
        homepage: 'https://example.com/ada',
      });
      expect(read.body.schemas).toEqual([USER_SCHEMA, ACME]);
    });

    it('accepts the extension without its URN in schemas', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('no-urn'),
        [ACME.toLowerCase()]: { LEVEL: 3 },
      });

      expect(response.status).toBe(201);
      expect(response.body[ACME]).toStrictEqual({ level: 3 });
      expect(response.body.schemas).toEqual([USER_SCHEMA, ACME]);
    });

    it('rejects a value that does not convert', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('bad-level'),
        [ACME]: { level: 'high' },
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(400, 'invalidValue', `attribute '${ACME}:level' must be an integer, got "high"`),
      );
    });

    it('replaces extension values on PUT', async () => {
      const user = await client.createUser({
        userName: uniqueName('put'),
        [ACME]: { level: 1, team: 'red' },
      });

      const response = await client.put(`/Users/${user.id}`, {
        schemas: [USER_SCHEMA],
        userName: user.userName,
        [ACME]: { level: '2' },
      });

      expect(response.status).toBe(200);
      expect(response.body[ACME]).toStrictEqual({ level: 2 });
    });

    it('patches by URN path, by URN key and without URN', async () => {
      const user = await client.createUser({ userName: uniqueName('patch') });

      const byPath = await patch(client, user.id, [
        { op: 'Add', path: `${ACME}:level`, value: '7' },
      ]);
      const byKey = await patch(client, user.id, [
        { op: 'replace', value: { [`${ACME}:badge`]: 'B-9', [ACME]: { remote: 'False' } } },
      ]);
      const unqualified = await patch(client, user.id, [
        { op: 'replace', path: 'score', value: '1.25' },
      ]);
      const removed = await patch(client, user.id, [{ op: 'remove', path: `${ACME}:badge` }]);

      expect(byPath.status).toBe(200);
      expect(byPath.body[ACME]).toStrictEqual({ level: 7 });
      expect(byKey.status).toBe(200);
      expect(byKey.body[ACME]).toStrictEqual({ level: 7, badge: 'B-9', remote: false });
      expect(unqualified.status).toBe(200);
      expect(unqualified.body[ACME]).toStrictEqual({
        level: 7,
        badge: 'B-9',
        remote: false,
        score: 1.25,
      });
      expect(removed.body[ACME]).toStrictEqual({ level: 7, remote: false, score: 1.25 });
    });

    it('rejects a PATCH value that does not convert', async () => {
      const user = await client.createUser({ userName: uniqueName('patch-bad') });

      const response = await patch(client, user.id, [
        { op: 'replace', path: `${ACME}:remote`, value: 'maybe' },
      ]);

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `Operations[0]: attribute '${ACME}:remote' must be a boolean (true or false), got ` +
            '"maybe"',
        ),
      );
    });

    it('keeps organizations apart', async () => {
      const response = await otherClient.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('other'),
        [OTHER]: { color: 'teal' },
      });

      expect(response.status).toBe(201);
      expect(response.body[OTHER]).toStrictEqual({ color: 'teal' });
    });
  });

  describe('filters and sorting', () => {
    let low: any;
    let middle: any;
    let high: any;

    beforeAll(async () => {
      const create = (level: number, badge: string) =>
        client.createUser({
          userName: uniqueName('ranked'),
          [ACME]: { level, badge, team: 'Rank' },
        });
      low = await create(9, 'b-2');
      high = await create(100, 'a-1');
      middle = await create(10, 'B-3');
    });

    const ranked = (query: Record<string, string>) =>
      client.listIds('/Users', {
        ...query,
        filter: `${ACME}:team eq "rank" and (${query.filter})`,
      });

    it('compares integers as numbers', async () => {
      expect(await ranked({ filter: `${ACME}:level gt 9` })).toEqual([middle.id, high.id].sort());
      expect(await ranked({ filter: `${ACME}:level le 10` })).toEqual([low.id, middle.id].sort());
      expect(await ranked({ filter: `level eq 100` })).toEqual([high.id]);
    });

    it('sorts integers as numbers', async () => {
      const ascending = await ranked({ filter: 'level pr', sortBy: `${ACME}:level` });
      const descending = await ranked({
        filter: 'level pr',
        sortBy: `${ACME}:level`,
        sortOrder: 'descending',
      });

      expect(ascending).toEqual([low.id, middle.id, high.id]);
      expect(descending).toEqual([high.id, middle.id, low.id]);
    });

    it('compares a caseExact string with its case', async () => {
      expect(await ranked({ filter: `${ACME}:badge eq "B-3"` })).toEqual([middle.id]);
      expect(await ranked({ filter: `${ACME}:badge eq "b-3"` })).toEqual([]);
      expect(await ranked({ filter: `${ACME}:badge sw "b"` })).toEqual([low.id]);
    });

    it('compares other strings ignoring case', async () => {
      const all = [low.id, middle.id, high.id].sort();

      expect(await client.listIds('/Users', { filter: `${ACME}:team eq "RANK"` })).toEqual(all);
    });

    it('sorts a caseExact string by code point', async () => {
      // Both test databases use a C collation, where upper case sorts before lower case.
      const ascending = await ranked({ filter: 'badge pr', sortBy: `${ACME}:badge` });

      expect(ascending).toEqual([middle.id, high.id, low.id]);
    });

    it('compares booleans, decimals and date-times by type', async () => {
      const early = await client.createUser({
        userName: uniqueName('typed-filter'),
        [ACME]: { team: 'Typed', remote: true, score: 1.5, startedAt: '2026-01-01T09:00:00Z' },
      });
      const late = await client.createUser({
        userName: uniqueName('typed-filter'),
        [ACME]: { team: 'Typed', remote: false, score: 10, startedAt: '2026-03-01T09:00:00+02:00' },
      });
      const typed = (filter: string) =>
        client.listIds('/Users', { filter: `${ACME}:team eq "typed" and ${filter}` });

      expect(await typed(`${ACME}:remote eq "True"`)).toEqual([early.id]);
      expect(await typed(`${ACME}:score gt 2`)).toEqual([late.id]);
      expect(await typed(`${ACME}:startedAt gt "2026-02-01T00:00:00Z"`)).toEqual([late.id]);
    });

    it('skips a stored value of another JSON type', async () => {
      const user = await client.createUser({
        userName: uniqueName('stale'),
        [ACME]: { team: 'Stale', level: 1 },
      });
      await server.orm.em
        .fork()
        .execute(
          `update users set extensions = cast(? as jsonb) where organization_id = ? and id = ?`,
          [
            JSON.stringify({ [ACME]: { team: 'Stale', level: 'abc' } }),
            admin.organizationId,
            user.id,
          ],
        );

      const response = await client.get(
        withQuery('/Users', { filter: `${ACME}:team eq "stale" and ${ACME}:level lt 5` }),
      );
      const sorted = await client.get(
        withQuery('/Users', { filter: `${ACME}:team eq "stale"`, sortBy: `${ACME}:level` }),
      );

      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBe(0);
      expect(sorted.status).toBe(200);
      expect(sorted.body.Resources.map((item: any) => item.id)).toEqual([user.id]);
    });

    it('rejects an attribute the extension lacks', async () => {
      const response = await client.get(withQuery('/Users', { filter: `${ACME}:missing eq "x"` }));

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidFilter',
          `unknown attribute '${ACME}:missing' in filter; GET /Schemas lists the User attributes`,
        ),
      );
    });

    it("rejects another organization's attribute", async () => {
      const response = await otherClient.get(withQuery('/Users', { filter: `${ACME}:level eq 1` }));

      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidFilter');
    });
  });

  describe('discovery endpoints', () => {
    it("lists each organization's own extensions in /Schemas", async () => {
      const mine = await client.get('/Schemas');
      const theirs = await otherClient.get('/Schemas');
      const ids = (body: any) => body.Resources.map((schema: any) => schema.id);

      expect(ids(mine.body)).toContain(ACME);
      expect(ids(mine.body)).not.toContain(OTHER);
      expect(ids(theirs.body)).toContain(OTHER);
      expect(ids(theirs.body)).not.toContain(ACME);
    });

    it('describes the declared attributes', async () => {
      const response = await client.get(`/Schemas/${ACME}`);
      const level = response.body.attributes.find((item: any) => item.name === 'level');
      const badge = response.body.attributes.find((item: any) => item.name === 'badge');

      expect(response.status).toBe(200);
      expect(response.body.name).toBe('Acme');
      expect(level).toEqual({
        name: 'level',
        type: 'integer',
        multiValued: false,
        description: 'The level.',
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
      });
      expect(badge.caseExact).toBe(true);
    });

    it("answers 404 for another organization's schema", async () => {
      const response = await otherClient.get(`/Schemas/${ACME}`);

      expect(response.status).toBe(404);
    });

    it('lists the extension in /ResourceTypes', async () => {
      const mine = await client.get('/ResourceTypes/User');
      const theirs = await otherClient.get('/ResourceTypes/User');

      expect(mine.body.schemaExtensions).toContainEqual({ schema: ACME, required: false });
      expect(theirs.body.schemaExtensions).not.toContainEqual({ schema: ACME, required: false });
      expect(theirs.body.schemaExtensions).toContainEqual({ schema: OTHER, required: false });
    });
  });

  describe('required attributes', () => {
    it('rejects a POST without a required attribute', async () => {
      const third = await otherOrganizationSession(server);
      const scim = await ScimClient.create(server, {
        organizationId: third.organizationId,
        userId: third.userId,
      });
      const urn = extensionUrn('Strict');
      await declareAttribute(
        server,
        { cookie: third.cookie },
        { schema: urn, name: 'site', type: 'STRING', required: true },
      );

      const missing = await scim.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('strict'),
      });
      const present = await scim.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('strict'),
        [urn]: { site: 'Oslo' },
      });

      expect(missing.status).toBe(400);
      expect(missing.body).toEqual(
        errorBody(400, 'invalidValue', `attribute '${urn}:site' is required and has no value`),
      );
      expect(present.status).toBe(201);
    });
  });

  describe('undeclared attributes', () => {
    it('declares an attribute sent on POST as a discovered string', async () => {
      const urn = extensionUrn('Found');

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('found'),
        [urn]: { floor: 4, wing: 'East' },
      });
      const listed = (await listAttributes(server, { cookie: admin.cookie })).filter(
        (item) => item.schema === urn,
      );
      const schema = await client.get(`/Schemas/${urn}`);

      expect(response.status).toBe(201);
      expect(response.body[urn]).toStrictEqual({ floor: '4', wing: 'East' });
      expect(listed.map((item) => [item.name, item.type, item.discovered])).toEqual([
        ['floor', 'STRING', true],
        ['wing', 'STRING', true],
      ]);
      expect(schema.status).toBe(200);
      expect(schema.body.attributes.map((item: any) => item.name)).toEqual(['floor', 'wing']);
    });

    it('declares nothing when the write fails', async () => {
      const urn = extensionUrn('RolledBack');
      const user = await client.createUser({ userName: uniqueName('taken') });

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: user.userName,
        [urn]: { floor: '2' },
      });
      const listed = (await listAttributes(server, { cookie: admin.cookie })).filter(
        (item) => item.schema === urn,
      );
      const schema = await client.get(`/Schemas/${urn}`);

      expect(response.status).toBe(409);
      expect(listed).toEqual([]);
      expect(schema.status).toBe(404);
    });

    it('declares an attribute sent on PATCH', async () => {
      const urn = extensionUrn('Patched');
      const user = await client.createUser({ userName: uniqueName('patched') });

      const response = await patch(client, user.id, [
        { op: 'Add', path: `${urn}:desk`, value: 12 },
      ]);
      const filtered = await client.listIds('/Users', { filter: `${urn}:desk eq "12"` });

      expect(response.status).toBe(200);
      expect(response.body[urn]).toStrictEqual({ desk: '12' });
      expect(filtered).toEqual([user.id]);
    });

    it('declares a new attribute of a declared extension', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('extra'),
        [ACME]: { level: 1, nickname: 'Ace' },
      });
      const listed = (await listAttributes(server, { cookie: admin.cookie })).find(
        (item) => item.path === `${ACME}:nickname`,
      );

      expect(response.status).toBe(201);
      expect(response.body[ACME]).toStrictEqual({ level: 1, nickname: 'Ace' });
      expect(listed).toMatchObject({ type: 'STRING', discovered: true });
    });

    it.each([
      ['a complex value', { room: { number: 1 } }, 'room'],
      ['a multi-valued value', { keys: ['a', 'b'] }, 'keys'],
    ])('rejects %s on POST', async (_case, values, name) => {
      const urn = extensionUrn('Rejected');

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('rejected'),
        [urn]: values,
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `attribute '${urn}:${name}' is not declared, so it may only hold a single string, ` +
            'number or boolean',
        ),
      );
    });

    it('rejects a complex value on PATCH', async () => {
      const urn = extensionUrn('Rejected');
      const user = await client.createUser({ userName: uniqueName('rejected') });

      const response = await patch(client, user.id, [
        { op: 'add', path: `${urn}:room`, value: { number: 1 } },
      ]);

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `Operations[0]: '${urn}:room' is not a declared attribute, so it takes one string, ` +
            'number or boolean; got {"number":1}. Declare the attribute with its type in the ' +
            'SCIM settings to store other values',
        ),
      );
    });

    it('rejects an attribute name that SCIM paths cannot name', async () => {
      const urn = extensionUrn('Spaced');

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('spaced'),
        [urn]: { 'floor number': 3 },
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `'${urn}:floor number' cannot be declared: an attribute name starts with a letter, ` +
            "has only letters, digits, '-' and '_', and at most 128 characters",
        ),
      );
    });
  });

  describe('discovery limit', () => {
    it('rejects discoveries past the organization limit', async () => {
      const limited = await otherOrganizationSession(server);
      const scim = await ScimClient.create(server, {
        organizationId: limited.organizationId,
        userId: limited.userId,
      });
      await graphql(server, SET_DISCOVERY_LIMIT, { limit: 2 }, { cookie: limited.cookie });
      const urn = extensionUrn('Capped');

      const tooMany = await scim.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('capped'),
        [urn]: { a: '1', b: '2', c: '3' },
      });
      const declaredAfterFailure = await listAttributes(server, { cookie: limited.cookie });
      const two = await scim.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('capped'),
        [urn]: { a: '1', b: '2' },
      });
      const third = await scim.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('capped'),
        [urn]: { a: '1', c: '3' },
      });

      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `'${urn}:a' is not declared, and declaring it automatically would pass the ` +
            "organization's limit of 2 discovered attributes (0 so far); declare it in the SCIM " +
            'settings, remove unused discovered attributes, or raise the limit',
        ),
      );
      expect(declaredAfterFailure).toEqual([]);
      expect(two.status).toBe(201);
      expect(third.status).toBe(400);
      expect(third.body.detail).toContain(
        `'${urn}:c' is not declared, and declaring it automatically would pass the ` +
          "organization's limit of 2 discovered attributes (2 so far)",
      );
    });
  });
});
