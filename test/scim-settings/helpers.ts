import { dataOf, type ApiClient } from '../helpers/api-client';
import { uniqueName } from '../helpers/scim-http';

export const ACME_SCHEMA = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';
/** A custom extension whose attributes the tests declare before Entra sends them. */
export const CONTOSO_SCHEMA = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const UPDATE_SETTINGS = `mutation ($input: ScimSettingsInput!) {
  updateScimSettings(input: $input) {
    targetApplicationId resyncRecommended version
    mappings { source field }
    deprovisioning { action statusField activeStatus inactiveStatus deletedStatus }
  } }`;

/** Creates an application with the given fields and returns its id. */
export async function createApplication(api: ApiClient, fields: unknown[]): Promise<string> {
  const response = await api(
    'mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id } }',
    { input: { name: uniqueName('Directory'), fields } },
  );

  return dataOf(response).createApplication.id;
}

/** Reads the record linked to a user, including archived ones; undefined when there is none. */
export async function recordOf(
  api: ApiClient,
  applicationId: string,
  userId: string,
): Promise<{ id: string; values: Record<string, unknown>; archived: boolean } | undefined> {
  const response = await api(
    `query ($applicationId: ID!, $userId: ID!) {
      applicationRecords(applicationId: $applicationId, userId: $userId, includeArchived: true) {
        edges { node { id values archived } } } }`,
    { applicationId, userId },
  );

  return dataOf(response).applicationRecords.edges[0]?.node;
}
