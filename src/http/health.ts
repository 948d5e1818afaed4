import Router from '@koa/router';

import type { RequestState } from './state';

/**
 * `/healthz` answers while the process runs; `/readyz` answers 200 only while the database
 * does, so that load balancers stop sending traffic to an instance that cannot serve it.
 */
export function healthRoutes(pingDatabase: () => Promise<void>): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    try {
      await pingDatabase();
      ctx.body = { status: 'ready' };
    } catch (error) {
      ctx.state.logger.warn({ err: error }, 'readiness check failed: database unreachable');
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.body = { status: 'unavailable', reason: 'database unreachable' };
    }
  });

  return router;
}
