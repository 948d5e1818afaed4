import {
  ENTERPRISE_SCHEMA,
  errorBody,
  GROUP_SCHEMA,
  SEARCH_SCHEMA,
  USER_SCHEMA,
  withQuery,
} from '../helpers/scim-client';
import { createTwoTenants, SHARED_EXTERNAL_ID, snapshotOf, type Tenant } from '../helpers/tenants';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const MANAGER_VALUE = `${ENTERPRISE_SCHEMA}:manager.value`;

let server: TestServer;
let tenants: [Tenant, Tenant];

beforeAll(async () => {
  server = await startTestServer();
  tenants = await createTwoTenants(server);
});

afterAll(async () => {
  await server.close();
});

/** Every id a tenant owns, which the other tenant must never see. */
function idsOf(tenant: Tenant): string[] {
  return [
    tenant.admin.userId,
    tenant.manager.id,
    tenant.user.id,
    tenant.group.id,
    tenant.parentGroup.id,
  ];
}

describe.each([
  ['first', 'second'],
  ['second', 'first'],
])('SCIM token of the %s organization against the %s', (selfLabel) => {
  let self: Tenant;
  let other: Tenant;
  let before: Record<string, unknown>;

  beforeAll(async () => {
    [self, other] = selfLabel === 'first' ? tenants : [tenants[1], tenants[0]];
    before = await snapshotOf(other);
  });

  afterAll(async () => {
    // Nothing below may have changed the other organization's resources.
    expect(await snapshotOf(other)).toEqual(before);
  });

  describe.each([
    ['Users', 'user', 'User'],
    ['Users', 'manager', 'User'],
    ['Groups', 'group', 'Group'],
    ['Groups', 'parentGroup', 'Group'],
  ] as const)('/%s/{id} of its %s', (endpoint, resource, type) => {
    const path = () => `/${endpoint}/${(other as any)[resource].id}`;
    const notFound = () =>
      errorBody(404, undefined, `${type} '${(other as any)[resource].id}' not found`);

    it('GET answers 404', async () => {
      const response = await self.scim.get(path());

      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFound());
    });

    it('PUT answers 404', async () => {
      const body =
        type === 'User'
          ? { schemas: [USER_SCHEMA], userName: 'taken-over@example.com' }
          : { schemas: [GROUP_SCHEMA], displayName: 'Taken over' };

      const response = await self.scim.put(path(), body);

      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFound());
    });

    it('PATCH answers 404', async () => {
      const response = await self.scim.request('PATCH', path(), {
        body: {
          schemas: [PATCH_SCHEMA],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Taken over' }],
        },
      });

      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFound());
    });

    it('DELETE answers 404', async () => {
      const response = await self.scim.delete(path());

      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFound());
    });
  });

  describe('filters', () => {
    const userFilters = (): [string, string[]][] => [
      [`id eq "${other.user.id}"`, []],
      [`userName eq "${other.user.userName}"`, []],
      [`externalId eq "${SHARED_EXTERNAL_ID}"`, [self.user.id]],
      [`${MANAGER_VALUE} eq "${other.manager.id}"`, []],
      [`${MANAGER_VALUE} eq "${self.manager.id}"`, [self.user.id]],
      [`groups.value eq "${other.group.id}"`, []],
      [`groups.value eq "${other.parentGroup.id}"`, []],
      [`groups.value eq "${self.group.id}"`, [self.user.id]],
    ];
    const groupFilters = (): [string, string[]][] => [
      [`id eq "${other.group.id}"`, []],
      [`displayName eq "${other.group.displayName}"`, []],
      [`externalId eq "${SHARED_EXTERNAL_ID}"`, [self.group.id]],
      [`members.value eq "${other.user.id}"`, []],
      [`members.value eq "${other.group.id}"`, []],
      [`members.value eq "${self.group.id}"`, [self.parentGroup.id]],
    ];

    it('find only its own users with GET /Users', async () => {
      for (const [filter, expected] of userFilters()) {
        expect([filter, await self.scim.listIds('/Users', { filter })]).toEqual([filter, expected]);
      }
    });

    it('find only its own groups with GET /Groups', async () => {
      for (const [filter, expected] of groupFilters()) {
        const ids = await self.scim.listIds('/Groups', { filter, excludedAttributes: 'members' });
        expect([filter, ids]).toEqual([filter, expected]);
      }
    });

    it.each(['/.search', '/Users/.search', '/Groups/.search'])(
      'find nothing of the other organization with POST %s',
      async (path) => {
        // The root search needs filters that both resource types understand.
        const bothTypes: [string, string[]][] = [
          [`id eq "${other.user.id}" or id eq "${other.group.id}"`, []],
          [`externalId eq "${SHARED_EXTERNAL_ID}"`, []],
        ];
        const filters = {
          '/.search': bothTypes,
          '/Users/.search': userFilters(),
          '/Groups/.search': groupFilters(),
        }[path]!;

        for (const [filter] of filters) {
          const response = await self.scim.post(path, { schemas: [SEARCH_SCHEMA], filter });
          const ids = (response.body.Resources ?? []).map((resource: any) => resource.id);

          expect([filter, response.status]).toEqual([filter, 200]);
          expect(ids.filter((id: string) => idsOf(other).includes(id))).toEqual([]);
        }
      },
    );

    it('list none of the other organization without a filter', async () => {
      const users = await self.scim.listIds('/Users');
      const groups = await self.scim.listIds('/Groups');
      const all = await self.scim.post('/.search', { schemas: [SEARCH_SCHEMA] });
      const everything = [
        ...users,
        ...groups,
        ...all.body.Resources.map((resource: any) => resource.id),
      ];

      expect(everything.filter((id) => idsOf(other).includes(id))).toEqual([]);
      expect(users).toEqual(expect.arrayContaining([self.user.id, self.manager.id]));
    });

    it('count none of the other organization in totalResults', async () => {
      const response = await self.scim.get(
        withQuery('/Users', { filter: `userName ew "${other.label}.test"`, count: 0 }),
      );

      expect(response.body.totalResults).toBe(0);
    });
  });

  describe('references to the other organization', () => {
    it('cannot add its user to a group', async () => {
      const response = await self.scim.request('PATCH', `/Groups/${self.group.id}`, {
        body: {
          schemas: [PATCH_SCHEMA],
          Operations: [{ op: 'add', path: 'members', value: [{ value: other.user.id }] }],
        },
      });

      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidValue');
      expect(response.body.detail).toContain(other.user.id);
    });

    it('cannot make its user a manager', async () => {
      const response = await self.scim.request('PATCH', `/Users/${self.user.id}`, {
        body: {
          schemas: [PATCH_SCHEMA],
          Operations: [{ op: 'replace', path: MANAGER_VALUE, value: other.manager.id }],
        },
      });
      const read = await self.scim.get(`/Users/${self.user.id}`);

      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidValue');
      expect(read.body[ENTERPRISE_SCHEMA].manager.value).toBe(self.manager.id);
    });
  });

  it('answers 501 for Bulk, which Roster does not support', async () => {
    const response = await self.scim.post('/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [{ method: 'DELETE', path: `/Users/${other.user.id}` }],
    });

    expect(response.status).toBe(501);
    expect(response.body).toEqual(
      errorBody(
        501,
        undefined,
        '/Bulk is not supported by Roster; ServiceProviderConfig lists what is',
      ),
    );
  });
});
