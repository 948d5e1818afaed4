import { randomBytes } from 'node:crypto';

import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';

import type { ServiceProviderKey } from '../../../config';
import type { SamlIntegration } from '../../../entities/saml-integration.entity';
import { describeCertificate } from '../certificate';
import type { ServiceProviderEndpoints } from '../service-provider';

export interface SamlClientOptions {
  integration: SamlIntegration;
  endpoints: ServiceProviderEndpoints;
  signingKey?: ServiceProviderKey;
  /** PEM certificates whose signatures are accepted; see `acceptedCertificates`. */
  certificates: string[];
  /** ID of the next AuthnRequest or LogoutRequest; Roster stores it itself. */
  requestId?: string;
}

/**
 * Creates a node-saml client for one integration. node-saml builds and signs requests and
 * verifies XML signatures. The other response checks are Roster's own, because node-saml
 * 5.1 reads the system clock and keeps request ids in process memory.
 */
export function createSamlClient(options: SamlClientOptions): SAML {
  const { integration, endpoints, signingKey, requestId } = options;

  return new SAML({
    issuer: endpoints.entityId,
    callbackUrl: endpoints.acsUrl,
    logoutCallbackUrl: endpoints.logoutUrl,
    entryPoint: integration.idpSignOnUrl ?? undefined,
    logoutUrl: integration.idpLogoutUrl ?? undefined,
    idpCert: options.certificates,
    privateKey: signingKey?.privateKey,
    signatureAlgorithm: 'sha256',
    // Without a NameIDPolicy format, Entra sends the NameID its claims configuration selects.
    identifierFormat: null,
    // Asking for PasswordProtectedTransport makes Entra reject sign-ins by MFA or passkey.
    disableRequestedAuthnContext: true,
    // Either the response or the assertion must carry a valid signature.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    audience: false,
    acceptedClockSkewMs: -1,
    validateInResponseTo: ValidateInResponseTo.never,
    generateUniqueId: () => requestId ?? newSamlId(),
  });
}

/**
 * Returns the integration's certificates that are within their validity period at `now`:
 * during a key rotation the current and the next certificate are both accepted, and an
 * expired one no longer is.
 */
export function acceptedCertificates(integration: SamlIntegration, now: Date): string[] {
  const certificates = [integration.idpCertificate, integration.idpNextCertificate];

  return certificates.filter((pem): pem is string => {
    if (!pem) {
      return false;
    }
    const info = describeCertificate(pem);
    return info.notBefore.getTime() <= now.getTime() && now.getTime() < info.notAfter.getTime();
  });
}

/** Generates a SAML ID: an XML NCName, so it starts with an underscore, and 128 random bits. */
export function newSamlId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}
