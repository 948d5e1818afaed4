import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';

import { adminOf } from '../guards';
import type { GraphQLContext } from '../context';
import { ScimListArgs } from '../inputs/list-args';
import { PatchOperationInput } from '../inputs/patch-operation.input';
import { toPatchOperations } from '../mappers/patch-operations.mapper';
import { UserInput } from '../inputs/user.input';
import { userInputToResource } from '../mappers/user-input.mapper';
import { toUserType } from '../mappers/user-output.mapper';
import { UserListType, UserRoleEnum, UserType } from '../types/user.type';

@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserType, { description: 'One user of the organization.' })
  async user(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<UserType> {
    const principal = adminOf(ctx);
    const view = await ctx.services.users.get(principal.organizationId, id);

    return toUserType(view, ctx.services.deps.config.publicUrl);
  }

  @Query(() => UserListType, { description: 'Users matching a SCIM filter, one page at a time.' })
  async users(@Ctx() ctx: GraphQLContext, @Args(() => ScimListArgs) args: ScimListArgs) {
    const principal = adminOf(ctx);
    const page = await ctx.services.users.list(principal.organizationId, args);
    const publicUrl = ctx.services.deps.config.publicUrl;

    return {
      totalResults: page.totalResults,
      startIndex: page.startIndex,
      itemsPerPage: page.resources.length,
      resources: page.resources.map((view) => toUserType(view, publicUrl)),
    };
  }

  @Mutation(() => UserType, {
    description:
      'Makes a user an ADMIN or a MEMBER. Demoting the only active admin fails with ' +
      'BAD_USER_INPUT. Admins sign in with a password or by SSO and may use every operation.',
  })
  async setUserRole(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('role', () => UserRoleEnum) role: UserRoleEnum,
  ): Promise<UserType> {
    const actor = adminOf(ctx);
    await ctx.services.userRoles.setRole(actor, id, role);
    const view = await ctx.services.users.get(actor.organizationId, id);

    return toUserType(view, ctx.services.deps.config.publicUrl);
  }

  @Mutation(() => UserType, { description: 'Creates a user; userName is unique, ignoring case.' })
  async createUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UserInput) input: UserInput,
  ): Promise<UserType> {
    const principal = adminOf(ctx);
    const view = await ctx.services.users.create(
      principal.organizationId,
      userInputToResource(input),
    );

    return toUserType(view, ctx.services.deps.config.publicUrl);
  }

  @Mutation(() => UserType, {
    description: 'Replaces every attribute of a user; omitted attributes are cleared.',
  })
  async replaceUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UserInput) input: UserInput,
    @Arg('ifMatch', () => String, {
      nullable: true,
      description: 'Fails with PRECONDITION_FAILED unless the user is at this version.',
    })
    ifMatch?: string,
  ): Promise<UserType> {
    const principal = adminOf(ctx);
    const view = await ctx.services.users.replace(
      principal.organizationId,
      id,
      userInputToResource(input),
      { ifMatch },
    );

    return toUserType(view, ctx.services.deps.config.publicUrl);
  }

  @Mutation(() => UserType, {
    description: 'Applies SCIM PATCH operations (RFC 7644 §3.5.2) to a user: all of them or none.',
  })
  async patchUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('operations', () => [PatchOperationInput]) operations: PatchOperationInput[],
    @Arg('ifMatch', () => String, { nullable: true }) ifMatch?: string,
  ): Promise<UserType> {
    const principal = adminOf(ctx);
    const view = await ctx.services.users.patch(
      principal.organizationId,
      id,
      toPatchOperations(operations),
      { ifMatch },
    );

    return toUserType(view, ctx.services.deps.config.publicUrl);
  }

  @Mutation(() => ID, { description: 'Deletes a user and its memberships; returns its id.' })
  async deleteUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('ifMatch', () => String, { nullable: true }) ifMatch?: string,
  ): Promise<string> {
    const principal = adminOf(ctx);
    await ctx.services.users.delete(principal.organizationId, id, { ifMatch });

    return id;
  }
}
