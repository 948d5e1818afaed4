import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';

import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import { UpdateOrganizationSettingsInput } from '../inputs/token.input';
import { Organization } from '../types/organization.type';

@Resolver()
export class OrganizationResolver {
  @Mutation(() => Organization, {
    description: "Changes the organization's settings; absent fields stay as they are.",
  })
  async updateOrganizationSettings(
    @Arg('input', () => UpdateOrganizationSettingsInput) input: UpdateOrganizationSettingsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Organization> {
    return ctx.services.organizations.updateSettings(adminOf(ctx), input);
  }
}
