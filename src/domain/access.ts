import { actorOf, grantAdmin, type AdminActor } from './actor';
import { DomainError } from './errors';
import type { Principal } from './principal';

/**
 * Returns the principal, or raises UNAUTHENTICATED when the request has none. The message does
 * not say why a credential was rejected, so that it reveals nothing about other tokens.
 */
export function requireSignedIn(principal: Principal | undefined): Principal {
  if (!principal) {
    throw DomainError.unauthenticated(
      'sign in, or send an API token of scope API as "Authorization: Bearer <secret>"; ' +
        'sessions time out, and revoked or expired tokens are rejected',
    );
  }

  return principal;
}

/**
 * Returns the caller as an admin actor of its organization. Raises UNAUTHENTICATED without a
 * principal, FORBIDDEN for a member, and PASSWORD_CHANGE_REQUIRED for a session whose user
 * still has a one-time password.
 */
export function requireAdmin(principal: Principal | undefined, requestId?: string): AdminActor {
  const caller = requireSignedIn(principal);

  if (caller.role !== 'ADMIN') {
    throw DomainError.forbidden(
      'only organization admins may do this; you are signed in as a member',
    );
  }
  if (caller.passwordChangeRequired) {
    throw new DomainError(
      'PASSWORD_CHANGE_REQUIRED',
      'change the one-time password with the changePassword mutation before doing anything else',
    );
  }

  return grantAdmin(actorOf(caller, requestId));
}
