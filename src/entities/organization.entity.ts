import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A tenant: every other table row belongs to exactly one organization. */
@Entity({ tableName: 'organizations' })
export class Organization {
  [OptionalProps]?: 'allowNeverExpiringTokens' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Short name used in URLs (`/sso/{slug}/login`), unique across Roster. */
  @Property({ type: 'text' })
  slug!: string;

  @Property({ type: 'text' })
  name!: string;

  /** Whether admins may create tokens that never expire. */
  @Property({ type: 'boolean', default: false })
  allowNeverExpiringTokens: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
