import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';

import { DomainError } from '../../domain/errors';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie';
import type { GraphQLContext } from '../context';
import { ChangePasswordInput, SignInInput } from '../inputs/auth.input';
import { SignInPayload, Viewer } from '../types/viewer.type';

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, {
    description: 'The signed-in user, or the user an API token acts as; members may call it too.',
  })
  async viewer(@Ctx() ctx: GraphQLContext): Promise<Viewer> {
    return ctx.services.accounts.viewer(ctx.principal);
  }

  @Mutation(() => SignInPayload, {
    description:
      'Signs an admin in with email and password and sets the HttpOnly session cookie. ' +
      'Repeated failures raise RATE_LIMITED with extensions.retryAfterSeconds.',
  })
  async signIn(
    @Arg('input', () => SignInInput) input: SignInInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SignInPayload> {
    const http = ctx.http;
    if (!http) {
      throw new DomainError('BAD_USER_INPUT', 'signIn works only over HTTP at /graphql');
    }

    const signedIn = await ctx.services.signIn.signIn({
      organization: input.organization,
      email: input.email,
      password: input.password,
      clientAddress: http.ip,
      requestId: ctx.requestId,
    });
    setSessionCookie(http, signedIn.secret, {
      expiresAt: signedIn.session.expiresAt,
      now: signedIn.session.createdAt,
      publicUrl: ctx.services.deps.config.publicUrl,
    });
    http.state.organizationId = signedIn.principal.organizationId;

    return {
      viewer: await ctx.services.accounts.viewer(signedIn.principal),
      expiresAt: signedIn.session.expiresAt,
    };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and clears its cookie.' })
  async signOut(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    await ctx.services.accounts.signOut(ctx.principal, ctx.requestId);
    if (ctx.http) {
      clearSessionCookie(ctx.http, ctx.services.deps.config.publicUrl);
    }

    return true;
  }

  @Mutation(() => Viewer, {
    description:
      "Replaces the signed-in user's password (the one-time password first of all) and ends " +
      'their other sessions.',
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Viewer> {
    await ctx.services.accounts.changePassword(ctx.principal, input, ctx.requestId);
    const principal = ctx.principal && { ...ctx.principal, passwordChangeRequired: false };

    return ctx.services.accounts.viewer(principal);
  }
}
