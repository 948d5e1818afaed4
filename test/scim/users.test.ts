import { randomBytes } from 'node:crypto';

import {
  ENTERPRISE_SCHEMA,
  errorBody,
  ScimClient,
  SCIM_CONTENT_TYPE,
  USER_SCHEMA,
  withQuery,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const BASE = 'https://roster.test/scim/v2';
const CUSTOM_SCHEMA = 'urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User';
const CREATED_AT = '2026-11-02T08:00:00.000Z';
const UPDATED_AT = '2026-11-02T09:30:00.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('/scim/v2/Users', () => {
  let server: TestServer;
  let client: ScimClient;

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

  /** Returns a unique userName, so that tests in this file never collide. */
  function uniqueName(prefix: string): string {
    return `${prefix}-${Math.random().toString(36).slice(2, 10)}@example.com`;
  }

  describe('POST /Users', () => {
    it('creates the user Entra ID sends', async () => {
      server.setNow(new Date(CREATED_AT));
      const userName = uniqueName('Ada.Lovelace');

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        externalId: 'ada',
        userName,
        active: true,
        displayName: 'Ada Lovelace',
        emails: [{ primary: true, type: 'work', value: 'ada@example.com' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
        roles: [],
        addresses: null,
        title: null,
        [ENTERPRISE_SCHEMA]: { employeeNumber: '1815', department: 'Analytics', manager: null },
      });
      const id = response.body.id;
      const location = `${BASE}/Users/${id}`;

      expect(response.status).toBe(201);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(id).toMatch(UUID);
      expect(response.headers.get('location')).toBe(location);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(response.body).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id,
        externalId: 'ada',
        userName,
        active: true,
        displayName: 'Ada Lovelace',
        emails: [{ primary: true, type: 'work', value: 'ada@example.com' }],
        name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
        [ENTERPRISE_SCHEMA]: { employeeNumber: '1815', department: 'Analytics' },
        meta: {
          resourceType: 'User',
          created: CREATED_AT,
          lastModified: CREATED_AT,
          location,
          version: 'W/"1"',
        },
      });
    });

    it('returns on GET exactly what POST returned', async () => {
      const created = await client.createUser({
        userName: uniqueName('same'),
        displayName: 'Same Twice',
        phoneNumbers: [{ type: 'mobile', value: '+1 (555) 010-0000' }],
      });

      const response = await client.get(`/Users/${created.id}`);

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(response.body).toEqual(created);
    });

    it('stores values as sent, without reformatting them', async () => {
      const created = await client.createUser({
        userName: uniqueName('MiXeD.Case'),
        phoneNumbers: [{ type: 'work', value: '+1 (555) 010-0000 ext. 7' }],
        displayName: '  Spaced  Name ',
      });

      expect(created.phoneNumbers).toEqual([{ type: 'work', value: '+1 (555) 010-0000 ext. 7' }]);
      expect(created.displayName).toBe('  Spaced  Name ');
    });

    it('ignores a client-supplied id and meta', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        id: '00000000-0000-4000-8000-000000000001',
        userName: uniqueName('client-id'),
        meta: {
          resourceType: 'Group',
          created: '2001-01-01T00:00:00Z',
          version: 'W/"99"',
          location: 'https://elsewhere.example/Users/1',
        },
      });

      expect(response.status).toBe(201);
      expect(response.body.id).not.toBe('00000000-0000-4000-8000-000000000001');
      expect(response.body.meta.resourceType).toBe('User');
      expect(response.body.meta.version).toBe('W/"1"');
      expect(response.body.meta.location).toBe(`${BASE}/Users/${response.body.id}`);
      expect(response.body.meta.created).not.toBe('2001-01-01T00:00:00.000Z');
    });

    it('stores "True" and "False" strings in active as booleans', async () => {
      const enabled = await client.createUser({ userName: uniqueName('true'), active: 'True' });
      const disabled = await client.createUser({ userName: uniqueName('false'), active: 'False' });

      const readEnabled = await client.get(`/Users/${enabled.id}`);
      const readDisabled = await client.get(`/Users/${disabled.id}`);

      expect(enabled.active).toBe(true);
      expect(disabled.active).toBe(false);
      expect(readEnabled.body.active).toBe(true);
      expect(readDisabled.body.active).toBe(false);
    });

    it('returns a "True" primary as true', async () => {
      const created = await client.createUser({
        userName: uniqueName('roles'),
        roles: [{ primary: 'True', type: 'WindowsAzureActiveDirectoryRole', value: 'Reader' }],
      });

      expect(created.roles).toEqual([
        { primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Reader' },
      ]);
    });

    it('accepts explicit nulls and an empty roles array as absent values', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('nulls'),
        displayName: null,
        title: null,
        addresses: null,
        name: null,
        roles: [],
        emails: [],
        [ENTERPRISE_SCHEMA]: { manager: null, department: null },
      });
      const {
        id,
        userName,
        meta: { location },
      } = response.body;

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        schemas: [USER_SCHEMA],
        id,
        userName,
        active: true,
        meta: expect.objectContaining({ location }),
      });
    });

    it('accepts an unknown schema URN in schemas', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA, 'urn:example:params:scim:schemas:unknown:2.0:Thing'],
        userName: uniqueName('unknown-urn'),
      });

      expect(response.status).toBe(201);
      expect(response.body.schemas).toEqual([USER_SCHEMA]);
    });

    it('ignores attributes that no schema defines', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('misspelled'),
        nickNam: 'typo',
      });

      expect(response.status).toBe(201);
      expect(response.body.nickNam).toBeUndefined();
      expect(response.body.nickName).toBeUndefined();
    });

    it('accepts the enterprise manager as a bare id', async () => {
      const manager = await client.createUser({
        userName: uniqueName('manager'),
        displayName: 'Grace Hopper',
      });

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        userName: uniqueName('report'),
        [ENTERPRISE_SCHEMA]: { manager: manager.id },
      });

      expect(response.status).toBe(201);
      expect(response.body[ENTERPRISE_SCHEMA]).toEqual({
        manager: {
          value: manager.id,
          $ref: `${BASE}/Users/${manager.id}`,
          displayName: 'Grace Hopper',
        },
      });
    });

    it('accepts the enterprise manager as an object with value', async () => {
      const manager = await client.createUser({
        userName: uniqueName('manager'),
        displayName: 'Katherine Johnson',
      });

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        userName: uniqueName('report'),
        [ENTERPRISE_SCHEMA]: { manager: { value: manager.id }, costCenter: 'CC-7' },
      });
      const read = await client.get(`/Users/${response.body.id}`);

      expect(response.status).toBe(201);
      expect(read.body[ENTERPRISE_SCHEMA]).toEqual({
        costCenter: 'CC-7',
        manager: {
          value: manager.id,
          $ref: `${BASE}/Users/${manager.id}`,
          displayName: 'Katherine Johnson',
        },
      });
    });

    it('rejects a manager that is not a user of the organization', async () => {
      const missing = '01890000-0000-7000-8000-000000000000';

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        userName: uniqueName('orphan'),
        [ENTERPRISE_SCHEMA]: { manager: missing },
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `manager '${missing}' is not a user in this organization; create the manager first`,
        ),
      );
    });

    it('keeps custom extension data missing from schemas', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('custom'),
        [CUSTOM_SCHEMA]: { tag: 'blue', costCode: 'X-1' },
      });
      const read = await client.get(`/Users/${response.body.id}`);

      expect(response.status).toBe(201);
      expect(response.body.schemas).toEqual([USER_SCHEMA, CUSTOM_SCHEMA]);
      expect(response.body[CUSTOM_SCHEMA]).toEqual({ tag: 'blue', costCode: 'X-1' });
      expect(read.body.schemas).toEqual([USER_SCHEMA, CUSTOM_SCHEMA]);
      expect(read.body[CUSTOM_SCHEMA]).toEqual({ tag: 'blue', costCode: 'X-1' });
    });

    it('accepts a password and never returns it', async () => {
      const password = 'Correct-Horse-Battery-Staple-9';

      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('password'),
        password,
      });
      const read = await client.get(`/Users/${response.body.id}`);
      const list = await client.get(withQuery('/Users', { filter: `id eq "${response.body.id}"` }));
      const rows = await server.orm.em
        .fork()
        .execute('select password_hash from users where id = ?', [response.body.id]);

      expect(response.status).toBe(201);
      expect(response.body.password).toBeUndefined();
      expect(response.text).not.toContain(password);
      expect(read.body.password).toBeUndefined();
      expect(read.text).not.toContain(password);
      expect(list.body.Resources[0].password).toBeUndefined();
      expect(list.text).not.toContain(password);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('accepts application/json as well as application/scim+json', async () => {
      const response = await client.request('POST', '/Users', {
        body: { schemas: [USER_SCHEMA], userName: uniqueName('plain-json') },
        contentType: 'application/json',
      });

      expect(response.status).toBe(201);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
    });

    it('accepts application/scim+json with a charset, as Entra ID sends it', async () => {
      const response = await client.request('POST', '/Users', {
        body: { schemas: [USER_SCHEMA], userName: uniqueName('charset') },
        contentType: 'application/scim+json; charset=utf-8',
      });

      expect(response.status).toBe(201);
    });

    it('rejects a body without userName with 400 invalidValue', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        displayName: 'Nobody',
      });

      expect(response.status).toBe(400);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(400, 'invalidValue', "attribute 'userName' is required"),
      );
    });

    it('rejects an empty or null userName with 400 invalidValue', async () => {
      const empty = await client.post('/Users', { schemas: [USER_SCHEMA], userName: '' });
      const blank = await client.post('/Users', { schemas: [USER_SCHEMA], userName: '   ' });
      const nullName = await client.post('/Users', { schemas: [USER_SCHEMA], userName: null });

      for (const response of [empty, blank, nullName]) {
        expect(response.status).toBe(400);
        expect(response.body).toEqual(
          errorBody(400, 'invalidValue', "attribute 'userName' is required"),
        );
      }
    });

    it('rejects malformed JSON with 400 invalidSyntax', async () => {
      const response = await client.post('/Users', '{"schemas": ["x"], "userName": ');

      expect(response.status).toBe(400);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(400, 'invalidSyntax', expect.stringMatching(/^request body is not valid JSON/)),
      );
    });

    it('rejects a JSON array body with 400 invalidSyntax', async () => {
      const response = await client.post('/Users', '[{"userName": "array@example.com"}]');

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(400, 'invalidSyntax', 'the request body must be a JSON object'),
      );
    });

    it('rejects a body of another media type with 415', async () => {
      const response = await client.request('POST', '/Users', {
        body: JSON.stringify({ schemas: [USER_SCHEMA], userName: uniqueName('text') }),
        contentType: 'text/plain',
      });

      expect(response.status).toBe(415);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(
          415,
          undefined,
          "Content-Type 'text/plain' is not supported; send application/scim+json or " +
            'application/json',
        ),
      );
    });

    it('rejects a body without Content-Type with 415', async () => {
      const response = await client.request('POST', '/Users', {
        body: JSON.stringify({ schemas: [USER_SCHEMA], userName: uniqueName('no-type') }),
        contentType: null,
        headers: { 'content-type': '' },
      });

      expect(response.status).toBe(415);
      expect(response.body.status).toBe('415');
    });

    it('rejects an oversized userName with 400', async () => {
      // Random base64 does not compress, so it reaches the database's index size limits.
      const userName = `${randomBytes(9000).toString('base64')}@example.com`;

      const response = await client.post('/Users', { schemas: [USER_SCHEMA], userName });

      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidValue');
      expect(response.body.detail).toContain('userName');
    });

    it('rejects an oversized displayName or externalId with 400', async () => {
      const long = randomBytes(9000).toString('base64');

      const displayName = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('long-display'),
        displayName: long,
      });
      const externalId = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('long-external'),
        externalId: long,
      });

      expect(displayName.status).toBe(400);
      expect(displayName.body.scimType).toBe('invalidValue');
      expect(externalId.status).toBe(400);
      expect(externalId.body.scimType).toBe('invalidValue');
    });

    it('rejects NUL in a value with 400', async () => {
      const inTitle = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('nul-title'),
        title: 'a\u0000b',
      });
      const inEmail = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('nul-email'),
        emails: [{ value: 'a\u0000b@example.com', type: 'work' }],
      });

      expect(inTitle.status).toBe(400);
      expect(inTitle.body.scimType).toBe('invalidValue');
      expect(inEmail.status).toBe(400);
      expect(inEmail.body.scimType).toBe('invalidValue');
    });

    it('rejects a deeply nested value with 400', async () => {
      const depth = 5000;
      const body =
        `{"schemas":["${USER_SCHEMA}"],"userName":"${uniqueName('deep')}",` +
        `"title":${'['.repeat(depth)}${']'.repeat(depth)}}`;

      const response = await client.post('/Users', body);

      expect(response.status).toBe(400);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body.scimType).toBe('invalidValue');
    });

    it('rejects active that is not a boolean with 400 invalidValue', async () => {
      const response = await client.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueName('active-yes'),
        active: 'yes',
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody(
          400,
          'invalidValue',
          `attribute 'active' must be a boolean (true or false), got "yes"`,
        ),
      );
    });

    it('rejects a userName that differs from another only in case with 409', async () => {
      const first = await client.createUser({ userName: uniqueName('unique') });
      const other = first.userName.toUpperCase();

      const response = await client.post('/Users', { schemas: [USER_SCHEMA], userName: other });

      expect(response.status).toBe(409);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(
          409,
          'uniqueness',
          `userName '${other}' is already used by another user; userName is unique per ` +
            'organization, ignoring case',
        ),
      );
    });
  });

  describe('concurrent POST /Users', () => {
    it('answers racing duplicates with 201 and 409s', async () => {
      // Five rounds, because a single round of requests does not always overlap in the database.
      const rounds = [];
      for (let round = 0; round < 5; round += 1) {
        const base = uniqueName(`race${round}`);
        const names = Array.from({ length: 8 }, (_, i) => (i % 2 ? base.toUpperCase() : base));
        const responses = await Promise.all(
          names.map((userName) => client.post('/Users', { schemas: [USER_SCHEMA], userName })),
        );
        const list = await client.get(withQuery('/Users', { filter: `userName eq "${base}"` }));
        rounds.push({
          statuses: responses.map((response) => response.status).sort(),
          stored: list.body.totalResults,
        });
      }

      const expected = { statuses: [201, 409, 409, 409, 409, 409, 409, 409], stored: 1 };
      expect(rounds).toEqual(Array(5).fill(expected));
    });
  });

  describe('GET /Users/{id}', () => {
    it('answers 404 with a SCIM error for an unknown id', async () => {
      const id = '01890000-0000-7000-8000-0000000000aa';

      const response = await client.get(`/Users/${id}`);

      expect(response.status).toBe(404);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(errorBody(404, undefined, `User '${id}' not found`));
    });

    it('answers 404 for an id that is not a uuid', async () => {
      const response = await client.get('/Users/not-a-uuid');

      expect(response.status).toBe(404);
      expect(response.body).toEqual(errorBody(404, undefined, "User 'not-a-uuid' not found"));
    });

    it('answers 304 when If-None-Match is current', async () => {
      const created = await client.createUser({ userName: uniqueName('etag') });

      const response = await client.get(`/Users/${created.id}`, { 'if-none-match': 'W/"1"' });

      expect(response.status).toBe(304);
      expect(response.text).toBe('');
      expect(response.headers.get('etag')).toBe('W/"1"');
    });

    it('answers 200 when If-None-Match names another version', async () => {
      const created = await client.createUser({ userName: uniqueName('etag') });

      const response = await client.get(`/Users/${created.id}`, { 'if-none-match': 'W/"7"' });

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(created.id);
    });
  });

  describe('PUT /Users/{id}', () => {
    it('replaces the user and clears the attributes it omits', async () => {
      server.setNow(new Date(CREATED_AT));
      const manager = await client.createUser({ userName: uniqueName('boss') });
      const created = await client.createUser({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        userName: uniqueName('replace'),
        externalId: 'ext-1',
        displayName: 'Before',
        nickName: 'Nick',
        title: 'Engineer',
        emails: [{ type: 'work', value: 'before@example.com', primary: true }],
        name: { givenName: 'Be', familyName: 'Fore' },
        [ENTERPRISE_SCHEMA]: { department: 'R&D', manager: manager.id },
        [CUSTOM_SCHEMA]: { tag: 'old' },
      });

      server.setNow(new Date(UPDATED_AT));
      const response = await client.put(`/Users/${created.id}`, {
        schemas: [USER_SCHEMA],
        userName: created.userName,
        displayName: 'After',
      });

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.headers.get('etag')).toBe('W/"2"');
      expect(response.headers.get('location')).toBeNull();
      expect(response.body).toEqual({
        schemas: [USER_SCHEMA],
        id: created.id,
        userName: created.userName,
        displayName: 'After',
        active: true,
        meta: {
          resourceType: 'User',
          created: CREATED_AT,
          lastModified: UPDATED_AT,
          location: `${BASE}/Users/${created.id}`,
          version: 'W/"2"',
        },
      });
    });

    it('keeps the version when nothing changes', async () => {
      const created = await client.createUser({ userName: uniqueName('same'), title: 'T' });

      const response = await client.put(`/Users/${created.id}`, {
        schemas: [USER_SCHEMA],
        userName: created.userName,
        title: 'T',
      });

      expect(response.status).toBe(200);
      expect(response.body.meta.version).toBe('W/"1"');
      expect(response.body.meta.lastModified).toBe(created.meta.lastModified);
    });

    it('keeps a user disabled by "False" findable', async () => {
      const created = await client.createUser({ userName: uniqueName('leaver') });

      const put = await client.put(`/Users/${created.id}`, {
        schemas: [USER_SCHEMA],
        userName: created.userName,
        active: 'False',
      });
      const byId = await client.get(`/Users/${created.id}`);
      const byUserName = await client.get(
        withQuery('/Users', { filter: `userName eq "${created.userName}"` }),
      );
      const inactive = await client.get(
        withQuery('/Users', { filter: `active eq false and id eq "${created.id}"` }),
      );

      expect(put.status).toBe(200);
      expect(put.body.active).toBe(false);
      expect(byId.status).toBe(200);
      expect(byId.body.active).toBe(false);
      expect(byUserName.body.totalResults).toBe(1);
      expect(byUserName.body.Resources[0].id).toBe(created.id);
      expect(byUserName.body.Resources[0].active).toBe(false);
      expect(inactive.body.totalResults).toBe(1);
    });

    it('answers 412 and changes nothing when If-Match names another version', async () => {
      const created = await client.createUser({ userName: uniqueName('stale'), title: 'Old' });

      const response = await client.put(
        `/Users/${created.id}`,
        { schemas: [USER_SCHEMA], userName: created.userName, title: 'New' },
        { 'if-match': 'W/"7"' },
      );
      const read = await client.get(`/Users/${created.id}`);

      expect(response.status).toBe(412);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(
          412,
          undefined,
          `user ${created.id} is at version W/"1", not W/"7"; read it again and retry`,
        ),
      );
      expect(read.body.title).toBe('Old');
      expect(read.body.meta.version).toBe('W/"1"');
    });

    it('replaces when If-Match is current', async () => {
      const created = await client.createUser({ userName: uniqueName('fresh'), title: 'Old' });

      const response = await client.put(
        `/Users/${created.id}`,
        { schemas: [USER_SCHEMA], userName: created.userName, title: 'New' },
        { 'if-match': 'W/"1"' },
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"2"');
      expect(response.body.title).toBe('New');
      expect(response.body.meta.version).toBe('W/"2"');
    });

    it('replaces when If-Match is *', async () => {
      const created = await client.createUser({ userName: uniqueName('star'), title: 'Old' });

      const response = await client.put(
        `/Users/${created.id}`,
        { schemas: [USER_SCHEMA], userName: created.userName, title: 'New' },
        { 'if-match': '*' },
      );

      expect(response.status).toBe(200);
      expect(response.body.title).toBe('New');
    });

    it('answers 404 for an unknown id', async () => {
      const id = '01890000-0000-7000-8000-0000000000bb';

      const response = await client.put(`/Users/${id}`, {
        schemas: [USER_SCHEMA],
        userName: uniqueName('ghost'),
      });

      expect(response.status).toBe(404);
      expect(response.body).toEqual(errorBody(404, undefined, `User '${id}' not found`));
    });

    it('rejects taking the userName of another user with 409', async () => {
      const first = await client.createUser({ userName: uniqueName('taken') });
      const second = await client.createUser({ userName: uniqueName('taker') });

      const response = await client.put(`/Users/${second.id}`, {
        schemas: [USER_SCHEMA],
        userName: first.userName.toUpperCase(),
      });

      expect(response.status).toBe(409);
      expect(response.body.scimType).toBe('uniqueness');
    });

    it('accepts a change of case in its own userName', async () => {
      const created = await client.createUser({ userName: uniqueName('case') });
      const upper = created.userName.toUpperCase();

      const response = await client.put(`/Users/${created.id}`, {
        schemas: [USER_SCHEMA],
        userName: upper,
      });

      expect(response.status).toBe(200);
      expect(response.body.userName).toBe(upper);
    });

    it('rejects a replacement without userName with 400 invalidValue', async () => {
      const created = await client.createUser({ userName: uniqueName('keep') });

      const response = await client.put(`/Users/${created.id}`, {
        schemas: [USER_SCHEMA],
        displayName: 'No name',
      });

      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidValue');
    });
  });

  describe('DELETE /Users/{id}', () => {
    it('answers 204, then 404 on GET and on a second DELETE', async () => {
      const created = await client.createUser({ userName: uniqueName('delete') });

      const deleted = await client.delete(`/Users/${created.id}`);
      const read = await client.get(`/Users/${created.id}`);
      const again = await client.delete(`/Users/${created.id}`);

      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect(read.status).toBe(404);
      expect(again.status).toBe(404);
      expect(again.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(again.body).toEqual(errorBody(404, undefined, `User '${created.id}' not found`));
    });

    it('answers 412 when If-Match names another version, and keeps the user', async () => {
      const created = await client.createUser({ userName: uniqueName('guarded') });

      const rejected = await client.delete(`/Users/${created.id}`, { 'if-match': 'W/"5"' });
      const read = await client.get(`/Users/${created.id}`);
      const accepted = await client.delete(`/Users/${created.id}`, { 'if-match': 'W/"1"' });

      expect(rejected.status).toBe(412);
      expect(rejected.body.status).toBe('412');
      expect(read.status).toBe(200);
      expect(accepted.status).toBe(204);
    });

    it('clears the manager of the users it managed', async () => {
      const manager = await client.createUser({ userName: uniqueName('manager') });
      const report = await client.createUser({
        userName: uniqueName('report'),
        [ENTERPRISE_SCHEMA]: { manager: manager.id, department: 'Ops' },
      });

      await client.delete(`/Users/${manager.id}`);
      const read = await client.get(`/Users/${report.id}`);

      expect(read.body[ENTERPRISE_SCHEMA]).toEqual({ department: 'Ops' });
      expect(read.body.meta.version).toBe('W/"2"');
    });
  });

  describe('methods the endpoint does not support', () => {
    it('answers DELETE /Users with 405, Allow and a SCIM error', async () => {
      const response = await client.delete('/Users');
      const allowed = (response.headers.get('allow') ?? '').split(/,\s*/);

      expect(response.status).toBe(405);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body.status).toBe('405');
      expect(allowed).toEqual(expect.arrayContaining(['GET', 'POST']));
      expect(allowed).not.toContain('DELETE');
    });

    it('answers POST /Users/{id} with 405, not 404', async () => {
      const created = await client.createUser({ userName: uniqueName('post-on-id') });

      const response = await client.post(`/Users/${created.id}`, { schemas: [USER_SCHEMA] });

      expect(response.status).toBe(405);
      expect(response.body.status).toBe('405');
    });
  });
});
