import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { Middleware } from 'koa';

import type { GraphQLContext } from './context';
import { formatResolverError, isExpectedError } from './errors';
import { complexityLimitPlugin, depthLimitRule, type QueryLimits } from './query-limits';
import { buildGraphQLSchema } from './schema';
import { unavailableAs503 } from './unavailable';

/** Logs each resolver failure that is not the caller's fault, with the request's ids. */
const logUnexpectedErrors: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          if (error.path && !isExpectedError(error)) {
            contextValue.logger.error(
              { err: error.originalError ?? error, operationName, path: error.path },
              'GraphQL resolver failed',
            );
          }
        }
      },
    };
  },
};

export interface GraphQLServer {
  middleware: Middleware;
  stop(): Promise<void>;
}

/**
 * Starts Apollo Server on the type-graphql schema and returns the Koa middleware that serves
 * it. `createContext` builds each request's context (authentication, EntityManager fork).
 * Operations deeper or costlier than `limits` answer 400 with code LIMIT_EXCEEDED.
 */
export async function startGraphQLServer(
  createContext: (http: Parameters<Middleware>[0]) => Promise<GraphQLContext>,
  limits: QueryLimits,
): Promise<GraphQLServer> {
  const schema = buildGraphQLSchema();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules: [depthLimitRule(limits.maxDepth)],
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown; Apollo would otherwise re-raise the signal and exit early.
    stopOnTerminationSignals: false,
    formatError: formatResolverError,
    plugins: [logUnexpectedErrors, complexityLimitPlugin(schema, limits), unavailableAs503],
  });
  await apollo.start();

  // @as-integrations/koa ships only ES modules; a dynamic import loads it from CommonJS.
  const { koaMiddleware } = await import('@as-integrations/koa');
  // The integration's typings name Apollo's ES module build; this file uses the CommonJS one.
  const middleware = koaMiddleware(apollo as never, {
    context: async ({ ctx }: { ctx: Parameters<Middleware>[0] }) => createContext(ctx),
  }) as unknown as Middleware;

  return { middleware, stop: () => apollo.stop() };
}
