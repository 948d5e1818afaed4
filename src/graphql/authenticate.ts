import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context as KoaContext } from 'koa';

import type { Principal } from '../domain/principal';
import type { Services } from '../domain/services';
import type { TokenAuthenticator } from '../domain/tokens/token-authenticator';
import { readSessionCookie } from '../http/session-cookie';
import type { RequestState } from '../http/state';

const BEARER_PATTERN = /^Bearer[ ]+(\S+)[ ]*$/i;

/**
 * Finds the principal of a `/graphql` request. An `Authorization` header decides alone: a
 * valid API-scope bearer token gives its user, anything else gives no principal (the cookie
 * is then ignored) and calls `onTokenRejected`. Without the header, the session cookie decides. Sets
 * `state.organizationId` and `state.tokenId` for the request log.
 */
export async function authenticateGraphQLRequest(
  http: KoaContext,
  em: EntityManager,
  services: Services,
  tokens: TokenAuthenticator,
  onTokenRejected: () => Promise<void> = async () => undefined,
): Promise<Principal | undefined> {
  const state = http.state as RequestState;
  const authorization = http.get('authorization');

  if (authorization) {
    const secret = BEARER_PATTERN.exec(authorization)?.[1];
    if (!secret) {
      state.logger.info('GraphQL request rejected: Authorization is not "Bearer <secret>"');
      await onTokenRejected();
      return undefined;
    }

    const check = await tokens.check(em, secret, 'API');
    if (!check.ok) {
      state.logger.info(
        { reason: check.reason, tokenId: check.tokenId, organizationId: check.organizationId },
        'GraphQL request rejected: bearer token not accepted',
      );
      await onTokenRejected();
      return undefined;
    }

    state.organizationId = check.principal.organizationId;
    state.tokenId = check.principal.tokenId;
    return check.principal;
  }

  const sessionSecret = readSessionCookie(http);
  if (!sessionSecret) {
    return undefined;
  }

  const principal = await services.sessions.resume(sessionSecret);
  if (principal) {
    state.organizationId = principal.organizationId;
  }

  return principal;
}
