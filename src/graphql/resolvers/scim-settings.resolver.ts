import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { ScimResyncJob } from '../../entities/scim-resync-job.entity';
import type { ScimSettings } from '../../entities/scim-settings.entity';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import { ScimSettingsInput } from '../inputs/scim-settings.input';
import { toApplicationObject } from '../mappers/application-output.mapper';
import { ApplicationType } from '../types/application.type';
import { ScimResyncType, ScimSettingsType } from '../types/scim-settings.type';

@Resolver(() => ScimSettingsType)
export class ScimSettingsResolver {
  @Query(() => ScimSettingsType, { description: "The organization's SCIM settings." })
  async scimSettings(@Ctx() ctx: GraphQLContext): Promise<ScimSettingsType> {
    return toSettingsObject(await ctx.services.scimSettings.get(adminOf(ctx)));
  }

  @FieldResolver(() => ApplicationType, { nullable: true })
  async targetApplication(
    @Ctx() ctx: GraphQLContext,
    @Root() settings: ScimSettingsType,
  ): Promise<ApplicationType | null> {
    if (!settings.targetApplicationId) {
      return null;
    }

    const view = await ctx.services.applications.get(adminOf(ctx), settings.targetApplicationId);
    return toApplicationObject(view);
  }

  @FieldResolver(() => ScimResyncType, { nullable: true })
  async latestResync(@Ctx() ctx: GraphQLContext): Promise<ScimResyncType | null> {
    const job = await ctx.services.scimSettings.latestResync(adminOf(ctx).organizationId);
    return job ? toResyncObject(job) : null;
  }

  @Mutation(() => ScimSettingsType, {
    description:
      'Replaces the SCIM settings. Each mapping row is checked: the source exists in the ' +
      "organization's schemas, the field exists, and the types convert; the error message " +
      'names every failing row. A changed target or mapping sets resyncRecommended.',
  })
  async updateScimSettings(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => ScimSettingsInput) input: ScimSettingsInput,
  ): Promise<ScimSettingsType> {
    const policy = input.deprovisioning;
    const settings = await ctx.services.scimSettings.update(adminOf(ctx), {
      targetApplicationId: input.targetApplicationId,
      mappings: input.mappings.map((row) => ({ source: row.source, field: row.field })),
      deprovisionAction: policy?.action ?? 'ARCHIVE',
      statusField: policy?.statusField,
      activeStatus: policy?.activeStatus,
      inactiveStatus: policy?.inactiveStatus,
      deletedStatus: policy?.deletedStatus,
    });

    return toSettingsObject(settings);
  }

  @Mutation(() => ScimResyncType, {
    description:
      "Recomputes every user's record in the target application in the background, in " +
      'batches; a resync already running is cancelled. Read progress with scimResync.',
  })
  async startScimResync(@Ctx() ctx: GraphQLContext): Promise<ScimResyncType> {
    const job = await ctx.services.scimSettings.startResync(adminOf(ctx));
    ctx.services.shared.resyncSignal.wake();

    return toResyncObject(job);
  }

  @Query(() => ScimResyncType, { description: 'One resync, with its progress.' })
  async scimResync(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
  ): Promise<ScimResyncType> {
    return toResyncObject(await ctx.services.scimSettings.getResync(adminOf(ctx), id));
  }
}

function toSettingsObject(settings: ScimSettings): ScimSettingsType {
  return {
    targetApplicationId: settings.targetApplicationId,
    mappings: settings.mappings.map((row) => ({ source: row.source, field: row.field })),
    deprovisioning: {
      action: settings.deprovisionAction,
      statusField: settings.statusField,
      activeStatus: settings.activeStatus,
      inactiveStatus: settings.inactiveStatus,
      deletedStatus: settings.deletedStatus,
    },
    resyncRecommended: settings.resyncRecommended,
    version: settings.version,
  };
}

function toResyncObject(job: ScimResyncJob): ScimResyncType {
  let progress = job.total === 0 ? 0 : Math.min(1, job.processed / job.total);
  if (job.status === 'COMPLETED') {
    progress = 1;
  }

  return {
    id: job.id,
    applicationId: job.applicationId,
    status: job.status,
    total: job.total,
    processed: job.processed,
    progress,
    warnings: job.warnings,
    lastError: job.lastError,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
  };
}
