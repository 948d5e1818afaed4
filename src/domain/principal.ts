import type { UserRole } from '../entities/user.entity';

/** The authenticated caller of a request: a signed-in user or the user a token acts as. */
export interface Principal {
  organizationId: string;
  userId: string;
  role: UserRole;
  /** How the caller proved who it is. */
  via: 'session' | 'token';
  tokenId?: string;
  tokenTitle?: string;
  sessionId?: string;
  /** True while a session's user still has a one-time password to replace. */
  passwordChangeRequired?: boolean;
}
