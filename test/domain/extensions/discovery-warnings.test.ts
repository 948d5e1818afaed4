import type { EntityManager } from '@mikro-orm/postgresql';

import {
  DirectoryChanges,
  type DirectoryChange,
  type ProvisioningWarning,
} from '../../../src/domain/changes/directory-change';
import { SchemaRegistryProvider } from '../../../src/domain/schema-registry.service';
import { UserService } from '../../../src/domain/users/user.service';
import { createLogger } from '../../../src/logger';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const URN = 'urn:ietf:params:scim:schemas:extension:Warned:2.0:User';

describe('discovered attributes in published changes', () => {
  let server: TestServer;
  const seen: { change: DirectoryChange; warnings: ProvisioningWarning[] }[] = [];
  const registries = () => new SchemaRegistryProvider(server.orm);
  let shared: SchemaRegistryProvider;

  beforeAll(async () => {
    server = await startTestServer();
    shared = registries();
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  function users(provider: SchemaRegistryProvider = shared): UserService {
    const changes = new DirectoryChanges();
    changes.subscribe({
      onChange: async (_tx: EntityManager, change, warnings) => {
        seen.push({ change, warnings: [...warnings] });
      },
    });
    const deps = { config: server.config, logger: createLogger('silent'), now: () => new Date() };

    return new UserService(server.orm.em.fork(), deps, provider, changes);
  }

  const org = () => server.bootstrap.organizationId;

  it('adds one warning per discovered attribute', async () => {
    const created = await users().create(org(), {
      userName: 'warned@example.com',
      [URN]: { floor: 3, wing: 'East' },
    });
    await users().patch(org(), created.user.id, [
      { op: 'add', path: `${URN}:desk`, value: 'D4' },
      { op: 'replace', path: `${URN}:floor`, value: '4' },
    ]);
    await users().replace(org(), created.user.id, {
      userName: 'warned@example.com',
      [URN]: { floor: 5 },
    });

    expect(seen.map((entry) => entry.change.kind)).toEqual(['created', 'updated', 'updated']);
    expect(seen[0].warnings).toEqual([
      {
        code: 'ATTRIBUTE_DISCOVERED',
        attribute: `${URN}:floor`,
        message:
          `'${URN}:floor' was not declared, so Roster declared it as a string attribute and ` +
          'stored the value; set its type in the SCIM settings if it is not text',
      },
      expect.objectContaining({ code: 'ATTRIBUTE_DISCOVERED', attribute: `${URN}:wing` }),
    ]);
    expect(seen[1].warnings).toEqual([
      expect.objectContaining({ code: 'ATTRIBUTE_DISCOVERED', attribute: `${URN}:desk` }),
    ]);
    expect(seen[2].warnings).toEqual([]);
  });

  it('declares an attribute once under concurrent writes', async () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:Raced:2.0:User';
    const writers = Array.from({ length: 4 }, (_, index) =>
      users(registries()).create(org(), {
        userName: `raced-${index}@example.com`,
        [urn]: { lane: String(index) },
      }),
    );

    const results = await Promise.allSettled(writers);
    const declared = await server.orm.em.fork().execute<{ total: number }[]>(
      `select count(*)::int as total from scim_extension_attributes
          where organization_id = ? and schema_urn = ?`,
      [org(), urn],
    );

    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(declared[0].total).toBe(1);
    expect(seen.flatMap((entry) => entry.warnings)).toHaveLength(1);
  });

  it('discovers in concurrent PATCH and PUT of one user', async () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:Paired:2.0:User';
    const user = await users().create(org(), { userName: 'paired@example.com' });

    const results = await Promise.allSettled([
      users(registries()).patch(org(), user.user.id, [
        { op: 'add', path: `${urn}:fromPatch`, value: 'p' },
      ]),
      users(registries()).replace(org(), user.user.id, {
        userName: 'paired@example.com',
        [urn]: { fromPut: 'q' },
      }),
    ]);
    const attributes = await server.orm.em.fork().execute<{ name: string }[]>(
      `select name from scim_extension_attributes
          where organization_id = ? and schema_urn = ? order by name`,
      [org(), urn],
    );

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(attributes.map((row) => row.name)).toEqual(['fromPatch', 'fromPut']);
  });
});
