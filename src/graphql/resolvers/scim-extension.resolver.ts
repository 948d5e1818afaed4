import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import type { ScimExtensionAttribute } from '../../entities/scim-extension-attribute.entity';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import {
  DeclareScimExtensionAttributeInput,
  UpdateScimExtensionAttributeInput,
} from '../inputs/scim-extension.input';
import {
  ScimDiscoverySettingsType,
  ScimExtensionAttributeType,
} from '../types/scim-extension.type';

function toType(attribute: ScimExtensionAttribute): ScimExtensionAttributeType {
  return {
    id: attribute.id,
    schema: attribute.schemaUrn,
    name: attribute.name,
    path: `${attribute.schemaUrn}:${attribute.name}`,
    type: attribute.type,
    description: attribute.description,
    required: attribute.required,
    caseExact: attribute.caseExact,
    discovered: attribute.discovered,
    createdAt: attribute.createdAt,
    updatedAt: attribute.updatedAt,
  };
}

@Resolver()
export class ScimExtensionResolver {
  @Query(() => [ScimExtensionAttributeType], {
    description: "The organization's custom extension attributes, by schema and name.",
  })
  async scimExtensionAttributes(@Ctx() ctx: GraphQLContext): Promise<ScimExtensionAttributeType[]> {
    const attributes = await ctx.services.extensionAttributes.list(adminOf(ctx));
    return attributes.map(toType);
  }

  @Query(() => ScimDiscoverySettingsType, {
    description: 'The limit on attributes that SCIM requests declare by themselves.',
  })
  async scimDiscoverySettings(@Ctx() ctx: GraphQLContext): Promise<ScimDiscoverySettingsType> {
    return ctx.services.extensionAttributes.discoverySettings(adminOf(ctx));
  }

  @Mutation(() => ScimExtensionAttributeType, {
    description:
      'Declares a custom extension attribute for SCIM. CONFLICT when the extension already ' +
      'has an attribute of that name, ignoring case.',
  })
  async declareScimExtensionAttribute(
    @Arg('input', () => DeclareScimExtensionAttributeInput)
    input: DeclareScimExtensionAttributeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ScimExtensionAttributeType> {
    return toType(await ctx.services.extensionAttributes.declare(adminOf(ctx), input));
  }

  @Mutation(() => ScimExtensionAttributeType, {
    description:
      'Changes a custom extension attribute; absent fields stay as they are. A new type ' +
      'converts every stored value, and fails with BAD_USER_INPUT naming a user whose value ' +
      'does not convert.',
  })
  async updateScimExtensionAttribute(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateScimExtensionAttributeInput)
    input: UpdateScimExtensionAttributeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ScimExtensionAttributeType> {
    return toType(await ctx.services.extensionAttributes.update(adminOf(ctx), id, input));
  }

  @Mutation(() => ScimExtensionAttributeType, {
    description:
      'Removes a custom extension attribute and deletes its values from every user. Returns ' +
      'the removed attribute.',
  })
  async removeScimExtensionAttribute(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ScimExtensionAttributeType> {
    return toType(await ctx.services.extensionAttributes.remove(adminOf(ctx), id));
  }

  @Mutation(() => ScimDiscoverySettingsType, {
    description:
      'Sets how many attributes SCIM requests may declare by themselves, from 0 (none) to ' +
      '10000; null restores the default of SCIM_MAX_DISCOVERED_ATTRIBUTES.',
  })
  async setScimDiscoveryLimit(
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ScimDiscoverySettingsType> {
    return ctx.services.extensionAttributes.setDiscoveryLimit(adminOf(ctx), limit ?? null);
  }
}
