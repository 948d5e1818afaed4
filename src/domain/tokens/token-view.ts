import type { ApiToken, TokenScope } from '../../entities/api-token.entity';

export type TokenStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

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

/** Tells whether a token works at `now`: revocation wins over expiry. */
export function tokenStatusAt(token: ApiToken, now: Date): TokenStatus {
  if (token.revokedAt) {
    return 'REVOKED';
  }
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
    return 'EXPIRED';
  }

  return 'ACTIVE';
}

/** Builds the admin's view of a token. */
export function viewToken(token: ApiToken, userName: string, now: Date): TokenView {
  return {
    id: token.id,
    organizationId: token.organizationId,
    title: token.title,
    description: token.description ?? null,
    userId: token.userId,
    userName,
    scope: token.scope,
    displayPrefix: token.displayPrefix,
    createdByUserId: token.createdByUserId ?? null,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt ?? null,
    lastUsedAt: token.lastUsedAt ?? null,
    revokedAt: token.revokedAt ?? null,
    status: tokenStatusAt(token, now),
  };
}
