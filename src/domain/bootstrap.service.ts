import { randomBytes } from 'node:crypto';

import { hash } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';

import { Organization } from '../entities/organization.entity';
import { User } from '../entities/user.entity';
import type { DomainDeps } from './deps';
import { newId } from './ids';
import { TokenService } from './tokens/token.service';

/** Arbitrary constant for `pg_advisory_xact_lock`, so that concurrent first starts queue up. */
const BOOTSTRAP_LOCK_KEY = 7_240_318_001;

const BOOTSTRAP_TOKEN_LIFETIME_DAYS = 365;

export interface BootstrapResult {
  organizationId: string;
  adminUserId: string;
  adminEmail: string;
  /** Shown once to the operator; Roster keeps only its argon2id hash. */
  oneTimePassword: string;
  scimTokenId?: string;
}

/**
 * Creates organization `default` and its first admin when the database has no organization.
 * With a bootstrap SCIM token configured, also creates that token for the admin. Returns
 * undefined when the database was already set up.
 */
export async function bootstrapIfEmpty(
  em: EntityManager,
  deps: DomainDeps,
): Promise<BootstrapResult | undefined> {
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK_KEY]);

    if ((await tx.count(Organization, {})) > 0) {
      return undefined;
    }

    const now = deps.now();
    const organization = tx.create(Organization, {
      id: newId(),
      slug: 'default',
      name: 'Default organization',
      allowNeverExpiringTokens: false,
      createdAt: now,
      updatedAt: now,
    });
    // Entities declare no relations, so MikroORM cannot order the inserts: flush the parent first.
    await tx.flush();

    const oneTimePassword = randomBytes(18).toString('base64url');
    const email = deps.config.bootstrapAdminEmail;
    const admin = tx.create(User, {
      organizationId: organization.id,
      id: newId(),
      userName: email,
      displayName: 'Administrator',
      emails: [{ value: email, type: 'work', primary: true }],
      role: 'ADMIN',
      active: true,
      passwordHash: await hash(oneTimePassword),
      createdAt: now,
      updatedAt: now,
    });
    await tx.flush();

    const result: BootstrapResult = {
      organizationId: organization.id,
      adminUserId: admin.id,
      adminEmail: email,
      oneTimePassword,
    };

    const secret = deps.config.bootstrapScimToken;
    if (secret) {
      const lifetimeMs = BOOTSTRAP_TOKEN_LIFETIME_DAYS * 24 * 3600 * 1000;
      const created = await new TokenService(tx, deps).create(organization.id, {
        title: 'Bootstrap SCIM token',
        description: 'Created at first start from ROSTER_BOOTSTRAP_SCIM_TOKEN',
        userId: admin.id,
        scope: 'SCIM',
        expiresAt: new Date(now.getTime() + lifetimeMs),
        secret,
      });
      result.scimTokenId = created.token.id;
    }

    return result;
  });
}
