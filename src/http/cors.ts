import cors from '@koa/cors';
import type { Middleware } from 'koa';

import { CSRF_HEADER } from './csrf';
import type { RequestState } from './state';

/** Seconds that browsers may cache a granted preflight. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Grants CORS, with credentials, to the origins in CORS_ALLOWED_ORIGINS only. Requests from
 * any other origin get no `Access-Control-Allow-*` headers, so browsers keep their responses
 * from the calling page and refuse to send preflighted requests.
 */
export function corsForAllowedOrigins(allowedOrigins: readonly string[]): Middleware<RequestState> {
  const allowed = new Set(allowedOrigins);

  return cors({
    origin: (ctx) => {
      const origin = ctx.get('origin');
      return allowed.has(origin) ? origin : '';
    },
    credentials: true,
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Authorization', 'Content-Type', CSRF_HEADER],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  }) as Middleware<RequestState>;
}
