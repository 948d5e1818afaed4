import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

import type {
  AttributeChange,
  EventError,
  ProvisioningOperation,
  ProvisioningOutcome,
} from '../domain/provisioning/event-types';
import type { ProvisioningWarning } from '../domain/changes/directory-change';

/** One SCIM request that a provisioning client sent, what Roster did, and what changed. */
@Entity({ tableName: 'provisioning_events' })
export class ProvisioningEvent {
  [OptionalProps]?: 'changes' | 'warnings';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  /** A UUIDv7 taken when the request arrived, so ordering by id follows arrival. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** When the request arrived. */
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'text' })
  requestId!: string;

  @Property({ type: 'uuid', nullable: true })
  tokenId?: string | null;

  @Property({ type: 'text', nullable: true })
  tokenTitle?: string | null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;

  @Property({ type: 'text' })
  method!: string;

  @Property({ type: 'text' })
  path!: string;

  /** The query string without the leading `?`, if any. */
  @Property({ type: 'text', nullable: true })
  query?: string | null;

  @Property({ type: 'text' })
  operation!: ProvisioningOperation;

  /** `User`, `Group`, or a discovery resource such as `Schemas`. */
  @Property({ type: 'text', nullable: true })
  resourceType?: string | null;

  /** The resource id as the client sent it or as Roster assigned it; may not be a UUID. */
  @Property({ type: 'text', nullable: true })
  resourceId?: string | null;

  @Property({ type: 'text', nullable: true })
  externalId?: string | null;

  /** The user's userName or the group's displayName. */
  @Property({ type: 'text', nullable: true })
  resourceName?: string | null;

  @Property({ type: 'integer' })
  status!: number;

  @Property({ type: 'text' })
  outcome!: ProvisioningOutcome;

  @Property({ type: 'double' })
  durationMs!: number;

  @Property({ type: 'json' })
  changes: AttributeChange[] = [];

  @Property({ type: 'json' })
  warnings: ProvisioningWarning[] = [];

  @Property({ type: 'json', nullable: true })
  error?: EventError | null;
}
