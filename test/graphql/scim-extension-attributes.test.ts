import { defaultAdminSession, memberSession, type AdminSession } from '../helpers/admin-session';
import { errorCode, graphql } from '../helpers/graphql-client';
import { AUDIT_EVENTS } from '../helpers/operations';
import { ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import {
  declareAttribute,
  extensionUrn,
  listAttributes,
  REMOVE_ATTRIBUTE,
  SCIM_DISCOVERY_SETTINGS,
  SCIM_EXTENSION_ATTRIBUTES,
  SET_DISCOVERY_LIMIT,
  UPDATE_ATTRIBUTE,
} from '../helpers/scim-extensions';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL payloads are checked per field. */

describe('SCIM extension attributes over GraphQL', () => {
  let server: TestServer;
  let admin: AdminSession;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await defaultAdminSession(server);
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  const asAdmin = () => ({ cookie: admin.cookie });

  function declare(input: Record<string, unknown>) {
    return graphql(
      server,
      `
        mutation Declare($input: DeclareScimExtensionAttributeInput!) {
          declareScimExtensionAttribute(input: $input) {
            id
            path
            type
          }
        }
      `,
      { input },
      asAdmin(),
    );
  }

  describe('declareScimExtensionAttribute', () => {
    it('declares an attribute and lists it', async () => {
      const urn = extensionUrn('Declared');
      const declared = await declareAttribute(server, asAdmin(), {
        schema: urn,
        name: 'costCode',
        type: 'INTEGER',
        description: 'Cost code of the team.',
        required: false,
        caseExact: true,
      });
      const listed = await listAttributes(server, asAdmin());

      expect(declared).toMatchObject({
        schema: urn,
        name: 'costCode',
        path: `${urn}:costCode`,
        type: 'INTEGER',
        description: 'Cost code of the team.',
        required: false,
        caseExact: true,
        discovered: false,
      });
      expect(listed.filter((item) => item.schema === urn)).toEqual([declared]);
    });

    it('keeps the first spelling of an extension URN', async () => {
      const urn = extensionUrn('Spelling');
      await declareAttribute(server, asAdmin(), { schema: urn, name: 'one', type: 'STRING' });

      const second = await declareAttribute(server, asAdmin(), {
        schema: urn.toLowerCase(),
        name: 'two',
        type: 'BOOLEAN',
      });

      expect(second.schema).toBe(urn);
      expect(second.path).toBe(`${urn}:two`);
    });

    it('rejects a name declared before, ignoring case', async () => {
      const urn = extensionUrn('Duplicate');
      await declareAttribute(server, asAdmin(), { schema: urn, name: 'badge', type: 'STRING' });

      const response = await declare({ schema: urn, name: 'BADGE', type: 'INTEGER' });

      expect(errorCode(response)).toBe('CONFLICT');
      expect(response.errors![0].message).toBe(
        `attribute '${urn}:BADGE' is already declared; update it instead`,
      );
    });

    it.each([
      ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      ['urn:ietf:params:scim:schemas:extension:Acme:2.0:Group'],
      ['Acme'],
    ])('rejects the schema %s', async (schema) => {
      const response = await declare({ schema, name: 'badge', type: 'STRING' });

      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toBe(
        `schema '${schema}' is not a custom User extension URN; write ` +
          'urn:ietf:params:scim:schemas:extension:<Name>:2.0:User, where Name has letters, ' +
          "digits, '-' or '_' and is not 'enterprise'",
      );
    });

    it.each([
      ['starts with a digit', '1st'],
      ['has a space', 'cost code'],
      ['has a dot', 'a.b'],
      ['is too long', 'x'.repeat(129)],
    ])('rejects an attribute name that %s', async (_case, name) => {
      const response = await declare({ schema: extensionUrn('Names'), name, type: 'STRING' });

      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toBe(
        `attribute name '${name}' is invalid; it starts with a letter, has only letters, ` +
          "digits, '-' and '_', and at most 128 characters",
      );
    });

    it('rejects a description over 1024 characters', async () => {
      const response = await declare({
        schema: extensionUrn('Long'),
        name: 'note',
        type: 'STRING',
        description: 'd'.repeat(1025),
      });

      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toBe(
        'description has 1025 characters; at most 1024 are allowed',
      );
    });

    it('rejects a member of the organization', async () => {
      const cookie = await memberSession(server, admin.organizationId);

      const response = await graphql(
        server,
        `mutation { declareScimExtensionAttribute(
          input: { schema: "${extensionUrn('Member')}", name: "x", type: STRING }) { id } }`,
        {},
        { cookie },
      );
      const listed = await graphql(server, SCIM_EXTENSION_ATTRIBUTES, {}, { cookie });

      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(errorCode(listed)).toBe('FORBIDDEN');
    });

    it('converts values stored before the declaration', async () => {
      const urn = extensionUrn('Legacy');
      const user = await scim.createUser({ userName: 'legacy@example.com', [urn]: { level: 7 } });
      const discovered = (await listAttributes(server, asAdmin())).find(
        (item) => item.path === `${urn}:level`,
      );
      await graphql(server, REMOVE_ATTRIBUTE, { id: discovered.id }, asAdmin());
      await server.orm.em
        .fork()
        .execute(
          `update users set extensions = cast(? as jsonb) where organization_id = ? and id = ?`,
          [JSON.stringify({ [urn.toLowerCase()]: { LEVEL: '8' } }), admin.organizationId, user.id],
        );

      await declareAttribute(server, asAdmin(), { schema: urn, name: 'level', type: 'INTEGER' });
      const read = await scim.get(`/Users/${user.id}`);

      expect(read.body[urn]).toEqual({ level: 8 });
      expect(read.body[urn.toLowerCase()]).toBeUndefined();
    });
  });

  describe('updateScimExtensionAttribute', () => {
    it('changes the description, required and caseExact', async () => {
      const declared = await declareAttribute(server, asAdmin(), {
        schema: extensionUrn('Updated'),
        name: 'code',
        type: 'STRING',
      });

      const response = await graphql(
        server,
        UPDATE_ATTRIBUTE,
        { id: declared.id, input: { description: 'A code.', required: true, caseExact: true } },
        asAdmin(),
      );

      expect(response.errors).toBeUndefined();
      expect(response.data!.updateScimExtensionAttribute).toMatchObject({
        id: declared.id,
        type: 'STRING',
        description: 'A code.',
        required: true,
        caseExact: true,
      });

      // A required attribute fails every later POST in this file that lacks it.
      const restored = await graphql(
        server,
        UPDATE_ATTRIBUTE,
        { id: declared.id, input: { required: false } },
        asAdmin(),
      );
      expect(restored.data!.updateScimExtensionAttribute.required).toBe(false);
    });

    it('sets the type of a discovered attribute and converts its values', async () => {
      const urn = extensionUrn('Typed');
      const user = await scim.createUser({ userName: 'typed@example.com', [urn]: { level: 5 } });
      const discovered = (await listAttributes(server, asAdmin())).find(
        (item) => item.path === `${urn}:level`,
      );
      const before = await scim.get(`/Users/${user.id}`);

      const response = await graphql(
        server,
        UPDATE_ATTRIBUTE,
        { id: discovered.id, input: { type: 'INTEGER' } },
        asAdmin(),
      );
      const after = await scim.get(`/Users/${user.id}`);

      expect(discovered).toMatchObject({ type: 'STRING', discovered: true });
      expect(before.body[urn]).toEqual({ level: '5' });
      expect(response.data!.updateScimExtensionAttribute).toMatchObject({
        type: 'INTEGER',
        discovered: true,
      });
      expect(after.body[urn]).toEqual({ level: 5 });
      expect(after.body.meta.version).toBe('W/"2"');
    });

    it('rejects a type that a stored value does not convert to', async () => {
      const urn = extensionUrn('Mixed');
      await scim.createUser({ userName: 'mixed-1@example.com', [urn]: { size: '12' } });
      const bad = await scim.createUser({ userName: 'mixed-2@example.com', [urn]: { size: 'XL' } });
      const discovered = (await listAttributes(server, asAdmin())).find(
        (item) => item.path === `${urn}:size`,
      );

      const response = await graphql(
        server,
        UPDATE_ATTRIBUTE,
        { id: discovered.id, input: { type: 'INTEGER' } },
        asAdmin(),
      );
      const listed = (await listAttributes(server, asAdmin())).find(
        (item) => item.id === discovered.id,
      );

      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toBe(
        `'${urn}:size' cannot be of type integer: user ${bad.id} has the value "XL", which ` +
          'does not convert; change or remove that value first',
      );
      expect(response.errors![0].extensions?.field).toBe('type');
      expect(listed.type).toBe('STRING');
    });

    it('reports an unknown id as NOT_FOUND', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const response = await graphql(
        server,
        UPDATE_ATTRIBUTE,
        { id, input: { description: 'x' } },
        asAdmin(),
      );

      expect(errorCode(response)).toBe('NOT_FOUND');
      expect(response.errors![0].message).toBe(`SCIM extension attribute '${id}' not found`);
    });
  });

  describe('removeScimExtensionAttribute', () => {
    it('removes the attribute and its values', async () => {
      const urn = extensionUrn('Removed');
      const declared = await declareAttribute(server, asAdmin(), {
        schema: urn,
        name: 'tag',
        type: 'STRING',
      });
      const user = await scim.createUser({
        schemas: [USER_SCHEMA, urn],
        userName: 'removed@example.com',
        [urn]: { tag: 'blue' },
      });

      const response = await graphql(server, REMOVE_ATTRIBUTE, { id: declared.id }, asAdmin());
      const read = await scim.get(`/Users/${user.id}`);
      const listed = await listAttributes(server, asAdmin());

      expect(response.data!.removeScimExtensionAttribute.path).toBe(`${urn}:tag`);
      expect(read.body[urn]).toBeUndefined();
      expect(read.body.schemas).toEqual([USER_SCHEMA]);
      expect(listed.some((item) => item.id === declared.id)).toBe(false);
    });
  });

  describe('audit trail', () => {
    it('records declare, update and remove', async () => {
      const urn = extensionUrn('Audited');
      const declared = await declareAttribute(server, asAdmin(), {
        schema: urn,
        name: 'code',
        type: 'STRING',
      });
      await graphql(
        server,
        UPDATE_ATTRIBUTE,
        { id: declared.id, input: { type: 'INTEGER' } },
        asAdmin(),
      );
      await graphql(server, REMOVE_ATTRIBUTE, { id: declared.id }, asAdmin());

      const response = await graphql(
        server,
        AUDIT_EVENTS,
        {
          filter: {
            actions: [
              'SCIM_ATTRIBUTE_DECLARED',
              'SCIM_ATTRIBUTE_UPDATED',
              'SCIM_ATTRIBUTE_REMOVED',
            ],
          },
          first: 100,
        },
        asAdmin(),
      );
      const events = response
        .data!.auditEvents.edges.map((edge: any) => edge.node)
        .filter((event: any) => event.targetId === declared.id);

      const updated = events.find((event: any) => event.action === 'SCIM_ATTRIBUTE_UPDATED');

      expect(events.map((event: any) => event.action).sort()).toEqual([
        'SCIM_ATTRIBUTE_DECLARED',
        'SCIM_ATTRIBUTE_REMOVED',
        'SCIM_ATTRIBUTE_UPDATED',
      ]);
      expect(updated.targetType).toBe('SCIM_ATTRIBUTE');
      expect(updated.detail).toEqual({
        path: `${urn}:code`,
        type: 'integer',
        required: false,
        caseExact: false,
      });
    });
  });

  describe('setScimDiscoveryLimit', () => {
    it('sets and restores the limit', async () => {
      const before = await graphql(server, SCIM_DISCOVERY_SETTINGS, {}, asAdmin());
      const set = await graphql(server, SET_DISCOVERY_LIMIT, { limit: 3 }, asAdmin());
      const reset = await graphql(server, SET_DISCOVERY_LIMIT, { limit: null }, asAdmin());

      expect(before.data!.scimDiscoverySettings).toMatchObject({
        discoveryLimit: 100,
        discoveryLimitOverride: null,
      });
      expect(set.data!.setScimDiscoveryLimit).toMatchObject({
        discoveryLimit: 3,
        discoveryLimitOverride: 3,
      });
      expect(reset.data!.setScimDiscoveryLimit).toMatchObject({
        discoveryLimit: 100,
        discoveryLimitOverride: null,
      });
    });

    it('counts discovered attributes', async () => {
      const before = await graphql(server, SCIM_DISCOVERY_SETTINGS, {}, asAdmin());
      await scim.createUser({
        userName: 'counted@example.com',
        [extensionUrn('Counted')]: { a: 'x', b: 'y' },
      });
      const after = await graphql(server, SCIM_DISCOVERY_SETTINGS, {}, asAdmin());

      expect(after.data!.scimDiscoverySettings.discoveredCount).toBe(
        before.data!.scimDiscoverySettings.discoveredCount + 2,
      );
    });

    it.each([[-1], [10_001]])('rejects the limit %d', async (limit) => {
      const response = await graphql(server, SET_DISCOVERY_LIMIT, { limit }, asAdmin());

      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toBe(
        `discovery limit ${limit} is invalid; use a whole number from 0 to 10000, or null for ` +
          'the default of 100',
      );
    });
  });
});
