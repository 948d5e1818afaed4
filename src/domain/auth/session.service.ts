import type { EntityManager } from '@mikro-orm/postgresql';

import { Session, type SessionMethod } from '../../entities/session.entity';
import type { UserRole } from '../../entities/user.entity';
import type { DomainDeps } from '../deps';
import { newId } from '../ids';
import type { Principal } from '../principal';
import { generateSessionSecret, hashSessionSecret } from './session-secret';

/** The NameID and SessionIndex a SAML session keeps for its logout request to the IdP. */
export interface SamlSessionDetails {
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
}

export interface StartedSession {
  session: Session;
  /** The cookie value; only its hash is stored. */
  secret: string;
}

interface SessionRow {
  organization_id: string;
  id: string;
  user_id: string;
  method: SessionMethod;
  last_seen_at: Date | string;
  expires_at: Date | string;
  role: UserRole;
  active: boolean;
  password_change_required: boolean;
}

/**
 * `lastSeenAt` is written at most this often, so most requests cost no write. A session can
 * therefore reach its idle timeout up to this long before its last request plus the timeout.
 */
const LAST_SEEN_INTERVAL_MS = 60_000;

/** Maximum length of a cookie value worth hashing; Roster's secrets have 43 characters. */
const MAX_SECRET_LENGTH = 256;

/**
 * Starts, resumes and ends browser sessions. A session ends after the idle timeout without a
 * request, at its absolute timeout, or once its user is deactivated.
 */
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /**
   * Starts a session for a user who has just proved who they are, by password or by a
   * validated SAML assertion, and returns the secret to put in the session cookie.
   */
  async start(
    organizationId: string,
    userId: string,
    method: SessionMethod,
    saml?: SamlSessionDetails,
  ): Promise<StartedSession> {
    const now = this.deps.now();
    const absoluteMs = this.deps.config.sessionAbsoluteTimeoutHours * 3600_000;
    const secret = generateSessionSecret();

    const session = this.em.create(Session, {
      organizationId,
      id: newId(),
      userId,
      secretHash: hashSessionSecret(secret),
      method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + absoluteMs),
      samlNameId: saml?.nameId ?? null,
      samlNameIdFormat: saml?.nameIdFormat ?? null,
      samlSessionIndex: saml?.sessionIndex ?? null,
    });
    await this.em.flush();

    return { session, secret };
  }

  /**
   * Returns the principal of the session a cookie secret belongs to, or undefined when the
   * secret is unknown, the session timed out, or its user is inactive. Timed-out sessions are
   * deleted.
   */
  async resume(secret: string): Promise<Principal | undefined> {
    if (secret.length === 0 || secret.length > MAX_SECRET_LENGTH) {
      return undefined;
    }

    const rows = await this.em.execute<SessionRow[]>(
      `select s.organization_id, s.id, s.user_id, s.method, s.last_seen_at, s.expires_at,
              u.role, u.active, u.password_change_required
         from sessions s
         join users u on u.organization_id = s.organization_id and u.id = s.user_id
        where s.secret_hash = ?`,
      [hashSessionSecret(secret)],
    );
    const row = rows[0];
    if (!row) {
      return undefined;
    }

    const now = this.deps.now().getTime();
    const idleMs = this.deps.config.sessionIdleTimeoutMinutes * 60_000;
    const lastSeen = new Date(row.last_seen_at).getTime();

    if (new Date(row.expires_at).getTime() <= now || lastSeen + idleMs <= now) {
      await this.end(row.organization_id, row.id);
      return undefined;
    }
    if (!row.active) {
      return undefined;
    }

    if (now - lastSeen >= LAST_SEEN_INTERVAL_MS) {
      await this.em.execute(
        'update sessions set last_seen_at = ? where organization_id = ? and id = ?',
        [new Date(now), row.organization_id, row.id],
      );
    }

    return {
      organizationId: row.organization_id,
      userId: row.user_id,
      role: row.role,
      via: 'session',
      sessionId: row.id,
      // A one-time password binds only sessions that signed in with it, not SAML ones.
      passwordChangeRequired: row.method === 'PASSWORD' && row.password_change_required,
    };
  }

  /** Ends one session; ending a session that is gone does nothing. */
  async end(organizationId: string, sessionId: string): Promise<void> {
    await this.em.execute('delete from sessions where organization_id = ? and id = ?', [
      organizationId,
      sessionId,
    ]);
  }

  /** Ends every session of a user except `keepSessionId`, as after a password change. */
  async endOthers(organizationId: string, userId: string, keepSessionId?: string): Promise<void> {
    if (keepSessionId) {
      await this.em.execute(
        'delete from sessions where organization_id = ? and user_id = ? and id <> ?',
        [organizationId, userId, keepSessionId],
      );
      return;
    }

    await this.em.execute('delete from sessions where organization_id = ? and user_id = ?', [
      organizationId,
      userId,
    ]);
  }

  /**
   * Deletes a user's sessions that have timed out; sign-in calls it.
   *
   * NOTE: nothing else removes timed-out sessions of users who never sign in again or present
   * their cookie; such rows stay until then.
   */
  async deleteExpired(organizationId: string, userId: string): Promise<void> {
    const now = this.deps.now();
    const idleCutoff = new Date(
      now.getTime() - this.deps.config.sessionIdleTimeoutMinutes * 60_000,
    );

    await this.em.execute(
      `delete from sessions
        where organization_id = ? and user_id = ? and (expires_at <= ? or last_seen_at <= ?)`,
      [organizationId, userId, now, idleCutoff],
    );
  }
}
