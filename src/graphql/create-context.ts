import type { MikroORM } from '@mikro-orm/postgresql';
import type { Context as KoaContext } from 'koa';

import type { DomainDeps } from '../domain/deps';
import { Services } from '../domain/services';
import type { TokenAuthenticator } from '../domain/tokens/token-authenticator';
import type { RequestState } from '../http/state';
import { authenticateGraphQLRequest } from './authenticate';
import type { GraphQLContext } from './context';

export interface ContextDependencies {
  orm: MikroORM;
  domainDeps: DomainDeps;
  /** One per process, so that `lastUsedAt` writes are spaced across requests. */
  tokenAuthenticator: TokenAuthenticator;
}

/**
 * Returns the function that builds each `/graphql` request's context: its EntityManager
 * fork, its services and the authenticated principal, if any.
 */
export function createContextFactory(
  deps: ContextDependencies,
): (http: KoaContext) => Promise<GraphQLContext> {
  return async (http) => {
    const state = http.state as RequestState;
    const em = deps.orm.em.fork();
    const services = new Services(em, deps.domainDeps);
    const principal = await authenticateGraphQLRequest(http, em, services, deps.tokenAuthenticator);

    return {
      requestId: state.requestId,
      logger: state.logger,
      em,
      services,
      principal,
      http,
    };
  };
}
