import {
  ENTERPRISE_SCHEMA,
  errorBody,
  GROUP_SCHEMA,
  LIST_SCHEMA,
  ScimClient,
  SCIM_CONTENT_TYPE,
  USER_SCHEMA,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

const BASE = 'https://roster.test/scim/v2';
const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

const TYPES = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'reference',
  'binary',
  'complex',
];
const MUTABILITY = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED = ['always', 'never', 'default', 'request'];
const UNIQUENESS = ['none', 'server', 'global'];

/** Lists the path of every null in a JSON value, such as `Resources[0].attributes[3].type`. */
function nullPaths(value: unknown, path = ''): string[] {
  if (value === null) {
    return [path];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => nullPaths(item, `${path}[${index}]`));
  }
  if (typeof value === 'object') {
    return Object.entries(value as object).flatMap(([key, item]) =>
      nullPaths(item, path ? `${path}.${key}` : key),
    );
  }

  return [];
}

/** Lists every attribute definition of a schema, sub-attributes included, with its path. */
function allAttributes(attributes: any[], prefix = ''): { path: string; attribute: any }[] {
  return attributes.flatMap((attribute) => [
    { path: `${prefix}${attribute.name}`, attribute },
    ...allAttributes(attribute.subAttributes ?? [], `${prefix}${attribute.name}.`),
  ]);
}

function find(attributes: any[], path: string): any {
  return allAttributes(attributes).find((entry) => entry.path === path)?.attribute;
}

describe('SCIM discovery (RFC 7644 §4, RFC 7643 §5 to §7)', () => {
  let server: TestServer;
  let client: ScimClient;

  beforeAll(async () => {
    server = await startTestServer();
    client = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  describe('GET /ServiceProviderConfig', () => {
    it('describes what Roster supports', async () => {
      const response = await client.get('/ServiceProviderConfig');

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual({
        schemas: [SPC_SCHEMA],
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description: 'Authentication with a SCIM token created in Roster (RFC 6750).',
            specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
            primary: true,
          },
        ],
        meta: { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` },
      });
    });
  });

  describe('GET /ResourceTypes', () => {
    const userType = {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/User` },
    };
    const groupType = {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/Group` },
    };

    it('lists User and Group in a ListResponse', async () => {
      const response = await client.get('/ResourceTypes');

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual({
        schemas: [LIST_SCHEMA],
        totalResults: 2,
        startIndex: 1,
        itemsPerPage: 2,
        Resources: [userType, groupType],
      });
    });

    it('returns one resource type by name, ignoring case', async () => {
      const user = await client.get('/ResourceTypes/User');
      const group = await client.get('/ResourceTypes/group');

      expect(user.status).toBe(200);
      expect(user.body).toEqual(userType);
      expect(group.body).toEqual(groupType);
    });

    it('answers 404 for an unknown resource type', async () => {
      const response = await client.get('/ResourceTypes/Device');

      expect(response.status).toBe(404);
      expect(response.body).toEqual(
        errorBody(404, undefined, "resource type 'Device' not found; Roster has User and Group"),
      );
    });
  });

  describe('GET /Schemas', () => {
    it('lists the three schemas in a ListResponse', async () => {
      const response = await client.get('/Schemas');

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body.schemas).toEqual([LIST_SCHEMA]);
      expect(response.body.totalResults).toBe(3);
      expect(response.body.itemsPerPage).toBe(3);
      expect(response.body.startIndex).toBe(1);
      expect(response.body.Resources.map((schema: any) => schema.id)).toEqual([
        USER_SCHEMA,
        ENTERPRISE_SCHEMA,
        GROUP_SCHEMA,
      ]);
    });

    it('contains no null anywhere', async () => {
      const response = await client.get('/Schemas');

      expect(nullPaths(response.body)).toEqual([]);
    });

    it('gives every attribute all characteristics, in camelCase', async () => {
      const response = await client.get('/Schemas');
      const problems: string[] = [];

      for (const schema of response.body.Resources) {
        for (const { path, attribute } of allAttributes(schema.attributes)) {
          const where = `${schema.id}:${path}`;
          if (typeof attribute.description !== 'string') problems.push(`${where} description`);
          if (typeof attribute.multiValued !== 'boolean') problems.push(`${where} multiValued`);
          if (typeof attribute.required !== 'boolean') problems.push(`${where} required`);
          if (typeof attribute.caseExact !== 'boolean') problems.push(`${where} caseExact`);
          if (!TYPES.includes(attribute.type)) problems.push(`${where} type ${attribute.type}`);
          if (!MUTABILITY.includes(attribute.mutability)) problems.push(`${where} mutability`);
          if (!RETURNED.includes(attribute.returned)) problems.push(`${where} returned`);
          if (!UNIQUENESS.includes(attribute.uniqueness)) problems.push(`${where} uniqueness`);
          if (attribute.type === 'reference' && !attribute.referenceTypes?.length) {
            problems.push(`${where} referenceTypes`);
          }
          if (attribute.type === 'complex' && !attribute.subAttributes?.length) {
            problems.push(`${where} subAttributes`);
          }
        }
      }

      expect(problems).toEqual([]);
    });

    it('describes userName, password and members as Roster treats them', async () => {
      const response = await client.get('/Schemas');
      const [user, enterprise, group] = response.body.Resources;

      expect(find(user.attributes, 'userName')).toMatchObject({
        type: 'string',
        required: true,
        caseExact: false,
        uniqueness: 'server',
      });
      expect(find(user.attributes, 'password')).toMatchObject({
        mutability: 'writeOnly',
        returned: 'never',
      });
      expect(find(user.attributes, 'groups')).toMatchObject({
        multiValued: true,
        mutability: 'readOnly',
      });
      expect(find(enterprise.attributes, 'manager.value')).toMatchObject({
        type: 'string',
        caseExact: true,
      });
      expect(find(group.attributes, 'displayName')).toMatchObject({
        required: true,
        uniqueness: 'server',
      });
      expect(find(group.attributes, 'members.value')).toMatchObject({
        caseExact: true,
        mutability: 'immutable',
      });
    });

    it('returns one schema by URN, ignoring case', async () => {
      const response = await client.get(`/Schemas/${ENTERPRISE_SCHEMA.toLowerCase()}`);

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toMatchObject({
        schemas: [SCHEMA_SCHEMA],
        id: ENTERPRISE_SCHEMA,
        name: 'EnterpriseUser',
        description: 'Enterprise User',
        meta: { resourceType: 'Schema', location: `${BASE}/Schemas/${ENTERPRISE_SCHEMA}` },
      });
      expect(response.body.attributes.map((attribute: any) => attribute.name)).toEqual([
        'employeeNumber',
        'costCenter',
        'organization',
        'division',
        'department',
        'manager',
      ]);
    });

    it('returns the same schema by URN as in the list', async () => {
      const list = await client.get('/Schemas');
      const user = await client.get(`/Schemas/${USER_SCHEMA}`);

      expect(user.body).toEqual(list.body.Resources[0]);
    });

    it('answers 404 for an unknown schema', async () => {
      const urn = 'urn:ietf:params:scim:schemas:extension:Nothing:2.0:User';

      const response = await client.get(`/Schemas/${urn}`);

      expect(response.status).toBe(404);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(404, undefined, `schema '${urn}' not found; GET /Schemas lists them`),
      );
    });
  });

  describe('unsupported endpoints', () => {
    it('answers GET /Me with 501', async () => {
      const response = await client.get('/Me');

      expect(response.status).toBe(501);
      expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual(
        errorBody(
          501,
          undefined,
          '/Me is not supported by Roster; ServiceProviderConfig lists what is',
        ),
      );
    });

    it('answers POST /Bulk with 501', async () => {
      const response = await client.post('/Bulk', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [],
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

    it('answers an unknown endpoint with 404', async () => {
      const response = await client.get('/Devices');

      expect(response.status).toBe(404);
      expect(response.body).toEqual(
        errorBody(404, undefined, 'no such SCIM endpoint; see /scim/v2/ResourceTypes'),
      );
    });
  });
});
