import {
  connectScim,
  createGroup,
  createUser,
  findIds,
  readResource,
  uniqueName,
  type ScimHttp,
  type ScimJson,
} from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const SCIM_BASE = 'https://roster.test/scim/v2';

/** The query string Entra ID appends when the tenant URL carries the flag. */
const FLAG = '?aadOptscim062020';

/** Copies a resource without `meta`, to compare everything a PATCH may change. */
function withoutMeta(resource: ScimJson): ScimJson {
  const { meta: _meta, ...rest } = resource;
  return rest;
}

/** Returns a time within the test token's lifetime, for `server.setNow`. */
function hoursFromNow(hours: number): Date {
  return new Date(Date.now() + hours * 3600_000);
}

describe('PATCH /Users/:id', () => {
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

  /** Creates a user the way Entra ID does: work email, name, externalId, employee number. */
  async function createEntraUser(extra: ScimJson = {}): Promise<ScimJson> {
    const userName = `${uniqueName('ada')}@contoso.test`;

    return createUser(scim, {
      schemas: [USER_SCHEMA, ENTERPRISE],
      userName,
      externalId: userName.split('@')[0],
      displayName: 'Ada Lovelace',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ type: 'work', value: userName, primary: true }],
      [ENTERPRISE]: { employeeNumber: '100' },
      ...extra,
    });
  }

  async function patchUser(id: string, operations: unknown[], query = '') {
    return scim.patch(`/Users/${id}${query}`, operations);
  }

  describe('in the default Entra ID form', () => {
    it('applies one Replace per attribute', async () => {
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'displayName', value: 'Ada King' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada.king@contoso.test' },
        { op: 'Replace', path: 'name.givenName', value: 'Augusta' },
        { op: 'Replace', path: 'name.familyName', value: 'King' },
        { op: 'Replace', path: 'externalId', value: 'ada.king' },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '200' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(after);
      expect(withoutMeta(after)).toEqual({
        ...withoutMeta(user),
        displayName: 'Ada King',
        emails: [{ type: 'work', value: 'ada.king@contoso.test', primary: true }],
        name: { givenName: 'Augusta', familyName: 'King' },
        externalId: 'ada.king',
        [ENTERPRISE]: { employeeNumber: '200' },
      });
    });

    it('creates a missing work email', async () => {
      const user = await createEntraUser({ emails: [{ type: 'home', value: 'ada@home.test' }] });

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada@work.test' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.emails).toEqual([
        { type: 'home', value: 'ada@home.test' },
        { type: 'work', value: 'ada@work.test' },
      ]);
    });

    it('creates, then updates the work street address', async () => {
      const user = await createEntraUser();

      const created = await patchUser(user.id, [
        { op: 'Replace', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
      ]);
      const afterCreate = await readResource(scim, `/Users/${user.id}`);
      const updated = await patchUser(user.id, [
        { op: 'Replace', path: 'addresses[type eq "work"].streetAddress', value: '2 Side St' },
      ]);
      const afterUpdate = await readResource(scim, `/Users/${user.id}`);

      expect(created.status).toBe(200);
      expect(afterCreate.addresses).toEqual([{ type: 'work', streetAddress: '1 Main St' }]);
      expect(updated.status).toBe(200);
      expect(afterUpdate.addresses).toEqual([{ type: 'work', streetAddress: '2 Side St' }]);
    });

    it('sets the role selected by primary eq "True"', async () => {
      const user = await createEntraUser();

      const created = await patchUser(user.id, [
        { op: 'Replace', path: 'roles[primary eq "True"].value', value: 'Reader' },
      ]);
      const afterCreate = await readResource(scim, `/Users/${user.id}`);
      const updated = await patchUser(user.id, [
        { op: 'Replace', path: 'roles[primary eq "True"].value', value: 'Writer' },
      ]);
      const afterUpdate = await readResource(scim, `/Users/${user.id}`);

      expect(created.status).toBe(200);
      expect(afterCreate.roles).toEqual([{ primary: true, value: 'Reader' }]);
      expect(updated.status).toBe(200);
      expect(afterUpdate.roles).toEqual([{ primary: true, value: 'Writer' }]);
    });

    it('creates a missing mobile phone number', async () => {
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0100' }]);
    });

    it('stores a role sent as JSON text', async () => {
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        {
          op: 'Add',
          path: 'roles',
          value: [{ value: '{"id":"06b07648","value":"Admin","displayName":"Administrator"}' }],
        },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.roles).toEqual([{ value: 'Admin' }]);
    });

    it('applies operations on one attribute in order', async () => {
      const user = await createEntraUser({ nickName: 'Babs' });

      const response = await patchUser(user.id, [
        { op: 'Add', path: 'emails', value: [{ type: 'home', value: 'ada@home.test' }] },
        { op: 'Replace', path: 'emails[type eq "home"].value', value: 'ada@house.test' },
        { op: 'Add', path: 'emails', value: [{ type: 'other', value: 'ada@other.test' }] },
        { op: 'Remove', path: 'emails[type eq "other"]' },
        { op: 'Remove', path: 'nickName' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.emails).toEqual([
        { type: 'work', value: user.userName, primary: true },
        { type: 'home', value: 'ada@house.test' },
      ]);
      expect(after).not.toHaveProperty('nickName');
    });

    it('treats Add of nickName as replace', async () => {
      const user = await createEntraUser();

      const first = await patchUser(user.id, [{ op: 'Add', path: 'nickName', value: 'Babs' }]);
      const afterFirst = await readResource(scim, `/Users/${user.id}`);
      const second = await patchUser(user.id, [{ op: 'Add', path: 'nickName', value: 'Ada' }]);
      const afterSecond = await readResource(scim, `/Users/${user.id}`);

      expect(first.status).toBe(200);
      expect(afterFirst.nickName).toBe('Babs');
      expect(second.status).toBe(200);
      expect(afterSecond.nickName).toBe('Ada');
    });

    it('renames userName, found by the new name', async () => {
      const user = await createEntraUser();
      const newName = `${uniqueName('augusta')}@contoso.test`;

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'userName', value: newName },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.userName).toBe(newName);
      expect(await findIds(scim, 'Users', `userName eq "${newName}"`)).toEqual([user.id]);
      expect(await findIds(scim, 'Users', `userName eq "${user.userName}"`)).toEqual([]);
    });

    it('rejects a taken userName in any case', async () => {
      const other = await createEntraUser();
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'userName', value: other.userName.toUpperCase() },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(409);
      expect(response.body!.scimType).toBe('uniqueness');
      expect(after).toEqual(user);
    });

    it('renames userName to another case', async () => {
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'userName', value: user.userName.toUpperCase() },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.userName).toBe(user.userName.toUpperCase());
      expect(await findIds(scim, 'Users', `userName eq "${user.userName}"`)).toEqual([user.id]);
    });

    it('disables with "False" and re-enables with "True"', async () => {
      const user = await createEntraUser();

      const disabled = await patchUser(user.id, [
        { op: 'Replace', path: 'active', value: 'False' },
      ]);
      const afterDisable = await readResource(scim, `/Users/${user.id}`);
      const byName = await findIds(scim, 'Users', `userName eq "${user.userName}"`);
      const byActive = await findIds(
        scim,
        'Users',
        `userName eq "${user.userName}" and active eq false`,
      );
      const enabled = await patchUser(user.id, [{ op: 'Replace', path: 'active', value: 'True' }]);
      const afterEnable = await readResource(scim, `/Users/${user.id}`);

      expect(disabled.status).toBe(200);
      expect(afterDisable.active).toBe(false);
      expect(byName).toEqual([user.id]);
      expect(byActive).toEqual([user.id]);
      expect(enabled.status).toBe(200);
      expect(afterEnable.active).toBe(true);
    });

    it('disables with the string "false"', async () => {
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'active', value: 'false' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.active).toBe(false);
    });

    it('sets the manager from a bare id', async () => {
      const manager = await createEntraUser({ displayName: 'Grace Hopper' });
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after[ENTERPRISE]).toEqual({
        employeeNumber: '100',
        manager: {
          value: manager.id,
          $ref: `${SCIM_BASE}/Users/${manager.id}`,
          displayName: 'Grace Hopper',
        },
      });
    });

    it('sets the manager from a [{$ref, value}] array', async () => {
      const manager = await createEntraUser({ displayName: 'Grace Hopper' });
      const user = await createEntraUser();

      const response = await patchUser(user.id, [
        {
          op: 'Add',
          path: 'manager',
          value: [{ $ref: `${SCIM_BASE}/Users/${manager.id}`, value: manager.id }],
        },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after[ENTERPRISE]).toEqual({
        employeeNumber: '100',
        manager: {
          value: manager.id,
          $ref: `${SCIM_BASE}/Users/${manager.id}`,
          displayName: 'Grace Hopper',
        },
      });
    });

    it('replaces, then removes the manager', async () => {
      const first = await createEntraUser({ displayName: 'Grace Hopper' });
      const second = await createEntraUser({ displayName: 'Alan Turing' });
      const user = await createEntraUser({
        [ENTERPRISE]: { employeeNumber: '100', manager: first.id },
      });

      const replaced = await patchUser(user.id, [
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: second.id },
      ]);
      const afterReplace = await readResource(scim, `/Users/${user.id}`);
      const removed = await patchUser(user.id, [{ op: 'Remove', path: `${ENTERPRISE}:manager` }]);
      const afterRemove = await readResource(scim, `/Users/${user.id}`);

      expect(user[ENTERPRISE].manager.value).toBe(first.id);
      expect(replaced.status).toBe(200);
      expect(afterReplace[ENTERPRISE].manager).toEqual({
        value: second.id,
        $ref: `${SCIM_BASE}/Users/${second.id}`,
        displayName: 'Alan Turing',
      });
      expect(removed.status).toBe(200);
      expect(afterRemove[ENTERPRISE]).toEqual({ employeeNumber: '100' });
    });

    it('writes a custom extension attribute by URN', async () => {
      const user = await createEntraUser();

      const added = await patchUser(user.id, [{ op: 'Add', path: `${CUSTOM}:tag`, value: 'blue' }]);
      const afterAdd = await readResource(scim, `/Users/${user.id}`);
      const replaced = await patchUser(user.id, [
        { op: 'Replace', path: `${CUSTOM}:tag`, value: 'green' },
      ]);
      const afterReplace = await readResource(scim, `/Users/${user.id}`);
      const removed = await patchUser(user.id, [{ op: 'Remove', path: `${CUSTOM}:tag` }]);
      const afterRemove = await readResource(scim, `/Users/${user.id}`);

      expect(added.status).toBe(200);
      expect(afterAdd[CUSTOM]).toEqual({ tag: 'blue' });
      expect(afterAdd.schemas).toEqual([USER_SCHEMA, ENTERPRISE, CUSTOM]);
      expect(replaced.status).toBe(200);
      expect(afterReplace[CUSTOM]).toEqual({ tag: 'green' });
      expect(removed.status).toBe(200);
      expect(afterRemove).not.toHaveProperty([CUSTOM]);
      expect(afterRemove.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
    });
  });

  describe('in the aadOptscim062020 form', () => {
    it('applies dotted and URN keys of a no-path replace', async () => {
      const user = await createEntraUser();

      const response = await patchUser(
        user.id,
        [
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'ada.king@contoso.test' },
          {
            op: 'replace',
            value: {
              displayName: 'Ada King',
              'name.givenName': 'Augusta',
              'name.familyName': 'King',
              externalId: 'ada.king',
              [`${ENTERPRISE}:employeeNumber`]: '200',
              [`${ENTERPRISE}:department`]: 'Analytical Engines',
            },
          },
        ],
        FLAG,
      );

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(withoutMeta(after)).toEqual({
        ...withoutMeta(user),
        displayName: 'Ada King',
        emails: [{ type: 'work', value: 'ada.king@contoso.test', primary: true }],
        name: { givenName: 'Augusta', familyName: 'King' },
        externalId: 'ada.king',
        [ENTERPRISE]: { employeeNumber: '200', department: 'Analytical Engines' },
      });
    });

    it('renames userName with a no-path replace', async () => {
      const user = await createEntraUser();
      const newName = `${uniqueName('augusta')}@contoso.test`;

      const response = await patchUser(
        user.id,
        [{ op: 'replace', value: { userName: newName } }],
        FLAG,
      );

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.userName).toBe(newName);
      expect(await findIds(scim, 'Users', `userName eq "${newName}"`)).toEqual([user.id]);
      expect(await findIds(scim, 'Users', `userName eq "${user.userName}"`)).toEqual([]);
    });

    it('disables with false and re-enables with true', async () => {
      const user = await createEntraUser();

      const disabled = await patchUser(
        user.id,
        [{ op: 'replace', path: 'active', value: false }],
        FLAG,
      );
      const afterDisable = await readResource(scim, `/Users/${user.id}`);
      const byName = await findIds(scim, 'Users', `userName eq "${user.userName}"`);
      const enabled = await patchUser(
        user.id,
        [{ op: 'replace', path: 'active', value: true }],
        FLAG,
      );
      const afterEnable = await readResource(scim, `/Users/${user.id}`);

      expect(disabled.status).toBe(200);
      expect(afterDisable.active).toBe(false);
      expect(byName).toEqual([user.id]);
      expect(enabled.status).toBe(200);
      expect(afterEnable.active).toBe(true);
    });

    it('sets nickName with add', async () => {
      const user = await createEntraUser();

      const response = await patchUser(
        user.id,
        [{ op: 'add', path: 'nickName', value: 'Babs' }],
        FLAG,
      );

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.nickName).toBe('Babs');
    });

    it('writes the manager sent as {"value": id}', async () => {
      const first = await createEntraUser({ displayName: 'Grace Hopper' });
      const second = await createEntraUser({ displayName: 'Alan Turing' });
      const user = await createEntraUser();
      const path = `${ENTERPRISE}:manager`;

      const added = await patchUser(
        user.id,
        [{ op: 'add', path, value: { value: first.id } }],
        FLAG,
      );
      const afterAdd = await readResource(scim, `/Users/${user.id}`);
      const replaced = await patchUser(
        user.id,
        [{ op: 'replace', path, value: { value: second.id } }],
        FLAG,
      );
      const afterReplace = await readResource(scim, `/Users/${user.id}`);
      const removed = await patchUser(user.id, [{ op: 'remove', path }], FLAG);
      const afterRemove = await readResource(scim, `/Users/${user.id}`);

      expect(added.status).toBe(200);
      expect(afterAdd[ENTERPRISE].manager).toEqual({
        value: first.id,
        $ref: `${SCIM_BASE}/Users/${first.id}`,
        displayName: 'Grace Hopper',
      });
      expect(replaced.status).toBe(200);
      expect(afterReplace[ENTERPRISE].manager).toEqual({
        value: second.id,
        $ref: `${SCIM_BASE}/Users/${second.id}`,
        displayName: 'Alan Turing',
      });
      expect(removed.status).toBe(200);
      expect(afterRemove[ENTERPRISE]).toEqual({ employeeNumber: '100' });
    });
  });

  describe('responses', () => {
    it('returns only the attributes requested', async () => {
      const user = await createEntraUser();

      const response = await patchUser(
        user.id,
        [{ op: 'Replace', path: 'displayName', value: 'Ada King' }],
        '?attributes=displayName',
      );

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        schemas: [USER_SCHEMA, ENTERPRISE],
        id: user.id,
        displayName: 'Ada King',
      });
      expect(after.displayName).toBe('Ada King');
    });

    it('includes the groups of a member', async () => {
      const user = await createEntraUser();
      const group = await createGroup(scim);
      await scim.patch(`/Groups/${group.id}`, [
        { op: 'Add', path: 'members', value: [{ value: user.id }] },
      ]);

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'title', value: 'Analyst' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(after);
      expect(after.groups).toEqual([
        {
          value: group.id,
          $ref: `${SCIM_BASE}/Groups/${group.id}`,
          display: group.displayName,
          type: 'direct',
        },
      ]);
    });
  });

  describe('versions', () => {
    it('changes meta on a real change', async () => {
      const created = hoursFromNow(1);
      const patched = hoursFromNow(2);
      server.setNow(created);
      const user = await createEntraUser();
      server.setNow(patched);

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'displayName', value: 'Ada King' },
      ]);

      const after = await scim.get(`/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(user.meta.version).toBe('W/"1"');
      expect(user.meta.lastModified).toBe(created.toISOString());
      expect(after.body!.meta).toEqual({
        ...user.meta,
        version: 'W/"2"',
        lastModified: patched.toISOString(),
      });
      expect(after.headers.get('etag')).toBe('W/"2"');
      expect(response.headers.get('etag')).toBe('W/"2"');
    });

    it('keeps meta on a PATCH without change', async () => {
      server.setNow(hoursFromNow(1));
      const user = await createEntraUser();
      server.setNow(hoursFromNow(2));

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'displayName', value: user.displayName },
        { op: 'Replace', path: 'active', value: 'True' },
        { op: 'Add', path: 'emails', value: [{ type: 'work', value: user.userName }] },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: user.userName },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '100' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after).toEqual(user);
    });

    it('rejects a stale If-Match with 412', async () => {
      const user = await createEntraUser();
      await patchUser(user.id, [{ op: 'Replace', path: 'displayName', value: 'Ada King' }]);
      const before = await readResource(scim, `/Users/${user.id}`);

      const response = await scim.patch(
        `/Users/${user.id}`,
        [{ op: 'Replace', path: 'displayName', value: 'Stale Writer' }],
        { 'if-match': 'W/"1"' },
      );

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(412);
      expect(response.body!.status).toBe('412');
      expect(before.meta.version).toBe('W/"2"');
      expect(after).toEqual(before);
    });

    it('accepts the current If-Match', async () => {
      const user = await createEntraUser();

      const response = await scim.patch(
        `/Users/${user.id}`,
        [{ op: 'Replace', path: 'displayName', value: 'Ada King' }],
        { 'if-match': user.meta.version },
      );

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(200);
      expect(after.displayName).toBe('Ada King');
      expect(after.meta.version).toBe('W/"2"');
    });
  });

  describe('errors', () => {
    it('keeps the user when Operations[2] has a bad path', async () => {
      const user = await createEntraUser();
      const before = await readResource(scim, `/Users/${user.id}`);

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'displayName', value: 'Ada King' },
        { op: 'Add', path: 'nickName', value: 'Babs' },
        { op: 'Replace', path: 'favoriteColor', value: 'green' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(400);
      expect(response.body!.scimType).toBe('invalidPath');
      expect(response.body!.detail).toMatch(/^Operations\[2\]: /);
      expect(after).toEqual(before);
    });

    it('keeps the user when Operations[2] has a bad value', async () => {
      const user = await createEntraUser();
      const before = await readResource(scim, `/Users/${user.id}`);

      const response = await patchUser(user.id, [
        { op: 'Replace', path: 'userName', value: `${uniqueName('renamed')}@contoso.test` },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'other@contoso.test' },
        { op: 'Replace', path: 'active', value: 'maybe' },
      ]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(400);
      expect(response.body!.scimType).toBe('invalidValue');
      expect(response.body!.detail).toMatch(/^Operations\[2\]: /);
      expect(after).toEqual(before);
    });

    it.each(['id', 'meta.lastModified', 'groups', `${ENTERPRISE}:manager.displayName`])(
      'rejects the readOnly path %s with mutability',
      async (path) => {
        const user = await createEntraUser();

        const response = await patchUser(user.id, [{ op: 'Replace', path, value: 'x' }]);

        const after = await readResource(scim, `/Users/${user.id}`);
        expect(response.status).toBe(400);
        expect(response.body!.scimType).toBe('mutability');
        expect(after).toEqual(user);
      },
    );

    it.each(['favoriteColor', 'name.nickName', 'emails[type eq "work"].label'])(
      'rejects the unknown path %s with invalidPath',
      async (path) => {
        const user = await createEntraUser();

        const response = await patchUser(user.id, [{ op: 'Replace', path, value: 'x' }]);

        const after = await readResource(scim, `/Users/${user.id}`);
        expect(response.status).toBe(400);
        expect(response.body!.scimType).toBe('invalidPath');
        expect(after).toEqual(user);
      },
    );

    it('rejects a remove matching nothing with noTarget', async () => {
      const user = await createEntraUser();

      const response = await patchUser(user.id, [{ op: 'Remove', path: 'emails[type eq "home"]' }]);

      const after = await readResource(scim, `/Users/${user.id}`);
      expect(response.status).toBe(400);
      expect(response.body!.scimType).toBe('noTarget');
      expect(after).toEqual(user);
    });
  });
});
