import type { Middleware } from 'koa';

import type { RequestState } from './state';

/** Header that browser clients send on every `/graphql` request without a bearer token. */
export const CSRF_HEADER = 'X-Roster-CSRF';

/**
 * Rejects `/graphql` requests that carry no `Authorization` header and no `X-Roster-CSRF`
 * header. A cross-site form or image cannot set a custom header, and a cross-site script
 * needs a CORS preflight that Roster never grants, so requests riding on the session cookie,
 * and sign-ins planted by another site, fail here. Bearer tokens are never sent by browsers
 * on their own, so requests with them need no header. A GET without a query (Apollo's landing
 * page) passes.
 */
export function requireCsrfHeader(): Middleware<RequestState> {
  return async (ctx, next) => {
    const isLandingPage = ctx.method === 'GET' && !ctx.query.query;

    if (isLandingPage || ctx.get('authorization') || ctx.get(CSRF_HEADER)) {
      await next();
      return;
    }

    ctx.status = 403;
    ctx.body = {
      errors: [
        {
          message:
            `requests without an Authorization header must send the header "${CSRF_HEADER}: 1" ` +
            'to prove they do not come from another site',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    };
  };
}
