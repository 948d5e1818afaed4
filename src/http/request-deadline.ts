import type { Context, Middleware } from 'koa';

import { SCIM_CONTENT_TYPE } from '../scim/protocol/media-type';
import { ScimError } from '../scim/protocol/scim-error';
import type { RequestState } from './state';

/** Seconds that a client is asked to wait after a request ran out of time. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Responds with 503 and `Retry-After` when a request is still running `timeoutMs` after it
 * arrived: a SCIM error body below `/scim/v2`, a GraphQL error with code `UNAVAILABLE` on
 * `/graphql`. Stores the deadline in `ctx.state.deadline`, where the SCIM facade checks it
 * before committing, so that a write answered with 503 is rolled back.
 *
 * NOTE: the late handler keeps running until its current database statement ends, which
 * DATABASE_STATEMENT_TIMEOUT_MS bounds. A write whose commit has already started when the
 * deadline passes still commits.
 */
export function requestDeadline(timeoutMs: number): Middleware<RequestState> {
  return async (ctx, next) => {
    ctx.state.deadline = Date.now() + timeoutMs;

    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), timeoutMs);
    });
    const handled = next().then(() => 'handled' as const);

    try {
      const outcome = await Promise.race([handled, expired]);
      if (outcome === 'expired') {
        handled.catch((error: unknown) => {
          ctx.state.logger.warn({ err: error }, 'request failed after its deadline');
        });
        ctx.state.logger.warn({ timeoutMs, path: ctx.path }, 'request deadline passed');
        sendTimeout(ctx, timeoutMs);
      }
    } finally {
      clearTimeout(timer);
    }
  };
}

function sendTimeout(ctx: Context, timeoutMs: number): void {
  const message =
    `the request did not finish within ${timeoutMs} ms (ROSTER_REQUEST_TIMEOUT_MS); ` +
    `retry after ${RETRY_AFTER_SECONDS} seconds`;

  ctx.status = 503;
  ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));

  if (ctx.path === '/scim/v2' || ctx.path.startsWith('/scim/v2/')) {
    ctx.body = new ScimError(503, message).toBody();
    ctx.type = SCIM_CONTENT_TYPE;
    return;
  }

  if (ctx.path === '/graphql') {
    ctx.body = { errors: [{ message, extensions: { code: 'UNAVAILABLE' } }] };
    return;
  }

  ctx.body = { error: message, requestId: ctx.state.requestId };
}
