import type { Middleware } from 'koa';

import type { RequestState } from './state';

/**
 * Last line of defence for routes outside the SCIM facade: an unexpected error becomes a
 * 500 with the request id, never a stack trace; errors carrying an HTTP status keep it.
 */
export function errorHandler(): Middleware<RequestState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const status = (error as { status?: number }).status;
      const exposed = (error as { expose?: boolean }).expose === true;

      if (status && status >= 400 && status < 500 && exposed) {
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
