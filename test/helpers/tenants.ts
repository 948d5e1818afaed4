import { defaultAdminSession, otherOrganizationSession, type AdminSession } from './admin-session';
import { graphql } from './graphql-client';
import { createToken, ENTERPRISE_SCHEMA, ScimClient } from './scim-client';
import { createIntegration } from './saml-setup';
import type { TestServer } from './test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

/** The externalId that both organizations give one of their users. */
export const SHARED_EXTERNAL_ID = 'same-external-id-in-both';

/** An organization with an admin, tokens, a SAML integration, users and groups. */
export interface Tenant {
  label: string;
  admin: AdminSession;
  scim: ScimClient;
  scimTokenId: string;
  apiToken: string;
  apiTokenId: string;
  samlIntegrationId: string;
  manager: any;
  /** A user whose enterprise manager is `manager`, with externalId SHARED_EXTERNAL_ID. */
  user: any;
  /** A group whose member is `user`. */
  group: any;
  /** A group whose member is `group`. */
  parentGroup: any;
  applicationId: string;
  applicationFieldId: string;
  applicationRecordId: string;
  scimExtensionAttributeId: string;
  /** A resync of `applicationId`, the SCIM settings' target application. */
  scimResyncId: string;
  /** An event that the SCIM writes above recorded. */
  provisioningEventId: string;
}

/** Runs one operation with an API token and returns its data; throws on errors. */
async function dataOf(
  server: TestServer,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<any> {
  const response = await graphql(server, query, variables, { token });
  if (response.errors) {
    throw new Error(`${query.trim().split('\n')[0]} failed: ${JSON.stringify(response.errors)}`);
  }

  return response.data;
}

/** Creates an application with a field and a record, and makes it the SCIM target. */
async function populateApplications(server: TestServer, token: string, label: string) {
  const { createApplication } = await dataOf(
    server,
    token,
    `mutation ($input: CreateApplicationInput!) {
      createApplication(input: $input) { id fields { id } } }`,
    {
      input: {
        name: `Directory ${label}`,
        fields: [{ key: 'user_name', name: 'User name', type: 'TEXT' }],
      },
    },
  );
  const { createApplicationRecord } = await dataOf(
    server,
    token,
    `mutation ($applicationId: ID!, $values: JSONObject!) {
      createApplicationRecord(applicationId: $applicationId, values: $values) { id } }`,
    { applicationId: createApplication.id, values: { user_name: `record of ${label}` } },
  );
  await dataOf(
    server,
    token,
    `mutation ($input: ScimSettingsInput!) { updateScimSettings(input: $input) { version } }`,
    {
      input: {
        targetApplicationId: createApplication.id,
        mappings: [{ source: 'userName', field: 'user_name' }],
      },
    },
  );
  const { startScimResync } = await dataOf(server, token, 'mutation { startScimResync { id } }');

  return {
    applicationId: createApplication.id as string,
    applicationFieldId: createApplication.fields[0].id as string,
    applicationRecordId: createApplicationRecord.id as string,
    scimResyncId: startScimResync.id as string,
  };
}

/** Fills an organization whose admin is signed in with one of each kind of resource. */
async function populate(server: TestServer, admin: AdminSession, label: string): Promise<Tenant> {
  const samlIntegrationId = await createIntegration(server, admin.cookie);
  const scimToken = await createToken(server, {
    organizationId: admin.organizationId,
    userId: admin.userId,
  });
  const apiToken = await createToken(server, {
    organizationId: admin.organizationId,
    userId: admin.userId,
    scope: 'API',
  });
  const scim = new ScimClient(server, scimToken.secret);

  const manager = await scim.createUser({ userName: `manager@${label}.test` });
  const user = await scim.createUser({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_SCHEMA],
    userName: `user@${label}.test`,
    externalId: SHARED_EXTERNAL_ID,
    [ENTERPRISE_SCHEMA]: { manager: { value: manager.id } },
  });
  const group = await scim.createGroup({
    displayName: `Team ${label}`,
    externalId: SHARED_EXTERNAL_ID,
    members: [{ value: user.id }],
  });
  const parentGroup = await scim.createGroup({
    displayName: `Department ${label}`,
    members: [{ value: group.id }],
  });

  const applications = await populateApplications(server, apiToken.secret, label);
  const { declareScimExtensionAttribute } = await dataOf(
    server,
    apiToken.secret,
    `mutation ($input: DeclareScimExtensionAttributeInput!) {
      declareScimExtensionAttribute(input: $input) { id } }`,
    {
      input: {
        schema: 'urn:ietf:params:scim:schemas:extension:Isolation:2.0:User',
        name: 'badge',
        type: 'STRING',
      },
    },
  );
  const { provisioningEvents } = await dataOf(
    server,
    apiToken.secret,
    'query ($first: Int) { provisioningEvents(first: $first) { edges { node { id } } } }',
    { first: 1 },
  );

  return {
    label,
    admin,
    scim,
    scimTokenId: scimToken.id,
    apiToken: apiToken.secret,
    apiTokenId: apiToken.id,
    samlIntegrationId,
    manager,
    user,
    group,
    parentGroup,
    ...applications,
    scimExtensionAttributeId: declareScimExtensionAttribute.id,
    provisioningEventId: provisioningEvents.edges[0].node.id,
  };
}

/**
 * Creates two populated organizations on one server: `default` and another one created the
 * way `roster org create` does.
 */
export async function createTwoTenants(server: TestServer): Promise<[Tenant, Tenant]> {
  const first = await populate(server, await defaultAdminSession(server), 'first');
  const second = await populate(server, await otherOrganizationSession(server), 'second');

  return [first, second];
}

/** Reads a tenant's resources with its own token, to compare before and after an attack. */
export async function snapshotOf(tenant: Tenant): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {};

  for (const [name, path] of [
    ['manager', `/Users/${tenant.manager.id}`],
    ['user', `/Users/${tenant.user.id}`],
    ['group', `/Groups/${tenant.group.id}`],
    ['parentGroup', `/Groups/${tenant.parentGroup.id}`],
  ]) {
    const response = await tenant.scim.get(path);
    snapshot[name] = { status: response.status, body: response.body };
  }

  return snapshot;
}
