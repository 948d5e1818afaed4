import type { EntityManager } from '@mikro-orm/postgresql';

import { User } from '../../entities/user.entity';

/** Finds a user of an organization by userName, compared case-insensitively as SCIM requires. */
export async function findUserByUserName(
  em: EntityManager,
  organizationId: string,
  userName: string,
): Promise<User | null> {
  const rows = await em.execute<{ id: string }[]>(
    'select id from users where organization_id = ? and lower(user_name) = lower(?)',
    [organizationId, userName],
  );
  const id = rows[0]?.id;

  return id ? em.findOne(User, { organizationId, id }) : null;
}
