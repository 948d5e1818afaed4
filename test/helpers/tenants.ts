import { defaultAdminSession, otherOrganizationSession, type AdminSession } from './admin-session';
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
