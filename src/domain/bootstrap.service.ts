import type { EntityManager } from '@mikro-orm/postgresql';

import { Organization } from '../entities/organization.entity';
import { systemActor } from './actor';
import type { DomainDeps } from './deps';
import { OrganizationService } from './organizations/organization.service';
import { TokenService } from './tokens/token.service';

/** Arbitrary constant for `pg_advisory_xact_lock`, so that concurrent first starts queue up. */
const BOOTSTRAP_LOCK_KEY = 7_240_318_001;

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

    const created = await new OrganizationService(tx, deps).createWithAdmin('SYSTEM', {
      slug: 'default',
      name: 'Default organization',
      adminEmail: deps.config.bootstrapAdminEmail,
    });
    const result: BootstrapResult = {
      organizationId: created.organization.id,
      adminUserId: created.admin.id,
      adminEmail: created.admin.userName,
      oneTimePassword: created.oneTimePassword,
    };

    const secret = deps.config.bootstrapScimToken;
    if (secret) {
      const actor = systemActor(created.organization.id, 'SYSTEM');
      const token = await new TokenService(tx, deps).create(actor, {
        title: 'Bootstrap SCIM token',
        description: 'Created at first start from ROSTER_BOOTSTRAP_SCIM_TOKEN',
        userId: created.admin.id,
        scope: 'SCIM',
        expiration: 'DAYS_365',
        secret,
        skipSsoCheck: true,
      });
      result.scimTokenId = token.token.id;
    }

    return result;
  });
}
