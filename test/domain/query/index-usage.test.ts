import { compileFilterText } from '../../../src/domain/query/list-query';
import { groupTargets } from '../../../src/domain/query/group-targets';
import { userTargets } from '../../../src/domain/query/user-targets';
import type { FilterTargets } from '../../../src/domain/query/targets';
import { SchemaRegistry } from '../../../src/scim/schemas';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/**
 * With 5,000 users and sequential scans disabled, the plan of each lookup shows whether the
 * compiled SQL has the shape of an index expression; tiny tables would always be scanned.
 */
describe('compiled equality lookups', () => {
  let server: TestServer;
  const registry = SchemaRegistry.create();

  beforeAll(async () => {
    server = await startTestServer();
    const em = server.orm.em.fork();
    await em.execute(
      `insert into users (organization_id, id, user_name, external_id, display_name, emails,
                          created_at, updated_at)
       select ?, gen_random_uuid(), 'user' || i || '@example.com', 'e-' || i, 'User ' || i,
              jsonb_build_array(
                jsonb_build_object('type', 'work', 'value', 'user' || i || '@example.com')),
              now(), now()
         from generate_series(1, 5000) as i`,
      [server.bootstrap.organizationId],
    );
    await em.execute('analyze users');
  }, 120_000);

  afterAll(async () => {
    await server.close();
  });

  async function planOf(table: string, targets: FilterTargets, filter: string): Promise<string> {
    const where = compileFilterText(filter, targets);
    const em = server.orm.em.fork();

    return em.transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      const rows = await tx.execute<{ 'QUERY PLAN': string }[]>(
        `explain select * from ${table} ${targets.alias}
          where ${targets.alias}.organization_id = ? and ${where.sql}`,
        [server.bootstrap.organizationId, ...where.params],
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  it('answers userName eq from the case-insensitive unique index', async () => {
    const plan = await planOf('users', userTargets(registry), 'userName eq "Ada@Example.com"');

    expect(plan).toContain('users_user_name_unique');
  });

  it('answers externalId eq from its index', async () => {
    const plan = await planOf('users', userTargets(registry), 'externalId eq "e-1"');

    expect(plan).toContain('users_external_id');
  });

  it('answers an email value lookup from the GIN index of lower-cased values', async () => {
    const plan = await planOf(
      'users',
      userTargets(registry),
      'emails[type eq "work" and value eq "ada@example.com"]',
    );

    expect(plan).toContain('users_emails_values');
  });

  it('answers Entra\'s emails[type eq "work"].value eq form from the same index', async () => {
    const plan = await planOf(
      'users',
      userTargets(registry),
      'emails[type eq "work"].value eq "ada@example.com"',
    );

    expect(plan).toContain('users_emails_values');
  });

  it('answers group displayName eq from the case-insensitive unique index', async () => {
    const plan = await planOf('groups', groupTargets(registry), 'displayName eq "Engineers"');

    expect(plan).toContain('groups_display_name_unique');
  });

  it('answers members.value eq from the membership index', async () => {
    const plan = await planOf(
      'groups',
      groupTargets(registry),
      'members.value eq "01a24209-57fd-719d-866e-1ac954455d78"',
    );

    expect(plan).toMatch(/group_members_pkey|group_members_member/);
  });
});
