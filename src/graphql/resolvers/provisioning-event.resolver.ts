import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';

import type { Page } from '../../domain/paging';
import type { SummaryBucket } from '../../domain/provisioning/event.service';
import {
  EXPORT_PATH,
  exportQuery,
  type ExportFormat as ExportFormatValue,
} from '../../domain/provisioning/export-query';
import type { ProvisioningEvent as ProvisioningEventEntity } from '../../entities/provisioning-event.entity';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import { PageArgs } from '../inputs/page.args';
import { ProvisioningEventFilter } from '../inputs/provisioning-event.input';
import {
  ExportFormat,
  ProvisioningEvent,
  ProvisioningEventConnection,
  ProvisioningExport,
  ProvisioningSummaryBucket,
  SummaryPeriod,
} from '../types/provisioning-event.type';

@Resolver()
export class ProvisioningEventResolver {
  @Query(() => ProvisioningEventConnection, {
    description: 'The SCIM requests that provisioning clients sent, newest first.',
  })
  async provisioningEvents(
    @Arg('filter', () => ProvisioningEventFilter, { nullable: true })
    filter: ProvisioningEventFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<ProvisioningEventEntity>> {
    return ctx.services.provisioningEvents.list(adminOf(ctx), filter ?? {}, page);
  }

  @Query(() => ProvisioningEvent, { description: 'One provisioning event with its changes.' })
  async provisioningEvent(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProvisioningEventEntity> {
    return ctx.services.provisioningEvents.get(adminOf(ctx), id);
  }

  @Query(() => [ProvisioningSummaryBucket], {
    description: 'Counts per hour or day (UTC) in [from, to), including empty periods.',
  })
  async provisioningSummary(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('period', () => SummaryPeriod, { defaultValue: 'HOUR' }) period: 'HOUR' | 'DAY',
    @Ctx() ctx: GraphQLContext,
  ): Promise<SummaryBucket[]> {
    return ctx.services.provisioningEvents.summary(adminOf(ctx), from, to, period);
  }

  @Query(() => ProvisioningExport, {
    description: 'The download URL of the events matching a filter, newest first.',
  })
  provisioningEventExport(
    @Arg('filter', () => ProvisioningEventFilter, { nullable: true })
    filter: ProvisioningEventFilter | null,
    @Arg('format', () => ExportFormat, { defaultValue: 'CSV' }) format: ExportFormatValue,
    @Ctx() ctx: GraphQLContext,
  ): ProvisioningExport {
    adminOf(ctx);
    const base = ctx.services.deps.config.publicUrl;

    return { url: `${base}${EXPORT_PATH}?${exportQuery(filter ?? {}, format)}`, format };
  }
}
