import Router from '@koa/router';
import type { Middleware } from 'koa';
import compose from 'koa-compose';

import type { OperationExecutor } from '../graphql/execute';
import type { RateLimits } from '../http/rate-limit/rate-limits';
import { scimAuthentication } from './auth';
import { scimErrorHandler } from './protocol/error-handler';
import { scimBody } from './protocol/scim-body';
import { bindProvisioningPrincipal } from './provisioning/provisioning-log';
import { ScimError } from './protocol/scim-error';
import { discoveryRoutes } from './routes/discovery';
import { groupRoutes } from './routes/groups';
import { ResourceLister } from './routes/list';
import { searchRoutes } from './routes/search';
import { userRoutes } from './routes/users';
import { SchemaRegistry } from './schemas';

export const SCIM_PREFIX = '/scim/v2';

/**
 * Answers requests that no route handled: 405 with `Allow` when the path exists for other
 * methods, otherwise 404.
 */
function rejectUnrouted(ctx: Parameters<Middleware>[0]): never {
  const layers = (ctx.matched ?? []) as { methods: string[] }[];
  const allowed = [...new Set(layers.flatMap((layer) => layer.methods))];

  if (allowed.length > 0) {
    throw new ScimError(
      405,
      `${ctx.method} is not supported on ${ctx.path}; use ${allowed.join(', ')}`,
      undefined,
      { Allow: allowed.join(', ') },
    );
  }

  throw ScimError.notFound('no such SCIM endpoint; see /scim/v2/ResourceTypes');
}

export interface ScimOptions {
  executor: OperationExecutor;
  /** PUBLIC_URL, from which resource locations are built. */
  publicUrl: string;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Largest page of a list or search (`filter.maxResults`). */
  maxResults: number;
  /** Most operations accepted in one PATCH request. */
  maxPatchOperations: number;
  /** Records each request in the provisioning log; omitted when the log is off. */
  provisioningLog?: Middleware;
  /** Request budgets per token and failed authentications per client address. */
  rateLimits: RateLimits;
}

/**
 * The SCIM 2.0 service provider (RFC 7644) below `/scim/v2`: errors, authentication and body
 * parsing wrap every route, including unknown ones, which get a SCIM 404.
 */
export function scimMiddleware(options: ScimOptions): Middleware {
  const { executor } = options;
  const registry = SchemaRegistry.create();
  const router = new Router({ prefix: SCIM_PREFIX });

  const base = `${options.publicUrl}${SCIM_PREFIX}`;
  const limits = {
    maxResults: options.maxResults,
    maxOperations: options.maxPatchOperations,
    maxPayloadBytes: options.maxBodyBytes,
  };

  const lister = new ResourceLister(executor);
  const routeGroups = [
    searchRoutes(lister, options.maxResults),
    userRoutes(executor, registry, lister, options.maxPatchOperations),
    groupRoutes(executor, registry, lister, options.maxPatchOperations),
    discoveryRoutes(executor, base, limits),
  ];

  for (const routes of routeGroups) {
    router.use(routes.routes());
  }

  const pipeline: Middleware = compose<any>([
    ...(options.provisioningLog ? [options.provisioningLog] : []),
    scimErrorHandler(),
    scimAuthentication(executor, options.rateLimits),
    bindProvisioningPrincipal(),
    scimBody(options.maxBodyBytes),
    router.routes(),
    rejectUnrouted,
  ]);

  return async (ctx, next) => {
    const path = ctx.path;
    if (path !== SCIM_PREFIX && !path.startsWith(`${SCIM_PREFIX}/`)) {
      return next();
    }

    return pipeline(ctx, async () => undefined);
  };
}
