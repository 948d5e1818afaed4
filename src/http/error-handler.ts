import type { Middleware } from 'koa';

import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  warnDatabaseUnavailable,
} from '../db/database-unavailable';
import type { RequestState } from './state';

/**
 * Last line of defence for routes outside the SCIM facade: an unexpected error becomes a
 * 500 with the request id, never a stack trace. Errors carrying a 4xx status keep it, such as
 * the body parser's 400 for invalid JSON, whose messages describe only the request body. An
 * unavailable database becomes 503 with `Retry-After`.
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

      if (isDatabaseUnavailable(error)) {
        const fields = { path: ctx.path };
        warnDatabaseUnavailable(
          ctx.state.logger,
          error,
          fields,
          'request failed: database unavailable',
        );
        ctx.status = 503;
        ctx.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
        ctx.body = { error: DATABASE_UNAVAILABLE_MESSAGE, requestId: ctx.state.requestId };
        return;
      }

      ctx.state.logger.error({ err: error, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error', requestId: ctx.state.requestId };
    }
  };
}
