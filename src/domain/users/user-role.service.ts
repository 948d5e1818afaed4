import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

import { User, type UserRole } from '../../entities/user.entity';
import type { AdminActor } from '../actor';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { inTransaction } from '../transaction';
import { assertAnotherActiveAdmin } from './last-admin';
import { isUuid } from './user-rules';

/** Grants and withdraws admin rights; the role is Roster's own, not a SCIM attribute. */
export class UserRoleService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /**
   * Sets a user's role and records it in the audit trail. The user's SCIM version does not
   * change. Demoting the only active admin fails.
   */
  async setRole(actor: AdminActor, id: string, role: UserRole): Promise<void> {
    await inTransaction(this.em, async (tx) => {
      const user = isUuid(id)
        ? await tx.findOne(
            User,
            { organizationId: actor.organizationId, id },
            { lockMode: LockMode.PESSIMISTIC_WRITE },
          )
        : null;
      if (!user) {
        throw DomainError.notFound('User', id);
      }
      if (user.role === role) {
        return;
      }
      if (user.role === 'ADMIN' && user.active) {
        await assertAnotherActiveAdmin(tx, actor.organizationId, id, 'demote');
      }

      const previous = user.role;
      user.role = role;
      await tx.flush();
      await recordAudit(
        tx,
        actor,
        {
          action: 'USER_ROLE_CHANGED',
          targetType: 'USER',
          targetId: id,
          detail: { from: previous, to: role },
        },
        this.deps.now(),
      );
    });
  }
}
