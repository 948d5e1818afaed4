import { DomainError } from '../../../src/domain/errors';
import { parseIdentityProviderMetadata } from '../../../src/domain/saml/federation-metadata';
import {
  base64Of,
  entraFederationMetadata,
  NEXT_SIGNING_CERTIFICATE,
  SIGNING_CERTIFICATE,
} from '../../helpers/saml-fixtures';

const TENANT = '11111111-2222-3333-4444-555555555555';

function messageOf(xml: string): string {
  try {
    parseIdentityProviderMetadata(xml);
  } catch (error) {
    expect((error as DomainError).details.field).toBe('xml');
    return (error as DomainError).message;
  }
  throw new Error('expected an error');
}

describe('parseIdentityProviderMetadata', () => {
  it("reads Entra's entity ID, endpoints and signing certificate", () => {
    const metadata = parseIdentityProviderMetadata(
      entraFederationMetadata(TENANT, [SIGNING_CERTIFICATE]),
    );

    expect(metadata).toEqual({
      entityId: `https://sts.windows.net/${TENANT}/`,
      signOnUrl: `https://login.microsoftonline.com/${TENANT}/saml2`,
      logoutUrl: `https://login.microsoftonline.com/${TENANT}/saml2`,
      certificates: [base64Of(SIGNING_CERTIFICATE)],
    });
  });

  it('keeps every signing certificate in document order', () => {
    const metadata = parseIdentityProviderMetadata(
      entraFederationMetadata(TENANT, [SIGNING_CERTIFICATE, NEXT_SIGNING_CERTIFICATE]),
    );

    expect(metadata.certificates).toEqual([
      base64Of(SIGNING_CERTIFICATE),
      base64Of(NEXT_SIGNING_CERTIFICATE),
    ]);
  });

  it('rejects a document type declaration before parsing', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE EntityDescriptor [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;"/>`;

    expect(messageOf(xml)).toBe('the metadata must not contain a DOCTYPE or ENTITY declaration');
  });

  it('rejects XML that is not well-formed', () => {
    expect(messageOf('<EntityDescriptor><IDPSSODescriptor></EntityDescriptor>')).toBe(
      'the metadata is not well-formed XML: unclosed xml attribute',
    );
  });

  it("rejects a service provider's metadata", () => {
    const xml = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="sp">
      <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
    </EntityDescriptor>`;

    expect(messageOf(xml)).toBe(
      "the metadata has no IDPSSODescriptor inside an EntityDescriptor; use the identity provider's " +
        "federation metadata, not the service provider's",
    );
  });

  it('rejects metadata without a signing certificate', () => {
    expect(messageOf(entraFederationMetadata(TENANT, []))).toBe(
      'the metadata has no signing certificate in its IDPSSODescriptor',
    );
  });
});
