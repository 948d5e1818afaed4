import { Arg, Ctx, Query, Resolver } from 'type-graphql';

import { serviceProviderEndpoints } from '../../domain/saml/service-provider';
import type { GraphQLContext } from '../context';
import { SsoStatus } from '../types/sso-status.type';

@Resolver()
export class SsoResolver {
  @Query(() => SsoStatus, {
    description:
      'Whether an organization accepts SAML sign-in, and its login URL; no sign-in needed. ' +
      'An unknown organization answers enabled: false.',
  })
  async ssoStatus(
    @Arg('organization', () => String, { description: 'The organization slug.' })
    organization: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SsoStatus> {
    const slug = organization.trim().toLowerCase();
    const enabled = slug.length > 0 && (await ctx.services.ssoSignIn.isEnabled(slug));
    const endpoints = serviceProviderEndpoints(ctx.services.deps.config.publicUrl, slug);

    return { organization: slug, enabled, loginUrl: enabled ? endpoints.signOnUrl : null };
  }
}
