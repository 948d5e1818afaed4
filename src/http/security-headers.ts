import type { IncomingMessage, ServerResponse } from 'node:http';

import helmet, { type HelmetOptions } from 'helmet';
import type { Middleware } from 'koa';

import type { RequestState } from './state';

type ConnectHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Runs a Connect-style middleware such as helmet's inside Koa. */
function fromConnect(handler: ConnectHandler): Middleware<RequestState> {
  return async (ctx, next) => {
    await new Promise<void>((resolve, reject) => {
      handler(ctx.req, ctx.res, (error) => (error ? reject(error) : resolve()));
    });
    await next();
  };
}

/** The JSON API: nothing may load from its responses, and no page may frame them. */
const API_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  frameguard: { action: 'deny' },
};

/**
 * Apollo's landing page sets its own Content-Security-Policy in a meta tag, naming the CDN
 * that its scripts come from. A stricter header would block them, so it gets none.
 */
const LANDING_PAGE_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: false,
  frameguard: { action: 'deny' },
};

/** The console: helmet's defaults, which allow scripts, styles and images of its own origin. */
const CONSOLE_OPTIONS: HelmetOptions = {
  frameguard: { action: 'deny' },
  contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } },
};

function isConsolePath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

function isLandingPage(method: string, query: Record<string, unknown>): boolean {
  return method === 'GET' && !query.query;
}

/**
 * Sets helmet's security headers (Content-Security-Policy, Strict-Transport-Security,
 * X-Content-Type-Options, X-Frame-Options, Referrer-Policy and others) on the console below
 * `/admin` and on `/graphql`. SCIM and SAML responses are left alone, because their clients
 * are Entra and identity-provider form posts, not pages.
 */
export function securityHeaders(): Middleware<RequestState> {
  const api = fromConnect(helmet(API_OPTIONS));
  const landingPage = fromConnect(helmet(LANDING_PAGE_OPTIONS));
  const consolePages = fromConnect(helmet(CONSOLE_OPTIONS));

  return async (ctx, next) => {
    if (ctx.path === '/graphql') {
      const headers = isLandingPage(ctx.method, ctx.query) ? landingPage : api;
      return headers(ctx, next);
    }

    if (isConsolePath(ctx.path)) {
      return consolePages(ctx, next);
    }

    return next();
  };
}
