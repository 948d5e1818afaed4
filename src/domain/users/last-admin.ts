import type { EntityManager } from '@mikro-orm/postgresql';

import { DomainError } from '../errors';

/** A change that takes a user's admin rights away. */
export type AdminRemoval = 'deactivate' | 'delete' | 'demote';

const VERBS: Record<AdminRemoval, string> = {
  deactivate: 'deactivated',
  delete: 'deleted',
  demote: 'made a member',
};

/**
 * Rejects a change that would leave the organization without an active admin, who alone can
 * sign in, create tokens and repair the set-up. The organization's row is locked first, so two
 * concurrent requests cannot each remove the other's last fellow admin.
 */
export async function assertAnotherActiveAdmin(
  tx: EntityManager,
  organizationId: string,
  userId: string,
  removal: AdminRemoval,
): Promise<void> {
  await tx.execute('select id from organizations where id = ? for update', [organizationId]);
  const rows = await tx.execute<{ count: number }[]>(
    `select count(*)::int as count from users
      where organization_id = ? and role = 'ADMIN' and active and id <> ?`,
    [organizationId, userId],
  );
  if (rows[0].count > 0) {
    return;
  }

  throw DomainError.invalid(
    `user ${userId} is the only active admin of this organization, so it cannot be ` +
      `${VERBS[removal]}; make another user an admin first (setUserRole)`,
    { field: removal === 'deactivate' ? 'active' : 'id' },
  );
}
