import type { ApiToken, TokenScope } from '../../entities/api-token.entity';
import type { UserRole } from '../../entities/user.entity';

/** OWNER_INACTIVE: the user the token acts as is deactivated or no longer an admin. */
export type TokenStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED' | 'OWNER_INACTIVE';

/** The user a token acts as; its state decides whether the token works. */
export interface TokenOwner {
  userName: string;
  active: boolean;
  role: UserRole;
}

/** A token as admins see it: never its secret or hash. */
export interface TokenView {
  id: string;
  organizationId: string;
  title: string;
  description: string | null;
  userId: string;
  /** The userName of the user the token acts as. */
  userName: string;
  scope: TokenScope;
  displayPrefix: string;
  createdByUserId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
}

/**
 * Tells whether a token works at `now`: revocation wins over expiry, and expiry over the
 * owner's state. A token whose owner is gone counts as OWNER_INACTIVE.
 */
export function tokenStatusAt(
  token: ApiToken,
  owner: TokenOwner | undefined,
  now: Date,
): TokenStatus {
  if (token.revokedAt) {
    return 'REVOKED';
  }
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
    return 'EXPIRED';
  }
  if (!owner || !owner.active || owner.role !== 'ADMIN') {
    return 'OWNER_INACTIVE';
  }

  return 'ACTIVE';
}

/** Builds the admin's view of a token. */
export function viewToken(token: ApiToken, owner: TokenOwner | undefined, now: Date): TokenView {
  return {
    id: token.id,
    organizationId: token.organizationId,
    title: token.title,
    description: token.description ?? null,
    userId: token.userId,
    userName: owner?.userName ?? '',
    scope: token.scope,
    displayPrefix: token.displayPrefix,
    createdByUserId: token.createdByUserId ?? null,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt ?? null,
    lastUsedAt: token.lastUsedAt ?? null,
    revokedAt: token.revokedAt ?? null,
    status: tokenStatusAt(token, owner, now),
  };
}
