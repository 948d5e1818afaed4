import type { Context, Middleware } from 'koa';

import type { RequestState } from './state';

/** Header that browser clients send on every `/graphql` request without a bearer token. */
export const CSRF_HEADER = 'X-Roster-CSRF';

function forbidden(ctx: Context, message: string): void {
  ctx.status = 403;
  ctx.body = { errors: [{ message, extensions: { code: 'FORBIDDEN' } }] };
}

/**
 * Rejects `/graphql` requests that carry no `Authorization` header and no `X-Roster-CSRF`
 * header. A cross-site form or image cannot set a custom header, and a cross-site script
 * needs a CORS preflight that Roster grants only to `allowedOrigins`, so requests riding on
 * the session cookie, and sign-ins planted by another site, fail here. As a second check,
 * such requests whose `Origin` header names another origin are rejected too. Bearer tokens
 * are never sent by browsers on their own, so requests with them need neither. A GET
 * without a query (Apollo's landing page) passes.
 */
export function requireCsrfHeader(allowedOrigins: readonly string[]): Middleware<RequestState> {
  const allowed = new Set(allowedOrigins);

  return async (ctx, next) => {
    const isLandingPage = ctx.method === 'GET' && !ctx.query.query;

    if (isLandingPage || ctx.get('authorization')) {
      await next();
      return;
    }

    if (!ctx.get(CSRF_HEADER)) {
      forbidden(
        ctx,
        `requests without an Authorization header must send the header "${CSRF_HEADER}: 1" ` +
          'to prove they do not come from another site',
      );
      return;
    }

    const origin = ctx.get('origin');
    if (origin && !allowed.has(origin)) {
      ctx.state.logger.warn({ origin }, 'GraphQL request rejected: cross-site origin');
      forbidden(
        ctx,
        `requests from origin ${origin} are not allowed; add it to CORS_ALLOWED_ORIGINS to ` +
          'call Roster from that site',
      );
      return;
    }

    await next();
  };
}
