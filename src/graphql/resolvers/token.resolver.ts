import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';

import type { Page } from '../../domain/paging';
import type { TokenView } from '../../domain/tokens/token-view';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import { PageArgs } from '../inputs/page.args';
import { CreateTokenInput } from '../inputs/token.input';
import { ApiTokenConnection, ApiTokenType, CreateTokenPayload } from '../types/token.type';

@Resolver()
export class TokenResolver {
  @Query(() => ApiTokenConnection, { description: "The organization's tokens, newest first." })
  async tokens(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<TokenView>> {
    return ctx.services.tokens.list(adminOf(ctx), page);
  }

  @Query(() => ApiTokenType, { description: 'One token of the organization.' })
  async token(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<TokenView> {
    return ctx.services.tokens.get(adminOf(ctx), id);
  }

  @Mutation(() => CreateTokenPayload, {
    description:
      'Creates a token and returns its secret, the only time it is shown. A SCIM token needs ' +
      'an enabled SAML integration (SSO_REQUIRED otherwise).',
  })
  async createToken(
    @Arg('input', () => CreateTokenInput) input: CreateTokenInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreateTokenPayload> {
    const actor = adminOf(ctx);

    return ctx.services.tokens.create(actor, {
      title: input.title,
      description: input.description,
      userId: input.userId ?? actor.userId ?? '',
      scope: input.scope,
      expiration: input.expiration,
      expiresAt: input.expiresAt,
    });
  }

  @Mutation(() => ApiTokenType, { description: 'Revokes a token; it stops working at once.' })
  async revokeToken(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TokenView> {
    return ctx.services.tokens.revoke(adminOf(ctx), id);
  }
}
