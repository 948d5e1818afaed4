import { GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';

import { renderGroupResource } from '../../domain/groups/group-view';
import type { ScimObject } from '../../scim/schemas';
import { adminOf } from '../guards';
import type { GraphQLContext } from '../context';
import { GroupInput } from '../inputs/group.input';
import { ScimListArgs } from '../inputs/list-args';
import { PatchOperationInput } from '../inputs/patch-operation.input';
import { toPatchOperations } from '../mappers/patch-operations.mapper';
import { definedFields } from '../mappers/user-input.mapper';
import { toGroupObject, type GroupObject } from '../mappers/group-output.mapper';
import { GroupListType, GroupMemberType, GroupType, MemberTypeEnum } from '../types/group.type';

const IF_MATCH = {
  nullable: true,
  description: 'Fails with PRECONDITION_FAILED unless the group is at this version.',
} as const;

@Resolver(() => GroupType)
export class GroupResolver {
  @Query(() => GroupType, { description: 'One group of the organization.' })
  async group(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<GroupObject> {
    const principal = adminOf(ctx);
    return toGroupObject(await ctx.services.groups.get(principal.organizationId, id));
  }

  @Query(() => GroupListType, { description: 'Groups matching a SCIM filter, one page at a time.' })
  async groups(@Ctx() ctx: GraphQLContext, @Args(() => ScimListArgs) args: ScimListArgs) {
    const principal = adminOf(ctx);
    const page = await ctx.services.groups.list(principal.organizationId, args);

    return {
      totalResults: page.totalResults,
      startIndex: page.startIndex,
      itemsPerPage: page.resources.length,
      resources: page.resources.map(toGroupObject),
    };
  }

  @FieldResolver(() => [GroupMemberType], { description: 'Members, in id order.' })
  async members(
    @Ctx() ctx: GraphQLContext,
    @Root() group: GroupObject,
    @Arg('startIndex', () => Int, { defaultValue: 1 }) startIndex: number,
    @Arg('count', () => Int, { defaultValue: 100 }) count: number,
  ): Promise<GroupMemberType[]> {
    const members = await ctx.services.groups.listMembers(
      group.view.group.organizationId,
      group.id,
    );
    const start = Math.max(1, startIndex) - 1;

    return members.slice(start, start + Math.max(0, count)).map((member) => ({
      id: member.id,
      type: member.type === 'User' ? MemberTypeEnum.User : MemberTypeEnum.Group,
      display: member.display,
    }));
  }

  @FieldResolver(() => GraphQLJSONObject, {
    description: 'The group as /scim/v2 returns it (RFC 7643 §4.2).',
  })
  async scim(
    @Ctx() ctx: GraphQLContext,
    @Root() group: GroupObject,
    @Arg('members', () => Boolean, {
      defaultValue: true,
      description: 'Include members; false leaves the attribute out, as excludedAttributes does.',
    })
    withMembers: boolean,
  ): Promise<Record<string, unknown>> {
    const members = withMembers
      ? await ctx.services.groups.listMembers(group.view.group.organizationId, group.id)
      : undefined;

    return renderGroupResource(group.view, ctx.services.deps.config.publicUrl, members);
  }

  @Mutation(() => GroupType, { description: 'Creates a group, optionally with members.' })
  async createGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => GroupInput) input: GroupInput,
  ): Promise<GroupObject> {
    const principal = adminOf(ctx);
    const view = await ctx.services.groups.create(principal.organizationId, toResource(input));

    return toGroupObject(view);
  }

  @Mutation(() => GroupType, { description: 'Replaces a group, its members included.' })
  async replaceGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => GroupInput) input: GroupInput,
    @Arg('ifMatch', () => String, IF_MATCH) ifMatch?: string,
  ): Promise<GroupObject> {
    const principal = adminOf(ctx);
    const view = await ctx.services.groups.replace(
      principal.organizationId,
      id,
      toResource(input),
      { ifMatch },
    );

    return toGroupObject(view);
  }

  @Mutation(() => GroupType, {
    description:
      'Applies SCIM PATCH operations (RFC 7644 §3.5.2) to a group: all of them or none. ' +
      'Membership changes touch only the members named.',
  })
  async patchGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('operations', () => [PatchOperationInput]) operations: PatchOperationInput[],
    @Arg('ifMatch', () => String, IF_MATCH) ifMatch?: string,
  ): Promise<GroupObject> {
    const principal = adminOf(ctx);
    const view = await ctx.services.groups.patch(
      principal.organizationId,
      id,
      toPatchOperations(operations),
      { ifMatch },
    );

    return toGroupObject(view);
  }

  @Mutation(() => ID, { description: 'Deletes a group; returns its id.' })
  async deleteGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('ifMatch', () => String, IF_MATCH) ifMatch?: string,
  ): Promise<string> {
    const principal = adminOf(ctx);
    await ctx.services.groups.delete(principal.organizationId, id, { ifMatch });

    return id;
  }

  @Mutation(() => GroupType, {
    description: 'Adds users or groups to a group; members already present are skipped.',
  })
  async addGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('memberIds', () => [ID]) memberIds: string[],
    @Arg('ifMatch', () => String, IF_MATCH) ifMatch?: string,
  ): Promise<GroupObject> {
    const principal = adminOf(ctx);
    const view = await ctx.services.groups.addMembers(principal.organizationId, id, memberIds, {
      ifMatch,
    });

    return toGroupObject(view);
  }

  @Mutation(() => GroupType, { description: 'Removes exactly the listed members from a group.' })
  async removeGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('memberIds', () => [ID]) memberIds: string[],
    @Arg('ifMatch', () => String, IF_MATCH) ifMatch?: string,
  ): Promise<GroupObject> {
    const principal = adminOf(ctx);
    const view = await ctx.services.groups.removeMembers(principal.organizationId, id, memberIds, {
      ifMatch,
    });

    return toGroupObject(view);
  }
}

function toResource(input: GroupInput): ScimObject {
  const { memberIds, ...rest } = input;
  const resource = definedFields(rest);

  if (memberIds) {
    resource.members = memberIds.map((value) => ({ value }));
  }

  return resource;
}
