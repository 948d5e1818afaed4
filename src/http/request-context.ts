import { randomUUID } from 'node:crypto';

import type { Middleware } from 'koa';

import type { Logger } from '../logger';
import type { RequestState } from './state';

/**
 * Defines `state.logger` so that the child logger is built on first use. Building a pino child
 * copies and redacts its bindings, and most requests never log through it.
 */
function defineLazyLogger(state: RequestState, create: () => Logger): void {
  let child: Logger | undefined;

  Object.defineProperty(state, 'logger', {
    configurable: true,
    enumerable: true,
    get: () => (child ??= create()),
    set: (value: Logger) => {
      child = value;
    },
  });
}

/** Accepted client request ids: up to 128 letters, digits, dots, dashes and underscores. */
const REQUEST_ID_PATTERN = /^[\w.-]{1,128}$/;

/**
 * Gives each request an id (the client's `X-Request-Id` when it is well formed), echoes it
 * back, and writes one log line when the response is done: request id, method, path,
 * status, duration and, when authenticated, the organization and token ids.
 */
export function requestContext(logger: Logger): Middleware<RequestState> {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const offered = ctx.get('x-request-id');
    const requestId = REQUEST_ID_PATTERN.test(offered) ? offered : randomUUID();

    ctx.state.requestId = requestId;
    defineLazyLogger(ctx.state, () => logger.child({ requestId }));
    ctx.set('X-Request-Id', requestId);

    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // Headers are logged at debug level only; the logger's redaction paths replace
      // Authorization, Cookie and Set-Cookie values.
      const headers = logger.isLevelEnabled('debug')
        ? { requestHeaders: ctx.headers, responseHeaders: ctx.response.headers }
        : {};
      logger.info(
        {
          requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          durationMs: Math.round(durationMs * 100) / 100,
          organizationId: ctx.state.organizationId,
          tokenId: ctx.state.tokenId,
          ...headers,
        },
        'request completed',
      );
    }
  };
}
