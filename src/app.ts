import type { MikroORM } from '@mikro-orm/postgresql';
import Router from '@koa/router';
import Koa from 'koa';

import type { Config } from './config';
import { SignInThrottle } from './domain/auth/sign-in-throttle';
import type { DomainDeps } from './domain/deps';
import { OrganizationService } from './domain/organizations/organization.service';
import { ResyncRunner } from './domain/scim-settings/resync-runner';
import { createSharedServices, Services } from './domain/services';
import { startGraphQLServer } from './graphql/apollo';
import { createContextFactory } from './graphql/create-context';
import { OperationExecutor } from './graphql/execute';
import { buildGraphQLSchema } from './graphql/schema';
import { corsForAllowedOrigins } from './http/cors';
import { adminConsole } from './http/admin-console';
import { requireCsrfHeader } from './http/csrf';
import { errorHandler } from './http/error-handler';
import { graphqlBody } from './http/graphql-body';
import { graphqlAuthFailureLimit } from './http/rate-limit/graphql-auth-limit';
import { openRateLimitStore } from './http/rate-limit/rate-limit-store';
import { RateLimits } from './http/rate-limit/rate-limits';
import { healthRoutes } from './http/health';
import { requestContext } from './http/request-context';
import { requestDeadline } from './http/request-deadline';
import { securityHeaders } from './http/security-headers';
import { ssoMetadataRoutes } from './http/sso-metadata';
import { ssoSignInRoutes } from './http/sso-sign-in';
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
  const rateLimitStore = await openRateLimitStore({
    redisUrl: deps.config.redisUrl,
    keyPrefix: deps.config.rateLimitKeyPrefix,
    logger: deps.logger,
  });
  const rateLimits = new RateLimits(rateLimitStore, deps.config, deps.logger);

  const domainDeps: DomainDeps = {
    config: deps.config,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
    signInThrottle: new SignInThrottle({
      maxFailures: deps.config.signInMaxFailures,
      windowSeconds: deps.config.signInWindowSeconds,
      createLimiter: (options) => rateLimitStore.createLimiter(options),
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

  const createContext = createContextFactory({
    orm: deps.orm,
    domainDeps,
    shared,
    onTokenRejected: (http) => rateLimits.recordAuthFailure(http.ip),
  });
  const graphql = await startGraphQLServer(createContext, {
    maxDepth: deps.config.graphqlMaxDepth,
    maxComplexity: deps.config.graphqlMaxComplexity,
    maxResults: deps.config.scimMaxResults,
  });

  // With proxies, ctx.ip is the entry that many hops from the right of X-Forwarded-For.
  const trustProxy = deps.config.trustProxyHops > 0;
  const koa = new Koa<RequestState>({
    proxy: trustProxy,
    ...(trustProxy ? { maxIpsCount: deps.config.trustProxyHops } : {}),
  });
  koa.use(requestContext(deps.logger));
  koa.use(httpMetrics(metrics));
  koa.use(errorHandler());
  koa.use(requestDeadline(deps.config.requestTimeoutMs));
  koa.use(securityHeaders());

  const executor = new OperationExecutor(buildGraphQLSchema(), deps.orm, domainDeps, shared);
  koa.use(
    scimMiddleware({
      executor,
      publicUrl: deps.config.publicUrl,
      maxBodyBytes: deps.config.maxBodyBytes,
      maxResults: deps.config.scimMaxResults,
      maxPatchOperations: deps.config.scimMaxPatchOperations,
      provisioningLog: provisioning?.middleware,
      rateLimits,
    }),
  );

  // After SCIM, which handles most requests and passes the others on after one path test.
  koa.use(metricsRoutes(metrics, deps.config.metricsToken).routes());
  const health = healthRoutes(async () => {
    await deps.orm.em.getConnection().execute('select 1');
  });
  koa.use(health.routes());

  const corsOrigins = deps.config.corsAllowedOrigins;
  const sameSiteOrigins = [new URL(deps.config.publicUrl).origin, ...corsOrigins];
  const graphqlRouter = new Router<RequestState>();
  graphqlRouter.all(
    '/graphql',
    corsForAllowedOrigins(corsOrigins),
    requireCsrfHeader(sameSiteOrigins),
    graphqlAuthFailureLimit(rateLimits),
    graphqlBody(deps.config.maxBodyBytes),
    graphql.middleware,
  );
  koa.use(graphqlRouter.routes());

  koa.use(provisioningExportRoutes(deps.orm, domainDeps, shared).routes());

  const sso = ssoMetadataRoutes(
    deps.config.publicUrl,
    () => new OrganizationService(deps.orm.em.fork(), domainDeps),
    deps.config.samlServiceProviderKey,
  );
  koa.use(sso.routes());

  resync.start();
  const ssoSignIn = ssoSignInRoutes({
    publicUrl: deps.config.publicUrl,
    maxBodyBytes: deps.config.maxBodyBytes,
    services: () => new Services(deps.orm.em.fork(), domainDeps, shared),
  });
  koa.use(ssoSignIn.routes());
  koa.use(adminConsole(deps.config.consoleDir));

  return {
    koa,
    metrics,
    stop: async () => {
      await resync.stop();
      await graphql.stop();
      await provisioning?.stop();
      await rateLimitStore.close();
    },
  };
}
