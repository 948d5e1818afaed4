import { buildGraphQLSchema } from '../../src/graphql/schema';
import { CHANGE_PASSWORD, signIn, SIGN_IN } from '../helpers/admin-session';
import { graphql, type GraphQLResponse } from '../helpers/graphql-client';
import {
  AUDIT_EVENTS,
  CREATE_SAML,
  CREATE_TOKEN,
  DELETE_SAML,
  DISABLE_SAML,
  ENABLE_SAML,
  IMPORT_SAML_METADATA,
  REVOKE_TOKEN,
  SIGN_OUT,
  TOKEN,
  TOKENS,
  UPDATE_SAML,
  UPDATE_SETTINGS,
  VIEWER,
} from '../helpers/operations';
import { entraFederationMetadata, SIGNING_CERTIFICATE } from '../helpers/saml-fixtures';
import { completeIntegrationInput, TENANT_ID } from '../helpers/saml-setup';
import { createTwoTenants, snapshotOf, type Tenant } from '../helpers/tenants';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { SCIM_EXTENSION_CASES } from './scim-extension-cases';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked field by field. */

const USER_FIELDS = 'id userName enterprise { manager { id } } groups { id }';
const GROUP_FIELDS = 'id displayName members { id }';

const USER = `query User($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`;
const GROUP = `query Group($id: ID!) { group(id: $id) { ${GROUP_FIELDS} } }`;
const USERS = `query Users($filter: String) {
  users(filter: $filter) { totalResults resources { id } } }`;
const GROUPS = `query Groups($filter: String) {
  groups(filter: $filter) { totalResults resources { id } } }`;
const CREATE_USER = `mutation CreateUser($input: UserInput!) {
  createUser(input: $input) { id } }`;
const REPLACE_USER = `mutation ReplaceUser($id: ID!, $input: UserInput!) {
  replaceUser(id: $id, input: $input) { id } }`;
const PATCH_USER = `mutation PatchUser($id: ID!, $operations: [PatchOperationInput!]!) {
  patchUser(id: $id, operations: $operations) { id } }`;
const DELETE_USER = 'mutation DeleteUser($id: ID!) { deleteUser(id: $id) }';
const CREATE_GROUP = `mutation CreateGroup($input: GroupInput!) {
  createGroup(input: $input) { id } }`;
const REPLACE_GROUP = `mutation ReplaceGroup($id: ID!, $input: GroupInput!) {
  replaceGroup(id: $id, input: $input) { id } }`;
const PATCH_GROUP = `mutation PatchGroup($id: ID!, $operations: [PatchOperationInput!]!) {
  patchGroup(id: $id, operations: $operations) { id } }`;
const DELETE_GROUP = 'mutation DeleteGroup($id: ID!) { deleteGroup(id: $id) }';
const ADD_MEMBERS = `mutation Add($id: ID!, $memberIds: [ID!]!) {
  addGroupMembers(id: $id, memberIds: $memberIds) { id } }`;
const REMOVE_MEMBERS = `mutation Remove($id: ID!, $memberIds: [ID!]!) {
  removeGroupMembers(id: $id, memberIds: $memberIds) { id } }`;
const SAML_INTEGRATION = '{ samlIntegration { id } }';
const SCIM_SCHEMAS = '{ scimSchemas }';
const SCIM_RESOURCE_TYPES = '{ scimResourceTypes }';
const SERVER_INFO = '{ serverInfo { version } }';

/** Asserts that an operation failed with `code` and returned no data for its field. */
function expectRejected(response: GraphQLResponse, code: string): void {
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  expect(response.data ?? null).toBeNull();
}

/** Asserts that an operation failed with NOT_FOUND naming `id`. */
function expectNotFound(response: GraphQLResponse, id: string): void {
  expectRejected(response, 'NOT_FOUND');
  expect(response.errors?.[0].message).toContain(id);
}

/** Every id a tenant owns, which the other tenant must never see. */
function idsOf(tenant: Tenant): string[] {
  return [
    tenant.admin.organizationId,
    tenant.admin.userId,
    tenant.manager.id,
    tenant.user.id,
    tenant.group.id,
    tenant.parentGroup.id,
    tenant.apiTokenId,
    tenant.scimTokenId,
    tenant.samlIntegrationId,
    tenant.applicationId,
    tenant.applicationFieldId,
    tenant.applicationRecordId,
    tenant.scimExtensionAttributeId,
    tenant.scimResyncId,
    tenant.provisioningEventId,
  ];
}

/** Asserts that a response's text mentions none of `other`'s ids. */
function expectNoIdsOf(response: GraphQLResponse, other: Tenant): void {
  const text = JSON.stringify(response);
  expect(idsOf(other).filter((id) => text.includes(id))).toEqual([]);
}

type Case = (self: Tenant, other: Tenant, server: TestServer) => Promise<void>;

/** Builds a case that sends one operation with the caller's API token and expects NOT_FOUND. */
function notFoundWith(
  document: string,
  variables: (other: Tenant) => Record<string, unknown>,
  foreignId: (other: Tenant) => string,
): Case {
  return async (self, other, server) => {
    const response = await graphql(server, document, variables(other), { token: self.apiToken });

    expectNotFound(response, foreignId(other));
  };
}

/** Builds a case that reads the caller's own data and expects none of the other's ids. */
function ownDataOnly(
  document: string,
  variables: (other: Tenant) => Record<string, unknown> = () => ({}),
): Case {
  return async (self, other, server) => {
    const response = await graphql(server, document, variables(other), { token: self.apiToken });

    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
    expectNoIdsOf(response, other);
  };
}

const APPLICATION = 'query ($id: ID!) { application(id: $id) { id name } }';
const APPLICATION_FIELDS = '{ id name archived fields { id key name } }';
const RECORD_FIELDS = '{ id applicationId values }';
const EXTENSION_FIELDS = '{ id schema name description }';
const RESYNC = 'query ($id: ID!) { scimResync(id: $id) { id applicationId } }';
const SCIM_SETTINGS = '{ scimSettings { targetApplicationId latestResync { id } } }';
const DISCOVERY = '{ scimDiscoverySettings { discoveryLimit discoveryLimitOverride } }';
const SET_DISCOVERY_LIMIT = `mutation ($limit: Int) {
  setScimDiscoveryLimit(limit: $limit) { discoveryLimitOverride } }`;

/** Cases for applications, SCIM settings, extensions and the provisioning log. */
const DIRECTORY_CASES: Record<string, Case> = {
  application: notFoundWith(
    APPLICATION,
    (other) => ({ id: other.applicationId }),
    (other) => other.applicationId,
  ),
  applications: ownDataOnly(
    '{ applications(first: 100, includeArchived: true) { edges { node { id } } } }',
  ),
  applicationRecord: notFoundWith(
    `query ($id: ID!) { applicationRecord(id: $id) ${RECORD_FIELDS} }`,
    (other) => ({ id: other.applicationRecordId }),
    (other) => other.applicationRecordId,
  ),
  applicationRecords: notFoundWith(
    `query ($applicationId: ID!) {
      applicationRecords(applicationId: $applicationId, includeArchived: true) { edges { node { id } } } }`,
    (other) => ({ applicationId: other.applicationId }),
    (other) => other.applicationId,
  ),
  createApplication: async (self, other, server) => {
    const response = await graphql(
      server,
      `
        mutation ($input: CreateApplicationInput!) {
          createApplication(input: $input) {
            id
          }
        }
      `,
      { input: { name: `Directory ${other.label}` } },
      { token: self.apiToken },
    );
    const otherList = await graphql(
      server,
      '{ applications(first: 100) { edges { node { id } } } }',
      {},
      { token: other.apiToken },
    );
    const otherIds = otherList.data?.applications.edges.map((edge: any) => edge.node.id);

    expect(response.errors).toBeUndefined();
    expect(otherIds).not.toContain(response.data?.createApplication.id);
  },
  renameApplication: notFoundWith(
    `mutation ($id: ID!) { renameApplication(id: $id, name: "Taken over") ${APPLICATION_FIELDS} }`,
    (other) => ({ id: other.applicationId }),
    (other) => other.applicationId,
  ),
  archiveApplication: notFoundWith(
    `mutation ($id: ID!) { archiveApplication(id: $id) ${APPLICATION_FIELDS} }`,
    (other) => ({ id: other.applicationId }),
    (other) => other.applicationId,
  ),
  addApplicationField: notFoundWith(
    `mutation ($id: ID!, $field: FieldInputType!) {
      addApplicationField(applicationId: $id, field: $field) ${APPLICATION_FIELDS} }`,
    (other) => ({
      id: other.applicationId,
      field: { key: 'stolen', name: 'Stolen', type: 'TEXT' },
    }),
    (other) => other.applicationId,
  ),
  updateApplicationField: notFoundWith(
    `mutation ($id: ID!) { updateApplicationField(id: $id, input: { name: "Taken over" }) ${APPLICATION_FIELDS} }`,
    (other) => ({ id: other.applicationFieldId }),
    (other) => other.applicationFieldId,
  ),
  removeApplicationField: notFoundWith(
    `mutation ($id: ID!) { removeApplicationField(id: $id) ${APPLICATION_FIELDS} }`,
    (other) => ({ id: other.applicationFieldId }),
    (other) => other.applicationFieldId,
  ),
  createApplicationRecord: notFoundWith(
    `mutation ($id: ID!, $values: JSONObject!) {
      createApplicationRecord(applicationId: $id, values: $values) ${RECORD_FIELDS} }`,
    (other) => ({ id: other.applicationId, values: { user_name: 'planted' } }),
    (other) => other.applicationId,
  ),
  updateApplicationRecord: notFoundWith(
    `mutation ($id: ID!, $values: JSONObject!) { updateApplicationRecord(id: $id, values: $values) ${RECORD_FIELDS} }`,
    (other) => ({ id: other.applicationRecordId, values: { user_name: 'taken over' } }),
    (other) => other.applicationRecordId,
  ),
  deleteApplicationRecord: notFoundWith(
    'mutation ($id: ID!) { deleteApplicationRecord(id: $id) }',
    (other) => ({ id: other.applicationRecordId }),
    (other) => other.applicationRecordId,
  ),
  scimSettings: async (self, other, server) => {
    const response = await graphql(server, SCIM_SETTINGS, {}, { token: self.apiToken });

    expect(response.data?.scimSettings.targetApplicationId).toBe(self.applicationId);
    expectNoIdsOf(response, other);
  },
  updateScimSettings: async (self, other, server) => {
    const response = await graphql(
      server,
      `
        mutation ($input: ScimSettingsInput!) {
          updateScimSettings(input: $input) {
            targetApplicationId
          }
        }
      `,
      { input: { targetApplicationId: other.applicationId, mappings: [] } },
      { token: self.apiToken },
    );

    expect(response.errors).toHaveLength(1);
    expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(response.errors?.[0].extensions?.code);
    expect(response.data ?? null).toBeNull();
  },
  startScimResync: async (self, other, server) => {
    const response = await graphql(
      server,
      'mutation { startScimResync { id applicationId } }',
      {},
      { token: self.apiToken },
    );

    expect(response.data?.startScimResync.applicationId).toBe(self.applicationId);
    expectNoIdsOf(response, other);
  },
  scimResync: notFoundWith(
    RESYNC,
    (other) => ({ id: other.scimResyncId }),
    (other) => other.scimResyncId,
  ),
  scimExtensionAttributes: ownDataOnly(`{ scimExtensionAttributes ${EXTENSION_FIELDS} }`),
  declareScimExtensionAttribute: async (self, other, server) => {
    const response = await graphql(
      server,
      `mutation ($input: DeclareScimExtensionAttributeInput!) {
        declareScimExtensionAttribute(input: $input) ${EXTENSION_FIELDS} }`,
      {
        input: {
          schema: 'urn:ietf:params:scim:schemas:extension:Isolation:2.0:User',
          name: `declaredBy${self.label}`,
          type: 'STRING',
        },
      },
      { token: self.apiToken },
    );
    const otherList = await graphql(
      server,
      `{ scimExtensionAttributes ${EXTENSION_FIELDS} }`,
      {},
      { token: other.apiToken },
    );

    const otherIds = otherList.data?.scimExtensionAttributes.map((attribute: any) => attribute.id);

    expect(response.errors).toBeUndefined();
    expect(otherIds).toContain(other.scimExtensionAttributeId);
    expect(otherIds).not.toContain(response.data?.declareScimExtensionAttribute.id);
  },
  updateScimExtensionAttribute: notFoundWith(
    `mutation ($id: ID!) { updateScimExtensionAttribute(id: $id, input: { description: "Taken over" }) ${EXTENSION_FIELDS} }`,
    (other) => ({ id: other.scimExtensionAttributeId }),
    (other) => other.scimExtensionAttributeId,
  ),
  removeScimExtensionAttribute: notFoundWith(
    `mutation ($id: ID!) { removeScimExtensionAttribute(id: $id) ${EXTENSION_FIELDS} }`,
    (other) => ({ id: other.scimExtensionAttributeId }),
    (other) => other.scimExtensionAttributeId,
  ),
  scimDiscoverySettings: ownDataOnly(DISCOVERY),
  setScimDiscoveryLimit: async (self, other, server) => {
    const before = await graphql(server, DISCOVERY, {}, { token: other.apiToken });
    const response = await graphql(
      server,
      SET_DISCOVERY_LIMIT,
      { limit: 7 },
      { token: self.apiToken },
    );
    const after = await graphql(server, DISCOVERY, {}, { token: other.apiToken });
    await graphql(server, SET_DISCOVERY_LIMIT, { limit: null }, { token: self.apiToken });

    expect(response.data?.setScimDiscoveryLimit.discoveryLimitOverride).toBe(7);
    expect(after.data).toEqual(before.data);
  },
  setUserRole: notFoundWith(
    'mutation ($id: ID!) { setUserRole(id: $id, role: ADMIN) { id role } }',
    (other) => ({ id: other.user.id }),
    (other) => other.user.id,
  ),
  provisioningEvent: notFoundWith(
    'query ($id: ID!) { provisioningEvent(id: $id) { id resourceId } }',
    (other) => ({ id: other.provisioningEventId }),
    (other) => other.provisioningEventId,
  ),
  provisioningEvents: async (self, other, server) => {
    const document = `query ($filter: ProvisioningEventFilter) {
      provisioningEvents(first: 100, filter: $filter) { edges { node { id resourceId tokenId } } } }`;
    for (const filter of [{}, { resourceId: other.user.id }, { tokenId: other.scimTokenId }]) {
      const response = await graphql(server, document, { filter }, { token: self.apiToken });

      expect(response.errors).toBeUndefined();
      expectNoIdsOf(response, other);
    }
  },
  provisioningEventExport: async (self, other, server) => {
    const document = `query ($filter: ProvisioningEventFilter) {
      provisioningEventExport(filter: $filter, format: NDJSON) { url } }`;

    for (const filter of [{}, { resourceId: other.user.id }, { tokenId: other.scimTokenId }]) {
      const response = await graphql(server, document, { filter }, { token: self.apiToken });
      const url = new URL(response.data?.provisioningEventExport.url, server.url);
      const download = await fetch(`${server.url}${url.pathname}${url.search}`, {
        headers: { authorization: `Bearer ${self.apiToken}` },
      });
      const text = await download.text();

      expect(download.status).toBe(200);
      expect(idsOf(other).filter((id) => text.includes(id))).toEqual([]);
      if (Object.keys(filter).length === 0) {
        expect(text).toContain(self.user.id);
      }
    }
  },
  provisioningSummary: ownDataOnly(
    `query ($from: DateTimeISO!, $to: DateTimeISO!) {
      provisioningSummary(from: $from, to: $to) { start total created } }`,
    () => ({
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    }),
  ),
  ssoStatus: async (self, other, server) => {
    // A public lookup before sign-in: it returns whether SSO is on for a slug, nothing more.
    const response = await graphql(
      server,
      'query ($organization: String!) { ssoStatus(organization: $organization) { organization enabled loginUrl } }',
      { organization: other.admin.slug },
    );

    expect(Object.keys(response.data?.ssoStatus ?? {}).sort()).toEqual([
      'enabled',
      'loginUrl',
      'organization',
    ]);
    expectNoIdsOf(response, other);
  },
};

/**
 * One case per Query and Mutation field: each sends the other organization's ids with the
 * calling organization's API token and checks that nothing of the other organization is
 * returned or changed. A field without a case fails the coverage test below.
 */
const CASES: Record<string, Case> = {
  ...SCIM_EXTENSION_CASES,
  ...DIRECTORY_CASES,

  // Queries
  viewer: async (self, other, server) => {
    const response = await graphql(server, VIEWER, {}, { token: self.apiToken });

    expect(response.data?.viewer.organization.id).toBe(self.admin.organizationId);
    expectNoIdsOf(response, other);
  },
  user: async (self, other, server) => {
    for (const id of [other.user.id, other.manager.id, other.admin.userId]) {
      expectNotFound(await graphql(server, USER, { id }, { token: self.apiToken }), id);
    }
  },
  users: async (self, other, server) => {
    const filters = [
      `id eq "${other.user.id}"`,
      `userName eq "${other.user.userName}"`,
      `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "${other.manager.id}"`,
      `groups.value eq "${other.group.id}"`,
      'id pr',
    ];
    for (const filter of filters) {
      const response = await graphql(server, USERS, { filter }, { token: self.apiToken });

      expect(response.errors).toBeUndefined();
      expectNoIdsOf(response, other);
    }
  },
  group: async (self, other, server) => {
    for (const id of [other.group.id, other.parentGroup.id]) {
      expectNotFound(await graphql(server, GROUP, { id }, { token: self.apiToken }), id);
    }
  },
  groups: async (self, other, server) => {
    const filters = [
      `id eq "${other.group.id}"`,
      `members.value eq "${other.user.id}"`,
      `members.value eq "${other.group.id}"`,
      `displayName eq "${other.group.displayName}"`,
      'id pr',
    ];
    for (const filter of filters) {
      const response = await graphql(server, GROUPS, { filter }, { token: self.apiToken });

      expect(response.errors).toBeUndefined();
      expectNoIdsOf(response, other);
    }
  },
  token: async (self, other, server) => {
    for (const id of [other.apiTokenId, other.scimTokenId]) {
      expectNotFound(await graphql(server, TOKEN, { id }, { token: self.apiToken }), id);
    }
  },
  tokens: async (self, other, server) => {
    const response = await graphql(server, TOKENS, { first: 100 }, { token: self.apiToken });
    const ids = response.data?.tokens.edges.map((edge: any) => edge.node.id);

    expect(ids).toEqual(expect.arrayContaining([self.apiTokenId, self.scimTokenId]));
    expectNoIdsOf(response, other);
  },
  auditEvents: async (self, other, server) => {
    const response = await graphql(server, AUDIT_EVENTS, { first: 100 }, { token: self.apiToken });

    expect(response.data?.auditEvents.edges.length).toBeGreaterThan(0);
    expectNoIdsOf(response, other);
  },
  samlIntegration: async (self, other, server) => {
    const response = await graphql(server, SAML_INTEGRATION, {}, { token: self.apiToken });

    expect(response.data?.samlIntegration.id).toBe(self.samlIntegrationId);
    expectNoIdsOf(response, other);
  },
  scimSchemas: async (self, other, server) => {
    const response = await graphql(server, SCIM_SCHEMAS, {}, { token: self.apiToken });

    expect(response.data?.scimSchemas.length).toBeGreaterThan(0);
    expectNoIdsOf(response, other);
  },
  scimResourceTypes: async (self, other, server) => {
    const response = await graphql(server, SCIM_RESOURCE_TYPES, {}, { token: self.apiToken });

    expect(response.data?.scimResourceTypes.length).toBeGreaterThan(0);
    expectNoIdsOf(response, other);
  },
  serverInfo: async (self, other, server) => {
    const response = await graphql(server, SERVER_INFO, {}, { token: self.apiToken });

    expect(response.data?.serverInfo.version).toEqual(expect.any(String));
    expectNoIdsOf(response, other);
  },

  // Mutations
  signIn: async (self, other, server) => {
    const response = await graphql(server, SIGN_IN, {
      input: {
        organization: other.admin.slug,
        email: self.admin.email,
        password: self.admin.password,
      },
    });

    expectRejected(response, 'UNAUTHENTICATED');
    expect(response.setCookie).toBeNull();
  },
  signOut: async (self, other, server) => {
    const cookie = await signIn(server, self.admin.slug, self.admin.email, self.admin.password);

    const response = await graphql(server, SIGN_OUT, {}, { cookie });
    const otherStill = await graphql(server, VIEWER, {}, { cookie: other.admin.cookie });

    expect(response.data?.signOut).toBe(true);
    expect(otherStill.data?.viewer.id).toBe(other.admin.userId);
  },
  changePassword: async (self, other, server) => {
    const response = await graphql(
      server,
      CHANGE_PASSWORD,
      { input: { currentPassword: other.admin.password, newPassword: 'another-password-123' } },
      { cookie: self.admin.cookie },
    );
    const otherStill = await graphql(server, VIEWER, {}, { cookie: other.admin.cookie });

    expectRejected(response, 'BAD_USER_INPUT');
    expect(otherStill.data?.viewer.id).toBe(other.admin.userId);
  },
  createUser: async (self, other, server) => {
    const response = await graphql(
      server,
      CREATE_USER,
      {
        input: {
          userName: `report-of-${other.label}@${self.label}.test`,
          enterprise: { managerId: other.manager.id },
        },
      },
      { token: self.apiToken },
    );

    expectRejected(response, 'BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(other.manager.id);
  },
  replaceUser: async (self, other, server) => {
    const response = await graphql(
      server,
      REPLACE_USER,
      { id: other.user.id, input: { userName: 'taken-over@example.com' } },
      { token: self.apiToken },
    );

    expectNotFound(response, other.user.id);
  },
  patchUser: async (self, other, server) => {
    const response = await graphql(
      server,
      PATCH_USER,
      { id: other.user.id, operations: [{ op: 'replace', path: 'title', value: 'Taken over' }] },
      { token: self.apiToken },
    );

    expectNotFound(response, other.user.id);
  },
  deleteUser: async (self, other, server) => {
    const response = await graphql(
      server,
      DELETE_USER,
      { id: other.user.id },
      { token: self.apiToken },
    );

    expectNotFound(response, other.user.id);
  },
  createGroup: async (self, other, server) => {
    const response = await graphql(
      server,
      CREATE_GROUP,
      { input: { displayName: `Cross ${self.label}`, memberIds: [other.user.id] } },
      { token: self.apiToken },
    );

    expectRejected(response, 'BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain(other.user.id);
  },
  replaceGroup: async (self, other, server) => {
    const response = await graphql(
      server,
      REPLACE_GROUP,
      { id: other.group.id, input: { displayName: 'Taken over' } },
      { token: self.apiToken },
    );

    expectNotFound(response, other.group.id);
  },
  patchGroup: async (self, other, server) => {
    const response = await graphql(
      server,
      PATCH_GROUP,
      { id: other.group.id, operations: [{ op: 'remove', path: 'members' }] },
      { token: self.apiToken },
    );

    expectNotFound(response, other.group.id);
  },
  deleteGroup: async (self, other, server) => {
    const response = await graphql(
      server,
      DELETE_GROUP,
      { id: other.group.id },
      { token: self.apiToken },
    );

    expectNotFound(response, other.group.id);
  },
  addGroupMembers: async (self, other, server) => {
    const intoOther = await graphql(
      server,
      ADD_MEMBERS,
      { id: other.group.id, memberIds: [self.user.id] },
      { token: self.apiToken },
    );
    const fromOther = await graphql(
      server,
      ADD_MEMBERS,
      { id: self.group.id, memberIds: [other.user.id] },
      { token: self.apiToken },
    );

    expectNotFound(intoOther, other.group.id);
    expectRejected(fromOther, 'BAD_USER_INPUT');
    expect(fromOther.errors?.[0].message).toContain(other.user.id);
  },
  removeGroupMembers: async (self, other, server) => {
    const response = await graphql(
      server,
      REMOVE_MEMBERS,
      { id: other.group.id, memberIds: [other.user.id] },
      { token: self.apiToken },
    );

    expectNotFound(response, other.group.id);
  },
  updateOrganizationSettings: async (self, other, server) => {
    const changed = await graphql(
      server,
      UPDATE_SETTINGS,
      { input: { allowNeverExpiringTokens: true } },
      { token: self.apiToken },
    );
    const otherOrganization = await graphql(server, VIEWER, {}, { token: other.apiToken });
    await graphql(
      server,
      UPDATE_SETTINGS,
      { input: { allowNeverExpiringTokens: false } },
      { token: self.apiToken },
    );

    expect(changed.data?.updateOrganizationSettings.id).toBe(self.admin.organizationId);
    expect(otherOrganization.data?.viewer.organization.id).toBe(other.admin.organizationId);
  },
  createSamlIntegration: async (self, other, server) => {
    const response = await graphql(
      server,
      CREATE_SAML,
      { input: completeIntegrationInput('Second integration') },
      { token: self.apiToken },
    );

    // The caller's own integration is the one in the way, not the other organization's.
    expectRejected(response, 'CONFLICT');
    expectNoIdsOf(response, other);
  },
  updateSamlIntegration: async (self, other, server) => {
    const response = await graphql(
      server,
      UPDATE_SAML,
      { id: other.samlIntegrationId, input: { name: 'Taken over' } },
      { token: self.apiToken },
    );

    expectNotFound(response, other.samlIntegrationId);
  },
  importSamlIdentityProviderMetadata: async (self, other, server) => {
    const xml = entraFederationMetadata(TENANT_ID, [SIGNING_CERTIFICATE]);

    const response = await graphql(
      server,
      IMPORT_SAML_METADATA,
      { id: other.samlIntegrationId, xml },
      { token: self.apiToken },
    );

    expectNotFound(response, other.samlIntegrationId);
  },
  enableSamlIntegration: async (self, other, server) => {
    const response = await graphql(
      server,
      ENABLE_SAML,
      { id: other.samlIntegrationId },
      { token: self.apiToken },
    );

    expectNotFound(response, other.samlIntegrationId);
  },
  disableSamlIntegration: async (self, other, server) => {
    const response = await graphql(
      server,
      DISABLE_SAML,
      { id: other.samlIntegrationId },
      { token: self.apiToken },
    );

    expectNotFound(response, other.samlIntegrationId);
  },
  deleteSamlIntegration: async (self, other, server) => {
    const response = await graphql(
      server,
      DELETE_SAML,
      { id: other.samlIntegrationId },
      { token: self.apiToken },
    );

    expectNotFound(response, other.samlIntegrationId);
  },
  createToken: async (self, other, server) => {
    const response = await graphql(
      server,
      CREATE_TOKEN,
      {
        input: {
          title: 'Acting as another organization',
          userId: other.admin.userId,
          scope: 'API',
          expiration: 'DAYS_30',
        },
      },
      { token: self.apiToken },
    );

    expectNotFound(response, other.admin.userId);
  },
  revokeToken: async (self, other, server) => {
    const response = await graphql(
      server,
      REVOKE_TOKEN,
      { id: other.apiTokenId },
      { token: self.apiToken },
    );
    const otherStill = await graphql(server, VIEWER, {}, { token: other.apiToken });

    expectNotFound(response, other.apiTokenId);
    expect(otherStill.data?.viewer.id).toBe(other.admin.userId);
  },
};

/** Reads what a tenant's GraphQL API shows of its applications, settings and extensions. */
async function graphqlSnapshotOf(server: TestServer, tenant: Tenant) {
  const response = await graphql(
    server,
    `query ($applicationId: ID!, $recordId: ID!) {
      application(id: $applicationId) ${APPLICATION_FIELDS}
      applicationRecord(id: $recordId) ${RECORD_FIELDS}
      scimSettings { targetApplicationId mappings { source field } }
      scimExtensionAttributes ${EXTENSION_FIELDS}
      samlIntegration { id name enabled }
      tokens(first: 100) { edges { node { id status } } }
    }`,
    { applicationId: tenant.applicationId, recordId: tenant.applicationRecordId },
    { token: tenant.apiToken },
  );
  expect(response.errors).toBeUndefined();

  return response.data;
}

describe('GraphQL tenant isolation', () => {
  let server: TestServer;
  let tenants: [Tenant, Tenant];

  beforeAll(async () => {
    server = await startTestServer();
    tenants = await createTwoTenants(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('has a case for every query and mutation of the schema', () => {
    const schema = buildGraphQLSchema();
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
    ];

    expect(Object.keys(CASES).sort()).toEqual(fields.sort());
  });

  describe.each([
    ['first', 'second'],
    ['second', 'first'],
  ])('the %s organization against the %s', (selfLabel) => {
    let self: Tenant;
    let other: Tenant;
    let before: Record<string, unknown>;
    let graphqlBefore: unknown;

    beforeAll(async () => {
      [self, other] = selfLabel === 'first' ? tenants : [tenants[1], tenants[0]];
      before = await snapshotOf(other);
      graphqlBefore = await graphqlSnapshotOf(server, other);
    });

    it.each(Object.keys(CASES))('%s returns and changes nothing of the other', async (field) => {
      await CASES[field](self, other, server);
    });

    it("leaves the other organization's resources as they were", async () => {
      expect(await snapshotOf(other)).toEqual(before);
      expect(await graphqlSnapshotOf(server, other)).toEqual(graphqlBefore);
    });
  });
});
