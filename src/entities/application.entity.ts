import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A no-code application of an organization: typed fields and records. */
@Entity({ tableName: 'applications' })
export class Application {
  [OptionalProps]?: 'archivedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Unique per organization, compared without regard to case. */
  @Property({ type: 'text' })
  name!: string;

  /** Set when archived; archived applications keep their records but accept no new ones. */
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
