import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** The action on a user's record when the user is deactivated or deleted. */
export type DeprovisionAction = 'SET_STATUS' | 'ARCHIVE' | 'DELETE';

/** One mapping row: a SCIM attribute path and the field key it fills. */
export interface AttributeMappingRow {
  source: string;
  field: string;
}

/** An organization's SCIM settings: the application provisioned users flow into, and how. */
@Entity({ tableName: 'scim_settings' })
export class ScimSettings {
  [OptionalProps]?: 'version' | 'resyncRecommended';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  /** The application that receives a record per provisioned user; null turns sync off. */
  @Property({ type: 'uuid', nullable: true })
  targetApplicationId: string | null = null;

  @Property({ type: 'json' })
  mappings: AttributeMappingRow[] = [];

  @Property({ type: 'text' })
  deprovisionAction: DeprovisionAction = 'ARCHIVE';

  /** The field key that SET_STATUS writes, and the values it writes there. */
  @Property({ type: 'text', nullable: true })
  statusField: string | null = null;

  @Property({ type: 'text', nullable: true })
  activeStatus: string | null = null;

  @Property({ type: 'text', nullable: true })
  inactiveStatus: string | null = null;

  @Property({ type: 'text', nullable: true })
  deletedStatus: string | null = null;

  /** Set when the target or mapping changed after the last resync started. */
  @Property({ type: 'boolean' })
  resyncRecommended: boolean = false;

  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
