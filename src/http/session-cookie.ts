import type { Context } from 'koa';

/** Name of the cookie that carries the session secret. */
export const SESSION_COOKIE = 'roster_session';

/**
 * Sets the session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on
 * cross-site POSTs), and Secure when PUBLIC_URL is https. Roster usually sits behind a proxy
 * that terminates TLS, so the header is written by hand: Koa's cookie helper rejects Secure
 * cookies on the plain-HTTP hop from the proxy.
 */
export function setSessionCookie(
  ctx: Context,
  secret: string,
  session: { expiresAt: Date; now: Date; publicUrl: string },
): void {
  const { expiresAt, now, publicUrl } = session;
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));

  ctx.append(
    'Set-Cookie',
    serializeCookie(secret, { expires: expiresAt, maxAge, secure: isHttps(publicUrl) }),
  );
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(ctx: Context, publicUrl: string): void {
  ctx.append(
    'Set-Cookie',
    serializeCookie('', { expires: new Date(0), maxAge: 0, secure: isHttps(publicUrl) }),
  );
}

/** Returns the session secret the request's cookie carries, if any. */
export function readSessionCookie(ctx: Context): string | undefined {
  return ctx.cookies.get(SESSION_COOKIE) || undefined;
}

function serializeCookie(
  value: string,
  options: { expires: Date; maxAge: number; secure: boolean },
): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Expires=${options.expires.toUTCString()}`,
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) {
    parts.push('Secure');
  }

  return parts.join('; ');
}

function isHttps(publicUrl: string): boolean {
  return publicUrl.startsWith('https:');
}
