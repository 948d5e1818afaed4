import type { EntityManager } from '@mikro-orm/postgresql';

import {
  DirectoryChanges,
  type DirectoryChange,
} from '../../../src/domain/changes/directory-change';
import { GroupService } from '../../../src/domain/groups/group.service';
import { SchemaRegistryProvider } from '../../../src/domain/schema-registry.service';
import { UserService } from '../../../src/domain/users/user.service';
import { createLogger } from '../../../src/logger';
import { startTestServer, type TestServer } from '../../helpers/test-server';

describe('DirectoryChanges published by the user and group services', () => {
  let server: TestServer;
  const seen: DirectoryChange[] = [];
  let failNext = false;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  function services() {
    const changes = new DirectoryChanges();
    changes.subscribe({
      onChange: async (_tx: EntityManager, change: DirectoryChange) => {
        if (failNext) {
          failNext = false;
          throw new Error('listener failed');
        }
        seen.push(change);
      },
    });
    const em = server.orm.em.fork();
    const deps = { config: server.config, logger: createLogger('silent'), now: () => new Date() };
    const registries = new SchemaRegistryProvider();

    return {
      users: new UserService(em, deps, registries, changes),
      groups: new GroupService(em, deps, registries, changes),
    };
  }

  const org = () => server.bootstrap.organizationId;

  beforeEach(() => {
    seen.length = 0;
  });

  it('reports a created, updated and deleted user with its documents', async () => {
    const { users } = services();
    const created = await users.create(org(), { userName: 'ada@example.com', title: 'Analyst' });
    await users.patch(org(), created.user.id, [
      { op: 'replace', path: 'title', value: 'Countess' },
    ]);
    await users.delete(org(), created.user.id);

    expect(seen.map((change) => `${change.resourceType} ${change.kind}`)).toEqual([
      'User created',
      'User updated',
      'User deleted',
    ]);
    expect(seen[1]).toMatchObject({
      before: { userName: 'ada@example.com', title: 'Analyst', active: true },
      after: { userName: 'ada@example.com', title: 'Countess', active: true },
      passwordChanged: false,
    });
    expect(seen[2]).toMatchObject({ before: { title: 'Countess' } });
  });

  it('reports nothing for a PATCH that changes nothing', async () => {
    const { users } = services();
    const created = await users.create(org(), { userName: 'same@example.com', title: 'Same' });
    seen.length = 0;

    await users.patch(org(), created.user.id, [{ op: 'replace', path: 'title', value: 'Same' }]);

    expect(seen).toEqual([]);
  });

  it('reports the members a group change added and removed', async () => {
    const { users, groups } = services();
    const first = await users.create(org(), { userName: 'm1@example.com' });
    const second = await users.create(org(), { userName: 'm2@example.com' });
    const group = await groups.create(org(), {
      displayName: 'Analysts',
      members: [{ value: first.user.id }],
    });
    seen.length = 0;

    await groups.patch(org(), group.group.id, [
      { op: 'add', path: 'members', value: [{ value: second.user.id }] },
      { op: 'remove', path: `members[value eq "${first.user.id}"]` },
    ]);

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      resourceType: 'Group',
      kind: 'updated',
      membersAdded: [second.user.id],
      membersRemoved: [first.user.id],
    });
  });

  it('rolls the change back when a listener fails', async () => {
    const { users } = services();
    failNext = true;

    await expect(users.create(org(), { userName: 'rolled@example.com' })).rejects.toThrow(
      'listener failed',
    );
    const found = await services().users.list(org(), {
      filter: 'userName eq "rolled@example.com"',
    });

    expect(found.totalResults).toBe(0);
  });
});
