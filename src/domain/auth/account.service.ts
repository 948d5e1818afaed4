import type { EntityManager } from '@mikro-orm/postgresql';

import { Organization } from '../../entities/organization.entity';
import { User, type UserRole } from '../../entities/user.entity';
import { requireSignedIn } from '../access';
import { actorOf } from '../actor';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import type { Principal } from '../principal';
import { hashPassword, validateNewPassword, verifyPassword } from './password';
import { SessionService } from './session.service';

/** The signed-in user and their organization. */
export interface ViewerView {
  id: string;
  userName: string;
  displayName: string | null;
  role: UserRole;
  authenticatedVia: 'SESSION' | 'TOKEN';
  passwordChangeRequired: boolean;
  organization: Organization;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** What signed-in users may do for themselves, admins or not. */
export class AccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /** Describes the caller; works for members and before a one-time password is changed. */
  async viewer(principal: Principal | undefined): Promise<ViewerView> {
    const caller = requireSignedIn(principal);
    const [user, organization] = await Promise.all([
      this.em.findOneOrFail(User, { organizationId: caller.organizationId, id: caller.userId }),
      this.em.findOneOrFail(Organization, { id: caller.organizationId }),
    ]);

    return {
      id: user.id,
      userName: user.userName,
      displayName: user.displayName ?? null,
      role: user.role,
      authenticatedVia: caller.via === 'token' ? 'TOKEN' : 'SESSION',
      passwordChangeRequired: caller.via === 'session' && user.passwordChangeRequired,
      organization,
    };
  }

  /**
   * Replaces the signed-in user's password after checking the current one, and ends the
   * user's other sessions. Only a session may do this, not an API token.
   */
  async changePassword(
    principal: Principal | undefined,
    change: PasswordChange,
    requestId?: string,
  ): Promise<void> {
    const caller = requireSignedIn(principal);
    if (caller.via !== 'session') {
      throw DomainError.forbidden('changePassword needs a signed-in session, not an API token');
    }
    validateNewPassword(change.newPassword, 'newPassword');
    if (change.newPassword === change.currentPassword) {
      throw DomainError.invalid('the new password must differ from the current one', {
        field: 'newPassword',
      });
    }

    const user = await this.em.findOneOrFail(User, {
      organizationId: caller.organizationId,
      id: caller.userId,
    });
    await this.checkCurrentPassword(user, change.currentPassword);
    const passwordHash = await hashPassword(change.newPassword);

    await this.em.transactional(async (tx) => {
      const now = this.deps.now();
      const current = await tx.findOneOrFail(User, {
        organizationId: user.organizationId,
        id: user.id,
      });
      const wasOneTime = current.passwordChangeRequired;

      current.passwordHash = passwordHash;
      current.passwordChangeRequired = false;
      current.updatedAt = now;
      await tx.flush();

      await new SessionService(tx, this.deps).endOthers(
        caller.organizationId,
        caller.userId,
        caller.sessionId,
      );
      await recordAudit(
        tx,
        actorOf(caller, requestId),
        {
          action: 'PASSWORD_CHANGED',
          targetType: 'USER',
          targetId: user.id,
          detail: { replacedOneTimePassword: wasOneTime },
        },
        now,
      );
    });
  }

  /**
   * Raises BAD_USER_INPUT on `currentPassword` when it is wrong. Failures count like failed
   * sign-ins, so a stolen session cannot be used to guess the password.
   */
  private async checkCurrentPassword(user: User, password: string): Promise<void> {
    const throttle = this.deps.signInThrottle;
    const account = 'change-password';
    const client = `user ${user.organizationId}/${user.id}`;
    const waitSeconds = (await throttle?.secondsUntilAllowed(account, client)) ?? 0;

    if (waitSeconds > 0) {
      throw new DomainError(
        'RATE_LIMITED',
        'too many wrong current passwords (SIGN_IN_MAX_FAILURES within ' +
          `SIGN_IN_WINDOW_SECONDS); try again in ${waitSeconds} seconds`,
        { retryAfterSeconds: waitSeconds },
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await throttle?.recordFailure(account, client);
      throw DomainError.invalid('the current password is wrong', { field: 'currentPassword' });
    }
  }

  /** Ends the caller's session. */
  async signOut(principal: Principal | undefined, requestId?: string): Promise<void> {
    const caller = requireSignedIn(principal);
    if (caller.via !== 'session' || !caller.sessionId) {
      throw DomainError.forbidden(
        'signOut ends a session; API tokens are revoked with revokeToken',
      );
    }

    await this.em.transactional(async (tx) => {
      await new SessionService(tx, this.deps).end(caller.organizationId, caller.sessionId!);
      await recordAudit(
        tx,
        actorOf(caller, requestId),
        {
          action: 'SIGNED_OUT',
          targetType: 'USER',
          targetId: caller.userId,
          detail: { sessionId: caller.sessionId },
        },
        this.deps.now(),
      );
    });
  }
}
