import type { EntityManager } from '@mikro-orm/postgresql';

import { ApiToken, type TokenScope } from '../../entities/api-token.entity';
import { Organization } from '../../entities/organization.entity';
import { SamlIntegration } from '../../entities/saml-integration.entity';
import { User } from '../../entities/user.entity';
import type { AdminActor } from '../actor';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { isUuid, newId } from '../ids';
import { findPage, mapPage, type Page, type PageRequest } from '../paging';
import { resolveTokenExpiry, type TokenExpiration } from './token-expiration';
import { displayPrefixOf, generateTokenSecret, hashTokenSecret } from './token-secret';
import { viewToken, type TokenOwner, type TokenView } from './token-view';

export const MAX_TOKEN_TITLE_LENGTH = 100;
export const MAX_TOKEN_DESCRIPTION_LENGTH = 1000;
export const MIN_SUPPLIED_SECRET_LENGTH = 32;

export interface CreateTokenInput {
  title: string;
  description?: string | null;
  /** The user the token acts as: an active admin of the same organization. */
  userId: string;
  scope: TokenScope;
  expiration: TokenExpiration;
  /** The expiry date, with expiration DATE only. */
  expiresAt?: Date | null;
  /** A secret chosen by the operator (first-start set-up only); generated when absent. */
  secret?: string;
  /**
   * Creates a SCIM token without an enabled SAML integration. Only the first-start bootstrap
   * sets it, for automated set-ups that configure single sign-on later.
   */
  skipSsoCheck?: boolean;
}

export interface CreatedToken {
  token: TokenView;
  /** The only copy of the secret; Roster keeps its hash. */
  secret: string;
}

/** Creates, lists and revokes an organization's bearer tokens, recording each change. */
export class TokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /**
   * Creates a token and returns it with its secret, which is never readable again. A SCIM
   * token needs an enabled SAML integration (SSO_REQUIRED otherwise).
   */
  async create(actor: AdminActor, input: CreateTokenInput): Promise<CreatedToken> {
    const title = input.title.trim();
    const description = input.description?.trim() || null;
    this.validateText(title, description, input.secret);

    return this.em.transactional(async (tx) => {
      const now = this.deps.now();
      const organizationId = actor.organizationId;
      const expiresAt = resolveTokenExpiry(input.expiration, input.expiresAt, now);

      await assertNeverExpiringAllowed(tx, organizationId, expiresAt);
      const user = await findActiveAdmin(tx, organizationId, input.userId);
      if (input.scope === 'SCIM' && !input.skipSsoCheck) {
        await assertSsoEnabled(tx, organizationId);
      }

      const secret = input.secret ?? generateTokenSecret(input.scope);
      const token = tx.create(ApiToken, {
        organizationId,
        id: newId(),
        userId: user.id,
        title,
        description,
        scope: input.scope,
        displayPrefix: displayPrefixOf(secret),
        secretHash: hashTokenSecret(secret),
        createdByUserId: actor.userId,
        createdAt: now,
        expiresAt,
        revokedAt: null,
        lastUsedAt: null,
      });
      await tx.flush();

      await recordAudit(
        tx,
        actor,
        {
          action: 'TOKEN_CREATED',
          targetType: 'TOKEN',
          targetId: token.id,
          detail: {
            title,
            scope: input.scope,
            userId: user.id,
            expiresAt: expiresAt?.toISOString() ?? null,
          },
        },
        now,
      );

      return { token: viewToken(token, user, now), secret };
    });
  }

  /** Lists the organization's tokens, newest first. */
  async list(actor: AdminActor, page: PageRequest): Promise<Page<TokenView>> {
    const found = await findPage(
      this.em,
      ApiToken,
      { organizationId: actor.organizationId },
      page,
      'createdAt',
    );
    const owners = await this.ownersOf(
      actor.organizationId,
      found.edges.map((edge) => edge.node.userId),
    );
    const now = this.deps.now();

    return mapPage(found, (token) => viewToken(token, owners.get(token.userId), now));
  }

  /** Returns one token of the organization; NOT_FOUND for any other id. */
  async get(actor: AdminActor, id: string): Promise<TokenView> {
    const token = await findToken(this.em, actor.organizationId, id);
    const owners = await this.ownersOf(actor.organizationId, [token.userId]);

    return viewToken(token, owners.get(token.userId), this.deps.now());
  }

  /** Revokes a token; it stops working at once. Revoking twice keeps the first time. */
  async revoke(actor: AdminActor, id: string): Promise<TokenView> {
    return this.em.transactional(async (tx) => {
      const now = this.deps.now();
      const token = await findToken(tx, actor.organizationId, id);

      if (!token.revokedAt) {
        token.revokedAt = now;
        await tx.flush();
        await recordAudit(
          tx,
          actor,
          {
            action: 'TOKEN_REVOKED',
            targetType: 'TOKEN',
            targetId: token.id,
            detail: { title: token.title, scope: token.scope },
          },
          now,
        );
      }

      const owners = await this.ownersOf(actor.organizationId, [token.userId], tx);
      return viewToken(token, owners.get(token.userId), now);
    });
  }

  private validateText(title: string, description: string | null, secret?: string): void {
    if (title.length === 0 || title.length > MAX_TOKEN_TITLE_LENGTH) {
      throw DomainError.invalid(
        `title must have 1 to ${MAX_TOKEN_TITLE_LENGTH} characters, got ${title.length}`,
        { field: 'title' },
      );
    }
    if (description && description.length > MAX_TOKEN_DESCRIPTION_LENGTH) {
      throw DomainError.invalid(
        `description must have at most ${MAX_TOKEN_DESCRIPTION_LENGTH} characters, ` +
          `got ${description.length}`,
        { field: 'description' },
      );
    }
    if (secret !== undefined && secret.length < MIN_SUPPLIED_SECRET_LENGTH) {
      throw DomainError.invalid(
        `a supplied secret needs at least ${MIN_SUPPLIED_SECRET_LENGTH} characters`,
        { field: 'secret' },
      );
    }
  }

  private async ownersOf(
    organizationId: string,
    ids: string[],
    em: EntityManager = this.em,
  ): Promise<Map<string, TokenOwner>> {
    if (ids.length === 0) {
      return new Map();
    }

    const users = await em.find(
      User,
      { organizationId, id: { $in: [...new Set(ids)] } },
      { fields: ['id', 'userName', 'active', 'role'] },
    );
    return new Map(users.map((user) => [user.id, user]));
  }
}

async function findToken(em: EntityManager, organizationId: string, id: string): Promise<ApiToken> {
  const token = isUuid(id) ? await em.findOne(ApiToken, { organizationId, id }) : null;

  if (!token) {
    throw new DomainError('NOT_FOUND', `token '${id}' not found in this organization`, {
      field: 'id',
    });
  }

  return token;
}

async function assertNeverExpiringAllowed(
  em: EntityManager,
  organizationId: string,
  expiresAt: Date | null,
): Promise<void> {
  if (expiresAt !== null) {
    return;
  }

  const organization = await em.findOne(Organization, { id: organizationId });
  if (!organization?.allowNeverExpiringTokens) {
    throw DomainError.invalid(
      'this organization does not allow tokens that never expire; choose an expiration, ' +
        'or let an admin allow them with updateOrganizationSettings',
      { field: 'expiration' },
    );
  }
}

async function findActiveAdmin(
  em: EntityManager,
  organizationId: string,
  userId: string,
): Promise<User> {
  const user = isUuid(userId) ? await em.findOne(User, { organizationId, id: userId }) : null;

  if (!user) {
    throw new DomainError('NOT_FOUND', `user '${userId}' not found in this organization`, {
      field: 'userId',
    });
  }
  if (!user.active || user.role !== 'ADMIN') {
    throw DomainError.invalid(
      `a token must act as an active admin; '${user.userName}' is not one`,
      { field: 'userId' },
    );
  }

  return user;
}

async function assertSsoEnabled(em: EntityManager, organizationId: string): Promise<void> {
  const enabled = await em.count(SamlIntegration, { organizationId, enabled: true });

  if (enabled === 0) {
    throw new DomainError(
      'SSO_REQUIRED',
      'SCIM provisioning needs single sign-on: set up and enable the SAML integration ' +
        '(createSamlIntegration, then enableSamlIntegration) before creating a SCIM token',
      { field: 'scope' },
    );
  }
}
