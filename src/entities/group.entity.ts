import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A SCIM group. Its members live in `group_members`, never loaded as a whole. */
@Entity({ tableName: 'groups' })
export class Group {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Unique per organization, compared without regard to case. */
  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', nullable: true })
  externalId?: string | null;

  /** Increases by one on every change, memberships included; the ETag is `W/"<version>"`. */
  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
