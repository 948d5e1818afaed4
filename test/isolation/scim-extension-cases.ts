import { newId } from '../../src/domain/ids';
import { graphql, type GraphQLResponse } from '../helpers/graphql-client';
import {
  declareAttribute,
  extensionUrn,
  listAttributes,
  REMOVE_ATTRIBUTE,
  SCIM_DISCOVERY_SETTINGS,
  SET_DISCOVERY_LIMIT,
  UPDATE_ATTRIBUTE,
} from '../helpers/scim-extensions';
import type { Tenant } from '../helpers/tenants';
import type { TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked field by field. */

type Case = (self: Tenant, other: Tenant, server: TestServer) => Promise<void>;

/** Declares an attribute with a unique name in `tenant` and returns it. */
function declareIn(server: TestServer, tenant: Tenant): Promise<any> {
  return declareAttribute(
    server,
    { token: tenant.apiToken },
    { schema: extensionUrn('Isolated'), name: `a${newId().slice(-12)}`, type: 'STRING' },
  );
}

function expectNotFound(response: GraphQLResponse, id: string): void {
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  expect(response.data ?? null).toBeNull();
  expect(response.errors?.[0].message).toContain(id);
}

/** Isolation cases of the custom extension attribute queries and mutations. */
export const SCIM_EXTENSION_CASES: Record<string, Case> = {
  scimExtensionAttributes: async (self, other, server) => {
    const theirs = await declareIn(server, other);

    const listed = await listAttributes(server, { token: self.apiToken });

    expect(listed.map((attribute) => attribute.id)).not.toContain(theirs.id);
  },
  scimDiscoverySettings: async (self, other, server) => {
    await graphql(server, SET_DISCOVERY_LIMIT, { limit: 7 }, { token: other.apiToken });

    const response = await graphql(server, SCIM_DISCOVERY_SETTINGS, {}, { token: self.apiToken });
    await graphql(server, SET_DISCOVERY_LIMIT, { limit: null }, { token: other.apiToken });

    expect(response.data?.scimDiscoverySettings.discoveryLimitOverride).not.toBe(7);
  },
  declareScimExtensionAttribute: async (self, other, server) => {
    const mine = await declareIn(server, self);

    const theirs = await listAttributes(server, { token: other.apiToken });

    expect(theirs.map((attribute) => attribute.id)).not.toContain(mine.id);
  },
  updateScimExtensionAttribute: async (self, other, server) => {
    const theirs = await declareIn(server, other);

    const response = await graphql(
      server,
      UPDATE_ATTRIBUTE,
      { id: theirs.id, input: { type: 'INTEGER' } },
      { token: self.apiToken },
    );
    const after = await listAttributes(server, { token: other.apiToken });

    expectNotFound(response, theirs.id);
    expect(after.find((attribute) => attribute.id === theirs.id)?.type).toBe('STRING');
  },
  removeScimExtensionAttribute: async (self, other, server) => {
    const theirs = await declareIn(server, other);

    const response = await graphql(
      server,
      REMOVE_ATTRIBUTE,
      { id: theirs.id },
      { token: self.apiToken },
    );
    const after = await listAttributes(server, { token: other.apiToken });

    expectNotFound(response, theirs.id);
    expect(after.map((attribute) => attribute.id)).toContain(theirs.id);
  },
  setScimDiscoveryLimit: async (self, other, server) => {
    const changed = await graphql(
      server,
      SET_DISCOVERY_LIMIT,
      { limit: 5 },
      { token: self.apiToken },
    );
    const theirs = await graphql(server, SCIM_DISCOVERY_SETTINGS, {}, { token: other.apiToken });
    await graphql(server, SET_DISCOVERY_LIMIT, { limit: null }, { token: self.apiToken });

    expect(changed.data?.setScimDiscoveryLimit.discoveryLimitOverride).toBe(5);
    expect(theirs.data?.scimDiscoverySettings.discoveryLimitOverride).toBeNull();
  },
};
