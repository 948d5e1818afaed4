import type { MikroORM } from '@mikro-orm/postgresql';
import type { Context as KoaContext } from 'koa';

import { isDatabaseUnavailable, warnDatabaseUnavailable } from '../db/database-unavailable';
import type { DomainDeps } from '../domain/deps';
import { Services, type SharedServices } from '../domain/services';
import type { RequestState } from '../http/state';
import { authenticateGraphQLRequest } from './authenticate';
import type { GraphQLContext } from './context';
import { contextUnavailableError } from './unavailable';

export interface ContextDependencies {
  orm: MikroORM;
  domainDeps: DomainDeps;
  /** Process-wide services, among them the token authenticator that spaces lastUsedAt writes. */
  shared: SharedServices;
  /** Counts a rejected bearer token against the client address. */
  onTokenRejected?: (http: KoaContext) => Promise<void>;
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
    const services = new Services(em, deps.domainDeps, deps.shared);
    let principal;
    try {
      principal = await authenticateGraphQLRequest(
        http,
        em,
        services,
        deps.shared.tokenAuthenticator,
        async () => deps.onTokenRejected?.(http),
      );
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        warnDatabaseUnavailable(
          state.logger,
          error,
          {},
          'GraphQL request failed: database unavailable',
        );
        throw contextUnavailableError(error);
      }
      throw error;
    }

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
