import type { EntityManager } from '@mikro-orm/postgresql';

import { Organization } from '../../entities/organization.entity';
import { User } from '../../entities/user.entity';
import type { AdminActor } from '../actor';
import { recordAudit } from '../audit/audit.service';
import { generateOneTimePassword, hashPassword } from '../auth/password';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { newId } from '../ids';

/** Lower-case letters, digits and inner dashes, 1 to 63 characters: safe in URL paths. */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_NAME_LENGTH = 200;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewOrganization {
  slug: string;
  name: string;
  adminEmail: string;
}

export interface CreatedOrganization {
  organization: Organization;
  admin: User;
  /** Shown once to the operator; Roster keeps only its argon2id hash. */
  oneTimePassword: string;
}

export interface OrganizationSettings {
  allowNeverExpiringTokens?: boolean | null;
}

/** Creates organizations and changes their settings. */
export class OrganizationService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /**
   * Creates an organization with one admin whose one-time password must be changed at the
   * first sign-in. Raises CONFLICT when the slug is taken.
   */
  async createWithAdmin(actorVia: 'CLI' | 'SYSTEM', input: NewOrganization) {
    const slug = input.slug.trim().toLowerCase();
    const name = input.name.trim();
    const email = input.adminEmail.trim();
    validateNewOrganization(slug, name, email);

    return this.em.transactional(async (tx): Promise<CreatedOrganization> => {
      const now = this.deps.now();
      if ((await tx.count(Organization, { slug })) > 0) {
        throw DomainError.conflict(`organization slug '${slug}' is already taken`, 'slug');
      }

      const organization = tx.create(Organization, {
        id: newId(),
        slug,
        name,
        allowNeverExpiringTokens: false,
        createdAt: now,
        updatedAt: now,
      });
      // Entities declare no relations, so MikroORM cannot order the inserts. Flush the parent
      // first.
      await tx.flush();

      const oneTimePassword = generateOneTimePassword();
      const admin = tx.create(User, {
        organizationId: organization.id,
        id: newId(),
        userName: email,
        displayName: 'Administrator',
        emails: [{ value: email, type: 'work', primary: true }],
        role: 'ADMIN',
        active: true,
        passwordHash: await hashPassword(oneTimePassword),
        passwordChangeRequired: true,
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();

      await recordAudit(
        tx,
        { organizationId: organization.id, via: actorVia, userId: null, tokenId: null },
        {
          action: 'ORGANIZATION_CREATED',
          targetType: 'ORGANIZATION',
          targetId: organization.id,
          detail: { slug, name, adminUserId: admin.id, adminEmail: email },
        },
        now,
      );

      return { organization, admin, oneTimePassword };
    });
  }

  /** Returns the organization with this slug (compared case-insensitively), if any. */
  async findBySlug(slug: string): Promise<Organization | null> {
    return this.em.findOne(Organization, { slug: slug.trim().toLowerCase() });
  }

  /** Changes the organization's settings; only the fields given change. */
  async updateSettings(actor: AdminActor, settings: OrganizationSettings): Promise<Organization> {
    return this.em.transactional(async (tx) => {
      const now = this.deps.now();
      const organization = await tx.findOneOrFail(Organization, { id: actor.organizationId });
      const changes: Record<string, { from: unknown; to: unknown }> = {};

      const allow = settings.allowNeverExpiringTokens;
      if (
        allow !== undefined &&
        allow !== null &&
        allow !== organization.allowNeverExpiringTokens
      ) {
        changes.allowNeverExpiringTokens = {
          from: organization.allowNeverExpiringTokens,
          to: allow,
        };
        organization.allowNeverExpiringTokens = allow;
      }

      if (Object.keys(changes).length === 0) {
        return organization;
      }

      organization.updatedAt = now;
      await tx.flush();
      await recordAudit(
        tx,
        actor,
        {
          action: 'ORGANIZATION_SETTINGS_CHANGED',
          targetType: 'ORGANIZATION',
          targetId: organization.id,
          detail: changes,
        },
        now,
      );

      return organization;
    });
  }
}

function validateNewOrganization(slug: string, name: string, email: string): void {
  if (!SLUG_PATTERN.test(slug)) {
    throw DomainError.invalid(
      `invalid slug '${slug}': use 1 to 63 lower-case letters, digits and inner dashes`,
      { field: 'slug' },
    );
  }
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw DomainError.invalid(`name must have 1 to ${MAX_NAME_LENGTH} characters`, {
      field: 'name',
    });
  }
  if (!EMAIL_PATTERN.test(email)) {
    throw DomainError.invalid(`invalid admin email '${email}'`, { field: 'adminEmail' });
  }
}

/** Derives a slug from an organization name: "Acme Corp." becomes "acme-corp". */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}
