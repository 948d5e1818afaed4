import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A value stored for one field: text, number, boolean, or a list of choices. */
export type FieldValue = string | number | boolean | string[];

/** One record of an application; provisioned users each get one, linked by `userId`. */
@Entity({ tableName: 'application_records' })
export class ApplicationRecord {
  [OptionalProps]?: 'userId' | 'archivedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  applicationId!: string;

  /** The Roster user this record mirrors; null for records an admin created by hand. */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  /** Values by field key; a field without a value has no key here. */
  @Property({ type: 'json', fieldName: 'field_values' })
  values: Record<string, FieldValue> = {};

  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
