import type { EntityManager } from '@mikro-orm/postgresql';

import { EARLIER_READ_MAX_AGE_MS, RequestRegistries } from '../../src/domain/request-registries';
import { SchemaRegistryProvider } from '../../src/domain/schema-registry.service';
import { ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import { declareInOtherProcess, extensionUrn } from '../helpers/scim-extensions';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** An EntityManager that fails any query, to show that a lookup needed none. */
const NO_QUERIES = {
  execute: async () => {
    throw new Error('this lookup should not query the database');
  },
} as unknown as EntityManager;

describe("a request's schema registries", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  const org = () => server.bootstrap.organizationId;

  const declareElsewhere = (name: string, required = false) =>
    declareInOtherProcess(server, extensionUrn('Elsewhere'), name, required);

  it('uses the earlier read without a query', async () => {
    const version = await declareElsewhere('floor');
    const provider = new SchemaRegistryProvider(server.orm);
    const loaded = await provider.forOrganization(org(), server.orm.em.fork());

    const registries = new RequestRegistries(provider, {
      organizationId: org(),
      version,
      readAt: performance.now(),
    });
    const first = await registries.forOrganization(org(), NO_QUERIES);

    expect(first).toBe(loaded);
    expect(first.schema(extensionUrn('Elsewhere'))?.id).toBe(extensionUrn('Elsewhere'));
    await expect(registries.forOrganization(org(), NO_QUERIES)).rejects.toThrow(
      'this lookup should not query the database',
    );
  });

  it('reloads declarations for another version', async () => {
    const provider = new SchemaRegistryProvider(server.orm);
    await provider.forOrganization(org(), server.orm.em.fork());
    const version = await declareElsewhere('wing');

    const registries = new RequestRegistries(provider, {
      organizationId: org(),
      version,
      readAt: performance.now(),
    });
    const registry = await registries.forOrganization(org(), server.orm.em.fork());

    const schema = registry.schema(extensionUrn('Elsewhere'));
    expect(schema?.attributes.map((attribute) => attribute.name)).toEqual(
      expect.arrayContaining(['floor', 'wing']),
    );
  });

  it('gives built-in schemas without settings', async () => {
    const provider = new SchemaRegistryProvider(server.orm);
    const registries = new RequestRegistries(provider, {
      organizationId: org(),
      version: null,
      readAt: performance.now(),
    });

    const registry = await registries.forOrganization(org(), NO_QUERIES);

    expect(registry.schema(extensionUrn('Elsewhere'))).toBeUndefined();
    expect(registry.schema(USER_SCHEMA)?.id).toBe(USER_SCHEMA);
  });

  it('rereads a version read too long ago', async () => {
    const version = await declareElsewhere('room');
    const provider = new SchemaRegistryProvider(server.orm);
    await provider.forOrganization(org(), server.orm.em.fork());
    const readAt = performance.now() - EARLIER_READ_MAX_AGE_MS - 1;

    const registries = new RequestRegistries(provider, { organizationId: org(), version, readAt });

    await expect(registries.forOrganization(org(), NO_QUERIES)).rejects.toThrow(
      'this lookup should not query the database',
    );
  });

  it('rereads for other organizations and after invalidate', async () => {
    const provider = new SchemaRegistryProvider(server.orm);
    const version = await declareElsewhere('desk');
    const otherOrganization = new RequestRegistries(provider, {
      organizationId: org(),
      version,
      readAt: performance.now(),
    });
    const invalidated = new RequestRegistries(provider, {
      organizationId: org(),
      version,
      readAt: performance.now(),
    });
    invalidated.invalidate(org());

    await expect(
      otherOrganization.forOrganization('01a24330-0000-7000-8000-000000000000', NO_QUERIES),
    ).rejects.toThrow('this lookup should not query the database');
    await expect(invalidated.forOrganization(org(), NO_QUERIES)).rejects.toThrow(
      'this lookup should not query the database',
    );
  });

  it('applies declarations of other processes', async () => {
    const client = await ScimClient.create(server);
    const before = await client.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'before@x.test',
    });
    expect(before.status).toBe(201);

    await declareElsewhere('badge', true);
    const after = await client.post('/Users', { schemas: [USER_SCHEMA], userName: 'after@x.test' });

    expect(after.status).toBe(400);
    expect(after.body.detail).toContain('badge');
  });
});
