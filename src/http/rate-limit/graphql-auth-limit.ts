import type { Middleware } from 'koa';

import type { RequestState } from '../state';
import type { RateLimits } from './rate-limits';

/**
 * Rejects `/graphql` requests that carry an `Authorization` header from a client address
 * with too many failed bearer-token authentications: 429 with `Retry-After` and a GraphQL
 * error of code `RATE_LIMITED`. Requests with a session cookie and no header go on, so that
 * token guessing from an address does not lock out the admins signed in behind it.
 */
export function graphqlAuthFailureLimit(limits: RateLimits): Middleware<RequestState> {
  return async (ctx, next) => {
    if (!ctx.get('authorization')) {
      await next();
      return;
    }

    const waitSeconds = await limits.authFailureWait(ctx.ip);
    if (waitSeconds === 0) {
      await next();
      return;
    }

    ctx.state.logger.warn(
      { address: ctx.ip },
      'GraphQL request rejected: too many failed authentications',
    );
    ctx.status = 429;
    ctx.set('Retry-After', String(waitSeconds));
    ctx.body = {
      errors: [
        {
          message: limits.authFailureMessage(waitSeconds),
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: waitSeconds },
        },
      ],
    };
  };
}
