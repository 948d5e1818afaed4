import { GraphQLJSONObject } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';

import { mapPage } from '../../domain/paging';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import { RecordFilterInput } from '../inputs/application.input';
import { PageArgs } from '../inputs/page.args';
import { toRecordObject } from '../mappers/application-output.mapper';
import { ApplicationRecordConnection, ApplicationRecordType } from '../types/application.type';
import type { ConnectionShape } from '../types/connection.type';

@ArgsType()
class RecordListArgs extends PageArgs {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => [RecordFilterInput], {
    nullable: true,
    description: 'Conditions on field values, all of which must hold.',
  })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must have at most 20 entries' })
  @ValidateNested()
  filter?: RecordFilterInput[] | null;

  @Field(() => ID, { nullable: true, description: 'Only the record linked to this user.' })
  userId?: string | null;

  @Field(() => Boolean, { defaultValue: false })
  includeArchived!: boolean;
}

@Resolver(() => ApplicationRecordType)
export class ApplicationRecordResolver {
  @Query(() => ApplicationRecordConnection, {
    description: "An application's records, newest first.",
  })
  async applicationRecords(
    @Ctx() ctx: GraphQLContext,
    @Args(() => RecordListArgs) args: RecordListArgs,
  ): Promise<ConnectionShape<ApplicationRecordType>> {
    const page = await ctx.services.records.list(adminOf(ctx), {
      applicationId: args.applicationId,
      first: args.first,
      after: args.after,
      filters: args.filter,
      userId: args.userId,
      includeArchived: args.includeArchived,
    });

    return mapPage(page, toRecordObject);
  }

  @Query(() => ApplicationRecordType, { description: 'One record.' })
  async applicationRecord(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
  ): Promise<ApplicationRecordType> {
    return toRecordObject(await ctx.services.records.get(adminOf(ctx), id));
  }

  @Mutation(() => ApplicationRecordType, {
    description: 'Creates a record; every value is checked against its field.',
  })
  async createApplicationRecord(
    @Ctx() ctx: GraphQLContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('values', () => GraphQLJSONObject, { validate: false }) values: Record<string, unknown>,
  ): Promise<ApplicationRecordType> {
    const record = await ctx.services.records.create(adminOf(ctx), applicationId, values);
    return toRecordObject(record);
  }

  @Mutation(() => ApplicationRecordType, {
    description: 'Sets the values named (null clears one) and keeps the others.',
  })
  async updateApplicationRecord(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('values', () => GraphQLJSONObject, { validate: false }) values: Record<string, unknown>,
  ): Promise<ApplicationRecordType> {
    return toRecordObject(await ctx.services.records.update(adminOf(ctx), id, values));
  }

  @Mutation(() => ID, { description: 'Deletes a record; returns its id.' })
  async deleteApplicationRecord(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
  ): Promise<string> {
    return ctx.services.records.delete(adminOf(ctx), id);
  }
}
