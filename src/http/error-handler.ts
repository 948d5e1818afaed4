import type { Middleware } from 'koa';

import type { RequestState } from './state';

/**
 * Last line of defence for routes outside the SCIM facade: an unexpected error becomes a
 * 500 with the request id, never a stack trace. Errors carrying a 4xx status keep it, such as
 * the body parser's 400 for invalid JSON, whose messages describe only the request body.
 */
export function errorHandler(): Middleware<RequestState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const status = (error as { status?: number }).status;

      if (status && status >= 400 && status < 500) {
        ctx.state.logger.info(
          { status, path: ctx.path, reason: (error as Error).message },
          'request rejected',
        );
        ctx.status = status;
        ctx.body = { error: (error as Error).message, requestId: ctx.state.requestId };
        return;
      }

      ctx.state.logger.error({ err: error, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error', requestId: ctx.state.requestId };
    }
  };
}
