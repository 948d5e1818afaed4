import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

export type TokenScope = 'SCIM' | 'API';

/**
 * A bearer token that acts as one user of an organization. Only a SHA-256 hash of the
 * secret is stored, with its first characters for display.
 */
@Entity({ tableName: 'api_tokens' })
export class ApiToken {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The user the token acts as; requests fail once that user is inactive or not an admin. */
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** `SCIM` tokens work only at /scim/v2, `API` tokens only at /graphql. */
  @Property({ type: 'text' })
  scope!: TokenScope;

  /** The secret's first characters, enough to recognize it in a list. */
  @Property({ type: 'text' })
  displayPrefix!: string;

  /** Hex SHA-256 of the whole secret. */
  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'uuid', nullable: true })
  createdByUserId?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** Null when the token never expires. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  /** Updated at most once a minute, not on every request. */
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;
}
