import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, Query, Resolver } from 'type-graphql';

import { adminOf } from '../guards';
import type { GraphQLContext } from '../context';

@Resolver()
export class ScimSchemaResolver {
  @Query(() => [GraphQLJSONObject], {
    description:
      "SCIM schema definitions of the caller's organization (RFC 7643 §7): core, enterprise " +
      'and custom extensions.',
  })
  async scimSchemas(@Ctx() ctx: GraphQLContext): Promise<object[]> {
    const principal = adminOf(ctx);
    const registry = await ctx.services.shared.registries.forOrganization(
      principal.organizationId,
      ctx.em,
    );

    return registry.schemas;
  }

  @Query(() => [GraphQLJSONObject], {
    description: "SCIM resource types of the caller's organization (RFC 7643 §6).",
  })
  async scimResourceTypes(@Ctx() ctx: GraphQLContext): Promise<object[]> {
    const principal = adminOf(ctx);
    const registry = await ctx.services.shared.registries.forOrganization(
      principal.organizationId,
      ctx.em,
    );

    return [...registry.resourceTypes];
  }
}
