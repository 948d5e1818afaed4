import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** How the actor of an audited change was authenticated. */
export type ActorVia = 'SESSION' | 'TOKEN' | 'CLI' | 'SYSTEM' | 'ANONYMOUS';

/** One administrative change or sign-in, kept for the organization's admins to review. */
@Entity({ tableName: 'audit_events' })
export class AuditEvent {
  [OptionalProps]?: 'detail';

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  /** What happened, such as `TOKEN_CREATED`; see `AuditAction`. */
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  actorVia!: ActorVia;

  @Property({ type: 'uuid', nullable: true })
  actorUserId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  actorTokenId?: string | null;

  /** The kind of thing changed, such as `TOKEN` or `SAML_INTEGRATION`. */
  @Property({ type: 'text' })
  targetType!: string;

  @Property({ type: 'text', nullable: true })
  targetId?: string | null;

  /** The request that made the change, to find its log lines. */
  @Property({ type: 'text', nullable: true })
  requestId?: string | null;

  /** A few facts about the change; never a secret. */
  @Property({ type: 'json' })
  detail: Record<string, unknown> = {};
}
