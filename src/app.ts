import type { MikroORM } from '@mikro-orm/postgresql';
import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';

import type { Config } from './config';
import { SignInThrottle } from './domain/auth/sign-in-throttle';
import type { DomainDeps } from './domain/deps';
import { OrganizationService } from './domain/organizations/organization.service';
import { ResyncRunner } from './domain/scim-settings/resync-runner';
import { createSharedServices } from './domain/services';
import { startGraphQLServer } from './graphql/apollo';
import { createContextFactory } from './graphql/create-context';
import { OperationExecutor } from './graphql/execute';
import { buildGraphQLSchema } from './graphql/schema';
import { requireCsrfHeader } from './http/csrf';
import { errorHandler } from './http/error-handler';
import { healthRoutes } from './http/health';
import { requestContext } from './http/request-context';
import { ssoMetadataRoutes } from './http/sso-metadata';
import type { RequestState } from './http/state';
import { httpMetrics, metricsRoutes } from './http/metrics';
import { provisioningExportRoutes } from './http/provisioning-export';
import type { Logger } from './logger';
import { Metrics } from './metrics/metrics';
import { startProvisioningLog } from './provisioning-log';
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
  metrics: Metrics;
  /** Stops background work; the caller closes the HTTP server and the database. */
  stop(): Promise<void>;
}

/** Builds the Koa application without listening, so that tests can serve it on any port. */
export async function createApp(deps: AppDependencies): Promise<RosterApp> {
  const domainDeps: DomainDeps = {
    config: deps.config,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
    signInThrottle: new SignInThrottle({
      maxFailures: deps.config.signInMaxFailures,
      windowSeconds: deps.config.signInWindowSeconds,
    }),
  };
  const shared = createSharedServices(domainDeps, deps.orm);
  const resync = new ResyncRunner(deps.orm, domainDeps, shared.registries, shared.resyncSignal, {
    batchSize: deps.config.resyncBatchSize,
    pollMs: deps.config.resyncPollSeconds * 1000,
  });
  const metrics = new Metrics();
  metrics.observeDatabasePool(deps.orm);
  const provisioning = startProvisioningLog(deps, domainDeps, shared, metrics);

  const createContext = createContextFactory({ orm: deps.orm, domainDeps, shared });
  const graphql = await startGraphQLServer(createContext);

  const koa = new Koa<RequestState>({ proxy: false });
  koa.use(requestContext(deps.logger));
  koa.use(httpMetrics(metrics));
  koa.use(errorHandler());
  koa.use(metricsRoutes(metrics, deps.config.metricsToken).routes());

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
      provisioningLog: provisioning?.middleware,
    }),
  );

  const graphqlRouter = new Router<RequestState>();
  graphqlRouter.all(
    '/graphql',
    requireCsrfHeader(),
    bodyParser({ enableTypes: ['json'], jsonLimit: `${deps.config.maxBodyBytes}b` }),
    graphql.middleware,
  );
  koa.use(graphqlRouter.routes());

  koa.use(provisioningExportRoutes(deps.orm, domainDeps, shared).routes());

  const sso = ssoMetadataRoutes(
    deps.config.publicUrl,
    () => new OrganizationService(deps.orm.em.fork(), domainDeps),
  );
  koa.use(sso.routes());

  resync.start();

  return {
    koa,
    metrics,
    stop: async () => {
      await resync.stop();
      await graphql.stop();
      await provisioning?.stop();
    },
  };
}
