import Router from '@koa/router';

import type { ServiceProviderKey } from '../config';
import type { OrganizationService } from '../domain/organizations/organization.service';
import { serviceProviderMetadataXml } from '../domain/saml/service-provider';
import type { RequestState } from './state';

/**
 * Serves each organization's SAML service-provider metadata at `GET /sso/<slug>/metadata`,
 * without sign-in, so that Entra can read it from its URL. It depends only on PUBLIC_URL and
 * the slug, so it is served before any integration exists.
 */
export function ssoMetadataRoutes(
  publicUrl: string,
  organizations: () => OrganizationService,
  signingKey?: ServiceProviderKey,
): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/sso/:slug/metadata', async (ctx) => {
    const organization = await organizations().findBySlug(ctx.params.slug);

    if (!organization) {
      ctx.status = 404;
      ctx.body = { error: `organization '${ctx.params.slug}' not found` };
      return;
    }

    ctx.state.organizationId = organization.id;
    ctx.type = 'application/samlmetadata+xml';
    ctx.body = serviceProviderMetadataXml(publicUrl, organization.slug, signingKey);
  });

  return router;
}
