import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';

import { ProvisioningEvent } from '../../entities/provisioning-event.entity';
import type { AdminActor } from '../actor';
import { DomainError } from '../errors';
import { isUuid } from '../ids';
import { findPage, type Page, type PageRequest } from '../paging';
import type { ProvisioningOperation, ProvisioningOutcome } from './event-types';

export interface ProvisioningEventFilter {
  /** Inclusive lower bound of `occurredAt`. */
  from?: Date | null;
  /** Exclusive upper bound of `occurredAt`. */
  to?: Date | null;
  outcomes?: ProvisioningOutcome[] | null;
  operations?: ProvisioningOperation[] | null;
  resourceTypes?: string[] | null;
  resourceId?: string | null;
  /** Part of the userName, displayName or externalId, compared without regard to case. */
  nameContains?: string | null;
  tokenId?: string | null;
}

export type SummaryPeriod = 'HOUR' | 'DAY';

/** Counts of one period, for a dashboard. */
export interface SummaryBucket {
  start: Date;
  total: number;
  created: number;
  updated: number;
  disabled: number;
  enabled: number;
  deleted: number;
  membershipChanges: number;
  failed: number;
  warnings: number;
}

/** Most periods one summary returns. */
export const MAX_SUMMARY_BUCKETS = 1000;

const PERIOD_MS: Record<SummaryPeriod, number> = { HOUR: 3600_000, DAY: 24 * 3600_000 };

interface BucketRow {
  start: Date | string;
  total: string | number;
  created: string | number;
  updated: string | number;
  disabled: string | number;
  enabled: string | number;
  deleted: string | number;
  membership_changes: string | number;
  failed: string | number;
  warnings: string | number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function checkRange(from: Date | null | undefined, to: Date | null | undefined): void {
  if (from && to && from.getTime() >= to.getTime()) {
    throw DomainError.invalid(
      `from (${from.toISOString()}) must be before to (${to.toISOString()})`,
      { field: 'filter.to' },
    );
  }
}

/** Builds the ORM condition of a filter within one organization. */
export function whereOf(
  organizationId: string,
  filter: ProvisioningEventFilter,
): FilterQuery<ProvisioningEvent> {
  checkRange(filter.from, filter.to);
  const where: FilterQuery<ProvisioningEvent> & Record<string, unknown> = { organizationId };

  if (filter.outcomes?.length) {
    where.outcome = { $in: filter.outcomes };
  }
  if (filter.operations?.length) {
    where.operation = { $in: filter.operations };
  }
  if (filter.resourceTypes?.length) {
    where.resourceType = { $in: filter.resourceTypes };
  }
  if (filter.resourceId) {
    where.resourceId = filter.resourceId;
  }
  if (filter.tokenId) {
    if (!isUuid(filter.tokenId)) {
      throw DomainError.invalid(`tokenId '${filter.tokenId}' is not a UUID`, {
        field: 'filter.tokenId',
      });
    }
    where.tokenId = filter.tokenId;
  }
  if (filter.nameContains) {
    const pattern = `%${escapeLike(filter.nameContains)}%`;
    where.$or = [{ resourceName: { $ilike: pattern } }, { externalId: { $ilike: pattern } }];
  }
  if (filter.from || filter.to) {
    where.occurredAt = {
      ...(filter.from ? { $gte: filter.from } : {}),
      ...(filter.to ? { $lt: filter.to } : {}),
    };
  }

  return where;
}

/** Reads an organization's provisioning log. */
export class ProvisioningEventService {
  constructor(private readonly em: EntityManager) {}

  /** Lists events newest first. */
  list(
    actor: AdminActor,
    filter: ProvisioningEventFilter,
    page: PageRequest,
  ): Promise<Page<ProvisioningEvent>> {
    return findPage(
      this.em,
      ProvisioningEvent,
      whereOf(actor.organizationId, filter),
      page,
      'occurredAt',
    );
  }

  /** Returns one event with its changes, or raises NOT_FOUND. */
  async get(actor: AdminActor, id: string): Promise<ProvisioningEvent> {
    const event = isUuid(id)
      ? await this.em.findOne(ProvisioningEvent, { organizationId: actor.organizationId, id })
      : null;

    if (!event) {
      throw DomainError.notFound('provisioning event', id);
    }
    return event;
  }

  /**
   * Counts events per hour or day (UTC) in `[from, to)`, one bucket per period including empty
   * ones. A create, update and so on counts only when it did not fail.
   */
  async summary(
    actor: AdminActor,
    from: Date,
    to: Date,
    period: SummaryPeriod,
  ): Promise<SummaryBucket[]> {
    checkRange(from, to);
    const size = PERIOD_MS[period];
    const first = Math.floor(from.getTime() / size) * size;
    const count = Math.ceil((to.getTime() - first) / size);

    if (count > MAX_SUMMARY_BUCKETS) {
      throw DomainError.invalid(
        `the range covers ${count} periods of one ${period.toLowerCase()}; ` +
          `ask for at most ${MAX_SUMMARY_BUCKETS} or use a longer period`,
        { field: 'to' },
      );
    }

    const unit = period === 'HOUR' ? 'hour' : 'day';
    const done = "outcome <> 'FAILURE'";
    const rows = await this.em.execute<BucketRow[]>(
      `select date_trunc('${unit}', occurred_at at time zone 'UTC') at time zone 'UTC' as start,
              count(*) as total,
              count(*) filter (where operation = 'CREATE' and ${done}) as created,
              count(*) filter (where operation = 'UPDATE' and ${done}) as updated,
              count(*) filter (where operation = 'DISABLE' and ${done}) as disabled,
              count(*) filter (where operation = 'ENABLE' and ${done}) as enabled,
              count(*) filter (where operation = 'DELETE' and ${done}) as deleted,
              count(*) filter (
                where operation in ('MEMBERSHIP_ADD', 'MEMBERSHIP_REMOVE') and ${done}
              ) as membership_changes,
              count(*) filter (where outcome = 'FAILURE') as failed,
              count(*) filter (where outcome = 'WARNING') as warnings
         from provisioning_events
        where organization_id = ? and occurred_at >= ? and occurred_at < ?
        group by 1`,
      [actor.organizationId, from, to],
    );

    const byStart = new Map(rows.map((row) => [new Date(row.start).getTime(), row]));
    return Array.from({ length: count }, (_, index) => {
      const start = first + index * size;
      const row = byStart.get(start);
      return {
        start: new Date(start),
        total: Number(row?.total ?? 0),
        created: Number(row?.created ?? 0),
        updated: Number(row?.updated ?? 0),
        disabled: Number(row?.disabled ?? 0),
        enabled: Number(row?.enabled ?? 0),
        deleted: Number(row?.deleted ?? 0),
        membershipChanges: Number(row?.membership_changes ?? 0),
        failed: Number(row?.failed ?? 0),
        warnings: Number(row?.warnings ?? 0),
      };
    });
  }

  /** Yields every event matching the filter, newest first, reading one page at a time. */
  async *stream(
    actor: AdminActor,
    filter: ProvisioningEventFilter,
    pageSize: number,
  ): AsyncGenerator<ProvisioningEvent> {
    const where = whereOf(actor.organizationId, filter);
    let after: string | null = null;

    do {
      const page: Page<ProvisioningEvent> = await findPage(
        this.em,
        ProvisioningEvent,
        where,
        { first: pageSize, after },
        'occurredAt',
      );
      for (const edge of page.edges) {
        yield edge.node;
      }
      this.em.clear();
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  }
}
