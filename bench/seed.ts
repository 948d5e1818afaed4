import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Inserts `count` users straight into the database in batches of 10,000, with a work email, an
 * externalId and a display name derived from the index, then analyzes the table so that the
 * planner sees the real sizes. userNames are `<prefix>-<index>@example.test`.
 */
export async function seedUsers(
  orm: MikroORM,
  organizationId: string,
  count: number,
  prefix: string,
): Promise<void> {
  const em = orm.em.fork();
  const batch = 10_000;

  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch) - 1;
    await em.execute(
      `insert into users (organization_id, id, user_name, external_id, display_name,
                          name_given_name, name_family_name, emails, department,
                          created_at, updated_at)
       select ?, gen_random_uuid(),
              ? || '-' || i || '@example.test',
              'ext-' || ? || '-' || i,
              'Person ' || lpad(i::text, 7, '0'),
              'Given' || (i % 1000), 'Family' || (i % 5000),
              jsonb_build_array(jsonb_build_object(
                'type', 'work', 'primary', true, 'value', ? || '-' || i || '@example.test')),
              'Dept ' || (i % 50),
              now(), now()
         from generate_series(?::int, ?::int) as i`,
      [organizationId, prefix, prefix, prefix, start, end],
    );
  }

  await em.execute('analyze users');
}
