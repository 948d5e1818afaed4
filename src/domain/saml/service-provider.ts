import { generateServiceProviderMetadata } from '@node-saml/node-saml';

import type { ServiceProviderKey } from '../../config';

/** The URLs Roster serves as a SAML service provider for one organization. */
export interface ServiceProviderEndpoints {
  entityId: string;
  acsUrl: string;
  signOnUrl: string;
  logoutUrl: string;
  metadataUrl: string;
}

/** Derives an organization's service-provider URLs from PUBLIC_URL and its slug. */
export function serviceProviderEndpoints(
  publicUrl: string,
  slug: string,
): ServiceProviderEndpoints {
  const base = `${publicUrl}/sso/${encodeURIComponent(slug)}`;

  return {
    entityId: `${base}/metadata`,
    acsUrl: `${base}/acs`,
    signOnUrl: `${base}/login`,
    logoutUrl: `${base}/logout`,
    metadataUrl: `${base}/metadata`,
  };
}

/**
 * Generates the service-provider metadata XML that admins upload to Entra: entity ID,
 * assertion consumer service (HTTP-POST), single logout service, and signed assertions wanted.
 * With a signing key, it also carries the certificate and `AuthnRequestsSigned="true"`; the
 * private key itself never appears.
 */
export function serviceProviderMetadataXml(
  publicUrl: string,
  slug: string,
  signingKey?: ServiceProviderKey,
): string {
  const endpoints = serviceProviderEndpoints(publicUrl, slug);

  return generateServiceProviderMetadata({
    issuer: endpoints.entityId,
    callbackUrl: endpoints.acsUrl,
    logoutCallbackUrl: endpoints.logoutUrl,
    wantAssertionsSigned: true,
    privateKey: signingKey?.privateKey,
    publicCerts: signingKey ? [signingKey.certificate] : null,
  });
}
