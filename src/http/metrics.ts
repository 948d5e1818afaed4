import { createHash, timingSafeEqual } from 'node:crypto';

import Router from '@koa/router';
import type { Middleware } from 'koa';

import type { Metrics } from '../metrics/metrics';
import type { RequestState } from './state';

/**
 * Observes each request's duration under its route pattern (such as `/scim/v2/Users/:id`),
 * so that ids never become label values; requests no route matched share `unmatched`.
 */
export function httpMetrics(metrics: Metrics): Middleware<RequestState> {
  return async (ctx, next) => {
    const end = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      end({
        route: typeof route === 'string' ? route : 'unmatched',
        method: ctx.method,
        status: String(ctx.status),
      });
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * `GET /metrics` in the Prometheus text format. With a token configured, the request must
 * send `Authorization: Bearer <token>`; otherwise it gets 401.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Router<RequestState> {
  const router = new Router<RequestState>();
  const expected = token === undefined ? undefined : digest(token);

  router.get('/metrics', async (ctx) => {
    if (expected) {
      const offered = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'))?.[1] ?? '';
      if (!timingSafeEqual(digest(offered), expected)) {
        ctx.status = 401;
        ctx.set('WWW-Authenticate', 'Bearer realm="Roster metrics"');
        ctx.body = { error: 'send the metrics token as "Authorization: Bearer <token>"' };
        return;
      }
    }

    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });

  return router;
}
