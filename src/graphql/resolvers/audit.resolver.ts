import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';

import type { Page } from '../../domain/paging';
import type { AuditEvent as AuditEventEntity } from '../../entities/audit-event.entity';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import { AuditEventFilter } from '../inputs/audit.input';
import { PageArgs } from '../inputs/page.args';
import { AuditEventConnection } from '../types/audit-event.type';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: "The organization's audit trail, newest first.",
  })
  async auditEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<AuditEventEntity>> {
    return ctx.services.audit.list(adminOf(ctx), filter ?? {}, page);
  }
}
