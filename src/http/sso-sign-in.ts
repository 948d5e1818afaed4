import Router from '@koa/router';
import type { Context } from 'koa';
import bodyParser from 'koa-bodyparser';

import type { Services } from '../domain/services';
import { CONSOLE_BASE } from './admin-console';
import { SsoRejection } from '../domain/saml/sign-in/sso-rejection';
import { renderPage, renderRejectionPage } from './sso-page';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie';
import type { RequestState } from './state';

export interface SsoSignInRouteOptions {
  publicUrl: string;
  maxBodyBytes: number;
  /** Domain services on a fresh EntityManager fork, one set per request. */
  services: () => Services;
}

/**
 * SAML sign-in routes of each organization, reachable without a session:
 * - `GET /sso/<slug>/login[?returnTo=/path]` redirects to the identity provider;
 * - `POST /sso/<slug>/acs` accepts its response, sets the session cookie and redirects to the
 *   path the login named (or the admin console), or responds with a plain rejection page;
 * - `POST` or `GET /sso/<slug>/logout` ends the session and, for a SAML session when the
 *   identity provider has a logout URL, redirects there with a LogoutRequest.
 */
export function ssoSignInRoutes(options: SsoSignInRouteOptions): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/sso/:slug/login', async (ctx) => {
    const returnTo = typeof ctx.query.returnTo === 'string' ? ctx.query.returnTo : null;

    try {
      const url = await options.services().ssoSignIn.startLogin(ctx.params.slug, returnTo);
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect(url);
    } catch (error) {
      rejectOrThrow(ctx, error, ctx.params.slug);
    }
  });

  router.post(
    '/sso/:slug/acs',
    bodyParser({ enableTypes: ['form'], formLimit: `${options.maxBodyBytes}b` }),
    async (ctx) => {
      const form = (ctx.request.body ?? {}) as Record<string, unknown>;
      const services = options.services();

      try {
        const signedIn = await services.ssoSignIn.acceptResponse({
          slug: ctx.params.slug,
          samlResponse: stringField(form.SAMLResponse),
          relayState: stringField(form.RelayState),
          requestId: ctx.state.requestId,
        });

        ctx.state.organizationId = signedIn.principal.organizationId;
        setSessionCookie(ctx, signedIn.secret, {
          expiresAt: signedIn.session.expiresAt,
          now: signedIn.session.createdAt,
          publicUrl: options.publicUrl,
        });
        ctx.state.logger.info(
          {
            organizationId: signedIn.principal.organizationId,
            userId: signedIn.principal.userId,
            sessionId: signedIn.session.id,
          },
          'SAML sign-in succeeded',
        );
        ctx.status = 303;
        ctx.set('Cache-Control', 'no-store');
        ctx.redirect(`${options.publicUrl}${signedIn.returnTo ?? `${CONSOLE_BASE}/`}`);
      } catch (error) {
        rejectOrThrow(ctx, error, ctx.params.slug);
      }
    },
  );

  const logout = async (ctx: Context & { state: RequestState; params: { slug: string } }) => {
    const result = await options
      .services()
      .ssoSignOut.signOut(ctx.params.slug, readSessionCookie(ctx), ctx.state.requestId);

    clearSessionCookie(ctx, options.publicUrl);
    ctx.state.logger.info({ signedOut: result.signedOut }, 'SSO sign-out');
    // A GET is where the identity provider returns after its own logout, so it never
    // redirects there again. NOTE: a link on another site can also end the session this way,
    // since SameSite=Lax cookies go with top-level GET navigations.
    if (result.logoutUrl && ctx.method === 'POST') {
      ctx.status = 303;
      ctx.redirect(result.logoutUrl);
      return;
    }

    renderPage(ctx, 'Signed out', ['You are signed out of Roster.']);
  };
  router.post('/sso/:slug/logout', logout);
  router.get('/sso/:slug/logout', logout);

  return router;
}

/** Logs a rejection with its reason and renders its page; other errors go to the handler. */
function rejectOrThrow(ctx: Context & { state: RequestState }, error: unknown, slug: string) {
  if (!(error instanceof SsoRejection)) {
    throw error;
  }

  ctx.state.logger.warn(
    { reason: error.reason, detail: error.detail, organization: slug, ...error.logFields },
    'SAML sign-in rejected',
  );
  renderRejectionPage(ctx, error.reason, ctx.state.requestId);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
