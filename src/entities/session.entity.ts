import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** How a session's user proved who they are. */
export type SessionMethod = 'PASSWORD' | 'SAML';

/**
 * A signed-in browser session. The cookie carries a random secret; only its SHA-256 hash is
 * stored, so a copy of the table cannot be replayed.
 */
@Entity({ tableName: 'sessions' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  /** Hex SHA-256 of the cookie's secret. */
  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Property({ type: 'text' })
  method!: SessionMethod;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** Updated at most once a minute; the idle timeout counts from here. */
  @Property({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The SAML NameID of a SAML session, sent back in the logout request to the IdP. */
  @Property({ type: 'text', nullable: true })
  samlNameId?: string | null;

  @Property({ type: 'text', nullable: true })
  samlNameIdFormat?: string | null;

  /** The IdP's SessionIndex of a SAML session, sent back in the logout request. */
  @Property({ type: 'text', nullable: true })
  samlSessionIndex?: string | null;

  /** The absolute timeout: the session ends here however active it is. */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
