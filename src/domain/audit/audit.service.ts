import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';

import { AuditEvent } from '../../entities/audit-event.entity';
import type { Actor, AdminActor } from '../actor';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { findPage, type Page, type PageRequest } from '../paging';
import type { AuditAction, AuditTargetType } from './audit-action';

/** What happened, to what; `detail` must never contain a secret. */
export interface AuditEntry {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  actions?: AuditAction[] | null;
  /** Inclusive lower bound of `occurredAt`. */
  from?: Date | null;
  /** Exclusive upper bound of `occurredAt`. */
  to?: Date | null;
}

/**
 * Adds an audit event through `em` and flushes it. Call it with the EntityManager of the
 * change's transaction, so the event is written if and only if the change is.
 */
export async function recordAudit(
  em: EntityManager,
  actor: Actor,
  entry: AuditEntry,
  occurredAt: Date,
): Promise<AuditEvent> {
  const event = em.create(AuditEvent, {
    organizationId: actor.organizationId,
    id: newId(),
    occurredAt,
    action: entry.action,
    actorVia: actor.via,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    targetType: entry.targetType,
    targetId: entry.targetId,
    requestId: actor.requestId ?? null,
    detail: entry.detail ?? {},
  });
  await em.flush();

  return event;
}

/** Reads an organization's audit trail. */
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** Lists the organization's audit events, newest first, filtered by action and time. */
  async list(actor: AdminActor, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
      throw DomainError.invalid(
        `from (${filter.from.toISOString()}) must be before to (${filter.to.toISOString()})`,
        { field: 'filter.to' },
      );
    }

    const where: FilterQuery<AuditEvent> = { organizationId: actor.organizationId };
    if (filter.actions && filter.actions.length > 0) {
      where.action = { $in: filter.actions };
    }
    if (filter.from || filter.to) {
      where.occurredAt = {
        ...(filter.from ? { $gte: filter.from } : {}),
        ...(filter.to ? { $lt: filter.to } : {}),
      };
    }

    return findPage(this.em, AuditEvent, where, page, 'occurredAt');
  }
}
