import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../fixtures/saml');

/** A self-signed certificate valid until 2126 (see `test/fixtures/saml/generate.sh`). */
export const SIGNING_CERTIFICATE = readFileSync(path.join(FIXTURES, 'idp-signing.pem'), 'utf8');

/** A second valid certificate, for rotation. */
export const NEXT_SIGNING_CERTIFICATE = readFileSync(
  path.join(FIXTURES, 'idp-next-signing.pem'),
  'utf8',
);

/** A certificate valid during 2020 only. */
export const EXPIRED_CERTIFICATE = readFileSync(path.join(FIXTURES, 'idp-expired.pem'), 'utf8');

/** The base64 body of a PEM certificate, as SAML metadata carries it. */
export function base64Of(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/**
 * Builds federation metadata shaped like the document Entra ID publishes for an enterprise
 * application: a WS-Federation RoleDescriptor (whose key must be ignored) before the
 * IDPSSODescriptor with the SAML signing certificates and endpoints.
 */
export function entraFederationMetadata(tenantId: string, certificates: string[]): string {
  const keys = certificates
    .map(
      (pem) => `
    <KeyDescriptor use="signing">
      <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">
        <X509Data><X509Certificate>${base64Of(pem)}</X509Certificate></X509Data>
      </KeyInfo>
    </KeyDescriptor>`,
    )
    .join('');

  return `<?xml version="1.0" encoding="utf-8"?>
<EntityDescriptor ID="_${tenantId}" entityID="https://sts.windows.net/${tenantId}/"
    xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <RoleDescriptor xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
      xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706"
      xsi:type="fed:SecurityTokenServiceType"
      protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706">
    <KeyDescriptor use="signing">
      <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">
        <X509Data><X509Certificate>not-a-certificate-of-the-saml-descriptor</X509Certificate></X509Data>
      </KeyInfo>
    </KeyDescriptor>
  </RoleDescriptor>
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}
    <SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://login.microsoftonline.com/${tenantId}/saml2" />
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://login.microsoftonline.com/${tenantId}/saml2" />
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
        Location="https://login.microsoftonline.com/${tenantId}/saml2/post" />
  </IDPSSODescriptor>
</EntityDescriptor>
`;
}
