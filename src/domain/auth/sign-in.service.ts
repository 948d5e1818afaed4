import type { EntityManager } from '@mikro-orm/postgresql';

import { Organization } from '../../entities/organization.entity';
import type { User } from '../../entities/user.entity';
import type { Actor } from '../actor';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import type { Principal } from '../principal';
import { findUserByUserName } from './find-user';
import { verifyPassword } from './password';
import { SessionService, type StartedSession } from './session.service';
import type { SignInThrottle } from './sign-in-throttle';

export interface PasswordSignIn {
  /** The organization's slug. */
  organization: string;
  /** The admin's userName, normally an email address. */
  email: string;
  password: string;
  /** The client's IP address, for the failure count. */
  clientAddress: string;
  requestId?: string;
}

/** A started session and the principal it stands for. */
export interface SignedIn extends StartedSession {
  principal: Principal;
}

/** Why a sign-in failed: recorded in the audit trail, never sent to the caller. */
type SignInFailure = 'UNKNOWN_USER' | 'NO_PASSWORD' | 'WRONG_PASSWORD' | 'INACTIVE' | 'NOT_ADMIN';

/** Signs admins in with a local password, the first admin's way in and the fallback to SSO. */
export class SignInService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly throttle: SignInThrottle,
  ) {}

  /**
   * Checks an admin's password and starts a session. Every failure raises the same
   * UNAUTHENTICATED error, so the response reveals nothing about which accounts exist; after
   * repeated failures the attempt raises RATE_LIMITED with the seconds to wait.
   */
  async signIn(input: PasswordSignIn): Promise<SignedIn> {
    const slug = input.organization.trim().toLowerCase();
    const email = input.email.trim();
    const account = `${slug}\n${email.toLowerCase()}`;

    const waitSeconds = await this.throttle.secondsUntilAllowed(account, input.clientAddress);
    if (waitSeconds > 0) {
      this.deps.logger.info(
        { organization: slug, waitSeconds, requestId: input.requestId },
        'password sign-in rejected: too many failures',
      );
      throw new DomainError(
        'RATE_LIMITED',
        'too many failed sign-ins (SIGN_IN_MAX_FAILURES within SIGN_IN_WINDOW_SECONDS); ' +
          `try again in ${waitSeconds} seconds`,
        { retryAfterSeconds: waitSeconds },
      );
    }

    const organization = await this.em.findOne(Organization, { slug });
    const user = organization ? await findUserByUserName(this.em, organization.id, email) : null;
    const passwordOk = await verifyPassword(user?.passwordHash, input.password);
    const failure = failureOf(user, passwordOk);

    if (!organization || !user || failure) {
      await this.throttle.recordFailure(account, input.clientAddress);
      if (organization) {
        await this.recordFailure(organization.id, user, email, failure ?? 'UNKNOWN_USER', input);
      }
      throw DomainError.unauthenticated(
        'sign-in failed: unknown organization or email, wrong password, or not an active admin',
      );
    }

    await this.throttle.recordSuccess(account, input.clientAddress);

    return this.em.transactional(async (tx): Promise<SignedIn> => {
      const sessions = new SessionService(tx, this.deps);
      await sessions.deleteExpired(organization.id, user.id);
      const started = await sessions.start(organization.id, user.id, 'PASSWORD');

      const actor: Actor = {
        organizationId: organization.id,
        via: 'SESSION',
        userId: user.id,
        tokenId: null,
        requestId: input.requestId,
      };
      await recordAudit(
        tx,
        actor,
        {
          action: 'SIGNED_IN',
          targetType: 'USER',
          targetId: user.id,
          detail: { method: 'PASSWORD', sessionId: started.session.id },
        },
        this.deps.now(),
      );

      const principal: Principal = {
        organizationId: organization.id,
        userId: user.id,
        role: user.role,
        via: 'session',
        sessionId: started.session.id,
        passwordChangeRequired: user.passwordChangeRequired,
      };
      return { ...started, principal };
    });
  }

  private async recordFailure(
    organizationId: string,
    user: User | null,
    email: string,
    reason: SignInFailure,
    input: PasswordSignIn,
  ): Promise<void> {
    const actor: Actor = {
      organizationId,
      via: 'ANONYMOUS',
      userId: null,
      tokenId: null,
      requestId: input.requestId,
    };

    await this.em.transactional((tx) =>
      recordAudit(
        tx,
        actor,
        {
          action: 'SIGN_IN_FAILED',
          targetType: 'USER',
          targetId: user?.id ?? null,
          detail: { email: email.slice(0, 320), reason, clientAddress: input.clientAddress },
        },
        this.deps.now(),
      ),
    );
  }
}

function failureOf(user: User | null, passwordOk: boolean): SignInFailure | undefined {
  if (!user) {
    return 'UNKNOWN_USER';
  }
  if (!user.passwordHash) {
    return 'NO_PASSWORD';
  }
  if (!passwordOk) {
    return 'WRONG_PASSWORD';
  }
  if (!user.active) {
    return 'INACTIVE';
  }
  if (user.role !== 'ADMIN') {
    return 'NOT_ADMIN';
  }

  return undefined;
}
