import { DOMParser } from '@xmldom/xmldom';

import { DomainError } from '../errors';

const METADATA_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** Entra's federation metadata is about 5–30 KB; anything far larger is not metadata. */
export const MAX_METADATA_LENGTH = 500_000;

/** The identity provider values that SAML metadata supplies. */
export interface IdentityProviderMetadata {
  entityId: string;
  signOnUrl: string;
  logoutUrl: string | null;
  /** Signing certificates as base64 DER, in document order. */
  certificates: string[];
}

const FIELD = 'xml';

/**
 * Reads the identity provider's entity ID, sign-on and logout URLs and signing certificates
 * from SAML 2.0 metadata, such as Entra's federation metadata document. Documents with a
 * DTD are rejected before parsing, so no entity is ever expanded.
 *
 * NOTE: the metadata's own XML signature is not verified; the admin vouches for the document.
 */
export function parseIdentityProviderMetadata(xml: string): IdentityProviderMetadata {
  if (xml.length > MAX_METADATA_LENGTH) {
    throw DomainError.invalid(
      `the metadata has ${xml.length} characters; at most ${MAX_METADATA_LENGTH} are accepted`,
      { field: FIELD },
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw DomainError.invalid('the metadata must not contain a DOCTYPE or ENTITY declaration', {
      field: FIELD,
    });
  }

  const descriptor = findIdpDescriptor(parseXml(xml));
  const entity = descriptor.parentNode as Element;

  const entityId = entity.getAttribute('entityID')?.trim() ?? '';
  if (!entityId) {
    throw DomainError.invalid('the metadata has no entityID on its EntityDescriptor', {
      field: FIELD,
    });
  }

  const signOnUrl = preferredLocation(descriptor, 'SingleSignOnService');
  if (!signOnUrl) {
    throw DomainError.invalid(
      'the metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding',
      { field: FIELD },
    );
  }

  const certificates = signingCertificates(descriptor);
  if (certificates.length === 0) {
    throw DomainError.invalid('the metadata has no signing certificate in its IDPSSODescriptor', {
      field: FIELD,
    });
  }

  return {
    entityId,
    signOnUrl,
    logoutUrl: preferredLocation(descriptor, 'SingleLogoutService'),
    certificates,
  };
}

function parseXml(xml: string): Document {
  const problems: string[] = [];
  const parser = new DOMParser({
    locator: {},
    // xmldom 0.8 reports unclosed elements only as warnings, so warnings count as errors too.
    errorHandler: {
      warning: (message: string) => problems.push(message),
      error: (message: string) => problems.push(message),
      fatalError: (message: string) => problems.push(message),
    },
  });
  const document = parser.parseFromString(xml, 'text/xml');

  if (problems.length > 0 || !document?.documentElement) {
    throw DomainError.invalid(
      `the metadata is not well-formed XML: ${firstLine(problems[0] ?? 'no root element')}`,
      { field: FIELD },
    );
  }

  return document;
}

function findIdpDescriptor(document: Document): Element {
  const descriptors = document.getElementsByTagNameNS(METADATA_NS, 'IDPSSODescriptor');
  const descriptor = descriptors.item(0);

  const parent = descriptor?.parentNode as Element | null | undefined;
  if (!descriptor || parent?.localName !== 'EntityDescriptor') {
    throw DomainError.invalid(
      'the metadata has no IDPSSODescriptor inside an EntityDescriptor; use the identity ' +
        "provider's federation metadata, not the service provider's",
      { field: FIELD },
    );
  }

  return descriptor;
}

function childElements(parent: Element, localName: string, namespace: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    const element = node as Element;
    if (
      node.nodeType === 1 &&
      element.localName === localName &&
      element.namespaceURI === namespace
    ) {
      found.push(element);
    }
  }

  return found;
}

/** Returns the Location of the HTTP-Redirect service, or else of the HTTP-POST one. */
function preferredLocation(descriptor: Element, service: string): string | null {
  const services = childElements(descriptor, service, METADATA_NS);

  for (const binding of [REDIRECT_BINDING, POST_BINDING]) {
    const match = services.find((element) => element.getAttribute('Binding') === binding);
    const location = match?.getAttribute('Location')?.trim();
    if (location) {
      return location;
    }
  }

  return null;
}

/** KeyDescriptors without `use` serve signing as well (SAML metadata §2.4.1.1). */
function signingCertificates(descriptor: Element): string[] {
  const certificates: string[] = [];

  for (const key of childElements(descriptor, 'KeyDescriptor', METADATA_NS)) {
    const use = key.getAttribute('use');
    if (use && use !== 'signing') {
      continue;
    }

    const values = key.getElementsByTagNameNS(DSIG_NS, 'X509Certificate');
    for (let index = 0; index < values.length; index += 1) {
      const text = values.item(index)?.textContent?.replace(/\s+/g, '') ?? '';
      if (text && !certificates.includes(text)) {
        certificates.push(text);
      }
    }
  }

  return certificates;
}

/** Returns the first line of an xmldom message, without its `[xmldom warning]` tag. */
function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/^\[xmldom [a-z ]+\]\s*/i, '')
    .slice(0, 200);
}
