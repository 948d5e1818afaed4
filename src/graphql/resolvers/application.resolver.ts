import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { ConnectionShape } from '../types/connection.type';
import { mapPage } from '../../domain/paging';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import {
  CreateApplicationInput,
  FieldInputType,
  UpdateFieldInput,
} from '../inputs/application.input';
import { PageArgs } from '../inputs/page.args';
import { toApplicationObject, toApplicationSummary } from '../mappers/application-output.mapper';
import {
  ApplicationConnection,
  ApplicationFieldType,
  ApplicationType,
} from '../types/application.type';

@Resolver(() => ApplicationType)
export class ApplicationResolver {
  @Query(() => ApplicationConnection, { description: 'Applications, newest first.' })
  async applications(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
  ): Promise<ConnectionShape<ApplicationType>> {
    const found = await ctx.services.applications.list(adminOf(ctx), page, includeArchived);
    return mapPage(found, toApplicationSummary);
  }

  @Query(() => ApplicationType, { description: 'One application with its fields.' })
  async application(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
  ): Promise<ApplicationType> {
    return toApplicationObject(await ctx.services.applications.get(adminOf(ctx), id));
  }

  @FieldResolver(() => [ApplicationFieldType])
  async fields(
    @Ctx() ctx: GraphQLContext,
    @Root() application: ApplicationType,
  ): Promise<ApplicationFieldType[]> {
    if (application.fields) {
      return application.fields;
    }

    const view = await ctx.services.applications.get(adminOf(ctx), application.id);
    return toApplicationObject(view).fields ?? [];
  }

  @Mutation(() => ApplicationType, { description: 'Creates an application with its fields.' })
  async createApplication(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateApplicationInput) input: CreateApplicationInput,
  ): Promise<ApplicationType> {
    return toApplicationObject(await ctx.services.applications.create(adminOf(ctx), input));
  }

  @Mutation(() => ApplicationType, { description: 'Renames an application.' })
  async renameApplication(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
  ): Promise<ApplicationType> {
    return toApplicationObject(await ctx.services.applications.rename(adminOf(ctx), id, name));
  }

  @Mutation(() => ApplicationType, {
    description:
      'Archives an application: records stay readable, new ones are refused. The SCIM ' +
      'target application cannot be archived (CONFLICT).',
  })
  async archiveApplication(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
  ): Promise<ApplicationType> {
    return toApplicationObject(await ctx.services.applications.archive(adminOf(ctx), id));
  }

  @Mutation(() => ApplicationType, { description: 'Adds a field after the existing ones.' })
  async addApplicationField(
    @Ctx() ctx: GraphQLContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('field', () => FieldInputType) field: FieldInputType,
  ): Promise<ApplicationType> {
    const view = await ctx.services.applications.addField(adminOf(ctx), applicationId, field);
    return toApplicationObject(view);
  }

  @Mutation(() => ApplicationType, {
    description: "Changes a field's name or choices; key and type never change.",
  })
  async updateApplicationField(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateFieldInput) input: UpdateFieldInput,
  ): Promise<ApplicationType> {
    return toApplicationObject(
      await ctx.services.applications.updateField(adminOf(ctx), id, input),
    );
  }

  @Mutation(() => ApplicationType, {
    description:
      'Removes a field and its values. A field that the SCIM settings write raises CONFLICT.',
  })
  async removeApplicationField(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
  ): Promise<ApplicationType> {
    return toApplicationObject(await ctx.services.applications.removeField(adminOf(ctx), id));
  }
}
