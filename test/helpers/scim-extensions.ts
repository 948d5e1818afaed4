import { systemActor } from '../../src/domain/actor';
import { ExtensionAttributeService } from '../../src/domain/extensions/extension-attribute.service';
import { readSchemaSettings } from '../../src/domain/extensions/schema-store';
import { SchemaRegistryProvider } from '../../src/domain/schema-registry.service';
import { createLogger } from '../../src/logger';
import { graphql, type Credentials } from './graphql-client';
import type { TestServer } from './test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL payloads are checked per field. */

const ATTRIBUTE_FIELDS =
  'id schema name path type description required caseExact discovered createdAt updatedAt';

export const SCIM_EXTENSION_ATTRIBUTES = `{ scimExtensionAttributes { ${ATTRIBUTE_FIELDS} } }`;

export const SCIM_DISCOVERY_SETTINGS =
  '{ scimDiscoverySettings { discoveryLimit discoveryLimitOverride discoveredCount } }';

export const DECLARE_ATTRIBUTE = `
  mutation Declare($input: DeclareScimExtensionAttributeInput!) {
    declareScimExtensionAttribute(input: $input) { ${ATTRIBUTE_FIELDS} }
  }`;

export const UPDATE_ATTRIBUTE = `
  mutation Update($id: ID!, $input: UpdateScimExtensionAttributeInput!) {
    updateScimExtensionAttribute(id: $id, input: $input) { ${ATTRIBUTE_FIELDS} }
  }`;

export const REMOVE_ATTRIBUTE = `
  mutation Remove($id: ID!) { removeScimExtensionAttribute(id: $id) { ${ATTRIBUTE_FIELDS} } }`;

export const SET_DISCOVERY_LIMIT = `
  mutation Limit($limit: Int) {
    setScimDiscoveryLimit(limit: $limit) { discoveryLimit discoveryLimitOverride discoveredCount }
  }`;

/** Builds `urn:ietf:params:scim:schemas:extension:<name>:2.0:User`. */
export function extensionUrn(name: string): string {
  return `urn:ietf:params:scim:schemas:extension:${name}:2.0:User`;
}

/** Declares an attribute over GraphQL and returns it; throws when the server reports errors. */
export async function declareAttribute(
  server: TestServer,
  credentials: Credentials,
  input: Record<string, unknown>,
): Promise<any> {
  const response = await graphql(server, DECLARE_ATTRIBUTE, { input }, credentials);
  if (response.errors) {
    throw new Error(`declaring failed: ${JSON.stringify(response.errors)}`);
  }

  return response.data!.declareScimExtensionAttribute;
}

/** Lists the organization's attributes over GraphQL; throws when the server reports errors. */
export async function listAttributes(server: TestServer, credentials: Credentials): Promise<any[]> {
  const response = await graphql(server, SCIM_EXTENSION_ATTRIBUTES, {}, credentials);
  if (response.errors) {
    throw new Error(`listing failed: ${JSON.stringify(response.errors)}`);
  }

  return response.data!.scimExtensionAttributes;
}

/**
 * Declares a string attribute in the default organization the way another Roster process
 * would: through a registry provider of its own, so the server's cached registry is kept.
 * Returns the organization's new schema version.
 */
export async function declareInOtherProcess(
  server: TestServer,
  schema: string,
  name: string,
  required = false,
): Promise<string> {
  const organizationId = server.bootstrap.organizationId;
  const deps = { config: server.config, logger: createLogger('silent'), now: () => new Date() };
  const otherProcess = new SchemaRegistryProvider(server.orm);

  await new ExtensionAttributeService(server.orm.em.fork(), deps, otherProcess).declare(
    systemActor(organizationId, 'SYSTEM'),
    { schema, name, type: 'string', required },
  );

  const settings = await readSchemaSettings(server.orm.em.fork(), organizationId);
  return settings!.version;
}
