import type { EntityManager } from '@mikro-orm/postgresql';

import { ApiToken, type TokenScope } from '../../entities/api-token.entity';
import { Organization } from '../../entities/organization.entity';
import { User } from '../../entities/user.entity';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { displayPrefixOf, generateTokenSecret, hashTokenSecret } from './token-secret';

export const MAX_TOKEN_TITLE_LENGTH = 100;
export const MAX_TOKEN_DESCRIPTION_LENGTH = 1000;
export const MIN_SUPPLIED_SECRET_LENGTH = 32;

export interface CreateTokenInput {
  title: string;
  description?: string | null;
  /** The user the token acts as: an active admin of the same organization. */
  userId: string;
  scope: TokenScope;
  /** Null for a token that never expires, which the organization must allow. */
  expiresAt: Date | null;
  createdByUserId?: string | null;
  /** A secret chosen by the operator (first-run set-up only); generated when absent. */
  secret?: string;
}

export interface CreatedToken {
  token: ApiToken;
  /** The only copy of the secret; Roster keeps its hash. */
  secret: string;
}

/** Creates, lists and revokes an organization's bearer tokens. */
export class TokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /** Creates a token and returns it with its secret, which is never readable again. */
  async create(organizationId: string, input: CreateTokenInput): Promise<CreatedToken> {
    const title = input.title.trim();
    const description = input.description?.trim() || null;
    const now = this.deps.now();

    if (title.length === 0 || title.length > MAX_TOKEN_TITLE_LENGTH) {
      throw DomainError.invalid(
        `title must have 1 to ${MAX_TOKEN_TITLE_LENGTH} characters, got ${title.length}`,
        { field: 'title' },
      );
    }
    if (description && description.length > MAX_TOKEN_DESCRIPTION_LENGTH) {
      throw DomainError.invalid(
        `description must have at most ${MAX_TOKEN_DESCRIPTION_LENGTH} characters`,
        { field: 'description' },
      );
    }
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
      throw DomainError.invalid('expiration must be in the future', { field: 'expiresAt' });
    }
    if (input.secret !== undefined && input.secret.length < MIN_SUPPLIED_SECRET_LENGTH) {
      throw DomainError.invalid(
        `a supplied secret needs at least ${MIN_SUPPLIED_SECRET_LENGTH} characters`,
        { field: 'secret' },
      );
    }

    await this.assertNeverExpiringAllowed(organizationId, input.expiresAt);
    await this.assertActiveAdmin(organizationId, input.userId);

    const secret = input.secret ?? generateTokenSecret(input.scope);
    const token = this.em.create(ApiToken, {
      organizationId,
      id: newId(),
      userId: input.userId,
      title,
      description,
      scope: input.scope,
      displayPrefix: displayPrefixOf(secret),
      secretHash: hashTokenSecret(secret),
      createdByUserId: input.createdByUserId ?? null,
      createdAt: now,
      expiresAt: input.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    });
    await this.em.flush();

    return { token, secret };
  }

  /** Lists the organization's tokens, newest first. */
  async list(organizationId: string): Promise<ApiToken[]> {
    return this.em.find(
      ApiToken,
      { organizationId },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  /** Revokes a token; it stops working at once. Revoking twice keeps the first time. */
  async revoke(organizationId: string, id: string): Promise<ApiToken> {
    const token = await this.em.findOne(ApiToken, { organizationId, id });

    if (!token) {
      throw DomainError.notFound('token', id);
    }

    token.revokedAt ??= this.deps.now();
    await this.em.flush();

    return token;
  }

  private async assertNeverExpiringAllowed(
    organizationId: string,
    expiresAt: Date | null,
  ): Promise<void> {
    if (expiresAt !== null) {
      return;
    }

    const organization = await this.em.findOne(Organization, { id: organizationId });
    if (!organization?.allowNeverExpiringTokens) {
      throw DomainError.invalid(
        'this organization does not allow tokens that never expire; choose an expiration',
        { field: 'expiresAt' },
      );
    }
  }

  private async assertActiveAdmin(organizationId: string, userId: string): Promise<void> {
    const user = await this.em.findOne(User, { organizationId, id: userId });

    if (!user) {
      throw DomainError.invalid(`user '${userId}' not found in this organization`, {
        field: 'userId',
      });
    }
    if (!user.active || user.role !== 'ADMIN') {
      throw DomainError.invalid(
        `a token must act as an active admin; '${user.userName}' is not one`,
        { field: 'userId' },
      );
    }
  }
}
