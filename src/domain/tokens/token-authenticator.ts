import type { EntityManager } from '@mikro-orm/postgresql';

import type { TokenScope } from '../../entities/api-token.entity';
import type { UserRole } from '../../entities/user.entity';
import type { DomainDeps } from '../deps';
import type { Principal } from '../principal';
import type { SchemaVersionRead } from '../request-registries';
import { hashTokenSecret } from './token-secret';

/** Why a bearer token was rejected; logged with the token id, never shown to the caller. */
export type TokenRejection =
  'unknown' | 'revoked' | 'expired' | 'wrong-scope' | 'owner-inactive' | 'owner-not-admin';

export type TokenCheck =
  | {
      ok: true;
      principal: Principal;
      /** The organization's extension schema version, read with the token. */
      schemaVersion: SchemaVersionRead;
      /** The SCIM settings' target application, read with the token; null when none. */
      syncTarget: string | null;
    }
  | { ok: false; reason: TokenRejection; tokenId?: string; organizationId?: string };

interface TokenRow {
  organization_id: string;
  id: string;
  title: string;
  scope: TokenScope;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  user_id: string;
  role: UserRole;
  active: boolean;
  schema_version: string | null;
  sync_target: string | null;
}

const LAST_USED_INTERVAL_MS = 60_000;

/** Longest secret worth hashing; Roster's secrets have 55 characters. */
const MAX_SECRET_LENGTH = 1024;

/**
 * Checks bearer tokens: one indexed query per request, so revocation, expiry and changes to
 * the owner take effect at once. `lastUsedAt` is written at most once a minute per token and
 * per process.
 */
export class TokenAuthenticator {
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(private readonly deps: DomainDeps) {}

  /** Returns the principal a secret stands for, or why the secret is rejected. */
  async check(em: EntityManager, secret: string, scope: TokenScope): Promise<TokenCheck> {
    if (secret.length === 0 || secret.length > MAX_SECRET_LENGTH) {
      return { ok: false, reason: 'unknown' };
    }

    const rows = await em.execute<TokenRow[]>('select * from bearer_token_principal(?)', [
      hashTokenSecret(secret),
    ]);
    const row = rows[0];

    if (!row) {
      return { ok: false, reason: 'unknown' };
    }

    const rejection = this.rejectionOf(row, scope);
    if (rejection) {
      return { ok: false, reason: rejection, tokenId: row.id, organizationId: row.organization_id };
    }

    await this.recordUse(em, row);

    return {
      ok: true,
      principal: {
        organizationId: row.organization_id,
        userId: row.user_id,
        role: row.role,
        via: 'token',
        tokenId: row.id,
        tokenTitle: row.title,
      },
      schemaVersion: {
        organizationId: row.organization_id,
        version: row.schema_version,
        readAt: performance.now(),
      },
      syncTarget: row.sync_target,
    };
  }

  private rejectionOf(row: TokenRow, scope: TokenScope): TokenRejection | undefined {
    const now = this.deps.now().getTime();

    if (row.revoked_at !== null) {
      return 'revoked';
    }
    if (row.expires_at !== null && new Date(row.expires_at).getTime() <= now) {
      return 'expired';
    }
    if (row.scope !== scope) {
      return 'wrong-scope';
    }
    if (!row.active) {
      return 'owner-inactive';
    }
    if (row.role !== 'ADMIN') {
      return 'owner-not-admin';
    }

    return undefined;
  }

  private async recordUse(em: EntityManager, row: TokenRow): Promise<void> {
    const now = this.deps.now();
    const lastWrite = this.lastUsedWrites.get(row.id) ?? 0;

    if (now.getTime() - lastWrite < LAST_USED_INTERVAL_MS) {
      return;
    }
    this.lastUsedWrites.set(row.id, now.getTime());

    const threshold = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
    await em.execute(
      `update api_tokens set last_used_at = ?
        where organization_id = ? and id = ? and (last_used_at is null or last_used_at < ?)`,
      [now, row.organization_id, row.id, threshold],
    );
  }
}
