import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type ResyncStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

/**
 * A background recomputation of every user's record. Its position (`lastUserId`) is stored
 * after each batch, so a restarted server resumes where the previous one stopped.
 */
@Entity({ tableName: 'scim_resync_jobs' })
export class ScimResyncJob {
  [OptionalProps]?: 'processed' | 'warnings' | 'lastUserId' | 'lastError' | 'finishedAt';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  applicationId!: string;

  @Property({ type: 'text' })
  status!: ResyncStatus;

  /** Users in the organization when the job started. */
  @Property({ type: 'integer' })
  total!: number;

  @Property({ type: 'integer' })
  processed: number = 0;

  /** Values that could not convert and were left empty. */
  @Property({ type: 'integer' })
  warnings: number = 0;

  /** The last user id processed; users are processed in id order. */
  @Property({ type: 'uuid', nullable: true })
  lastUserId: string | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
