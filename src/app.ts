import type { MikroORM } from '@mikro-orm/postgresql';
import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import type { Context } from 'koa';

import type { Config } from './config';
import type { DomainDeps } from './domain/deps';
import { createSharedServices, Services } from './domain/services';
import { startGraphQLServer } from './graphql/apollo';
import { OperationExecutor } from './graphql/execute';
import { buildGraphQLSchema } from './graphql/schema';
import type { GraphQLContext } from './graphql/context';
import { errorHandler } from './http/error-handler';
import { healthRoutes } from './http/health';
import { requestContext } from './http/request-context';
import type { RequestState } from './http/state';
import type { Logger } from './logger';
import { scimMiddleware } from './scim/router';

export interface AppDependencies {
  config: Readonly<Config>;
  logger: Logger;
  orm: MikroORM;
  /** Current time; tests replace it to move the clock. */
  now?: () => Date;
}

export interface RosterApp {
  koa: Koa<RequestState>;
  /** Stops background work; the caller closes the HTTP server and the database. */
  stop(): Promise<void>;
}

/** Builds the Koa application without listening, so that tests can serve it on any port. */
export async function createApp(deps: AppDependencies): Promise<RosterApp> {
  const domainDeps: DomainDeps = {
    config: deps.config,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
  };
  const shared = createSharedServices(domainDeps);

  const createContext = async (http: Context): Promise<GraphQLContext> => {
    const state = http.state as RequestState;
    const em = deps.orm.em.fork();

    return {
      requestId: state.requestId,
      logger: state.logger,
      em,
      services: new Services(em, domainDeps, shared),
      http,
    };
  };
  const graphql = await startGraphQLServer(createContext);

  const koa = new Koa<RequestState>({ proxy: false });
  koa.use(requestContext(deps.logger));
  koa.use(errorHandler());

  const health = healthRoutes(async () => {
    await deps.orm.em.getConnection().execute('select 1');
  });
  koa.use(health.routes());

  const executor = new OperationExecutor(buildGraphQLSchema(), deps.orm, domainDeps, shared);
  koa.use(
    scimMiddleware({
      executor,
      publicUrl: deps.config.publicUrl,
      maxBodyBytes: deps.config.maxBodyBytes,
      maxResults: deps.config.scimMaxResults,
      maxPatchOperations: deps.config.scimMaxPatchOperations,
    }),
  );

  const graphqlRouter = new Router<RequestState>();
  graphqlRouter.all(
    '/graphql',
    bodyParser({ enableTypes: ['json'], jsonLimit: `${deps.config.maxBodyBytes}b` }),
    graphql.middleware,
  );
  koa.use(graphqlRouter.routes());

  return {
    koa,
    stop: () => graphql.stop(),
  };
}
