import { existsSync, type ReadStream } from 'node:fs';
import path from 'node:path';

import type { Context, Middleware } from 'koa';
import send from 'koa-send';

import type { RequestState } from './state';

/** URL path under which the console is served; Vite builds it with this base. */
export const CONSOLE_BASE = '/admin';

/** Hashed file names change with their content, so browsers may keep them for a year. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Files whose names carry no hash: browsers must ask again, and get 304 while unchanged. */
const REVALIDATE_CACHE = 'no-cache';

/**
 * Allows only the console's own scripts and styles and requests to its own origin. It replaces
 * helmet's default policy, whose `upgrade-insecure-requests` would send a console served over
 * plain HTTP (`npm start` on localhost) to https:// for its own scripts. Metadata downloads are
 * `blob:` URLs made in the page, which the policy does not restrict.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built admin console from `root` at `/admin`. Files under `assets/` have hashed
 * names and are cached for good. Any other path without a file extension is a client route
 * and gets `index.html`, which is never cached without revalidation, so that a new build
 * reaches browsers at once. A missing file with an extension is a 404, never `index.html`.
 */
export function adminConsole(root: string): Middleware<RequestState> {
  const indexFile = path.join(root, 'index.html');

  return async (ctx, next) => {
    if (ctx.path !== CONSOLE_BASE && !ctx.path.startsWith(`${CONSOLE_BASE}/`)) {
      await next();
      return;
    }

    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, HEAD');
      return;
    }

    if (!existsSync(indexFile)) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = `The admin console is not built in ${root}: run "npm run build:console".\n`;
      return;
    }

    const relative = ctx.path.slice(CONSOLE_BASE.length + 1);
    const isClientRoute = path.posix.extname(relative) === '';

    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');

    if (isClientRoute) {
      await sendFile(ctx, root, 'index.html', REVALIDATE_CACHE);
      return;
    }

    const cacheControl = relative.startsWith('assets/') ? IMMUTABLE_CACHE : REVALIDATE_CACHE;
    await sendFile(ctx, root, relative, cacheControl);
  };
}

/** Sends one file below `root`, or 304 when the browser's copy is current. */
async function sendFile(
  ctx: Context,
  root: string,
  relative: string,
  cacheControl: string,
): Promise<void> {
  try {
    await send(ctx, relative, {
      root,
      index: false,
      hidden: false,
      setHeaders: (response) => response.setHeader('Cache-Control', cacheControl),
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 400 || status === 403) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = `${ctx.path} not found\n`;
      return;
    }
    throw error;
  }

  if (ctx.status === 200 && ctx.fresh) {
    (ctx.body as ReadStream).destroy();
    ctx.status = 304;
    ctx.body = null;
  }
}
