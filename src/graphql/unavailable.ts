import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  warnDatabaseUnavailable,
} from '../db/database-unavailable';
import { DomainError } from '../domain/errors';
import type { GraphQLContext } from './context';

/**
 * Builds the error thrown when the database fails while a request's context is built, before
 * any resolver runs. Apollo sends the HTTP status and headers given in `extensions.http`.
 */
export function contextUnavailableError(cause: unknown): GraphQLError {
  const unavailable = DomainError.databaseUnavailable();

  return new GraphQLError(unavailable.message, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: {
      code: unavailable.code,
      ...unavailable.details,
      http: {
        status: 503,
        headers: new HeaderMap([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]),
      },
    },
  });
}

/**
 * Sets status 503 and `Retry-After` when a resolver reported UNAVAILABLE (an unavailable
 * database or a cancelled statement), so that HTTP clients and load balancers see the failure
 * without reading the body. The body keeps the data that other resolvers returned.
 */
export const unavailableAs503: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue, operationName }) {
        if (response.body.kind !== 'single') {
          return;
        }

        const errors = response.body.singleResult.errors ?? [];
        const unavailable = errors.filter((error) => error.extensions?.code === 'UNAVAILABLE');
        if (unavailable.length === 0) {
          return;
        }

        if (unavailable.some((error) => error.message === DATABASE_UNAVAILABLE_MESSAGE)) {
          const message = 'GraphQL request failed: database unavailable';
          warnDatabaseUnavailable(contextValue.logger, undefined, { operationName }, message);
        }

        const retryAfterSeconds = Math.max(
          ...unavailable.map(
            (error) => Number(error.extensions?.retryAfterSeconds) || DATABASE_RETRY_AFTER_SECONDS,
          ),
        );
        response.http.status = 503;
        response.http.headers.set('retry-after', String(retryAfterSeconds));
      },
    };
  },
};
