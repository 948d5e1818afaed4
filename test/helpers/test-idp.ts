import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

import { generate } from 'selfsigned';
import { SignedXml } from 'xml-crypto';

import type { TestServer } from './test-server';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** A signing key pair of a test identity provider; the certificate is self-signed. */
export interface TestIdpKey {
  privateKey: string;
  certificate: string;
}

/** Generates an RSA 2048 key pair and a self-signed certificate valid from an hour ago. */
export async function generateIdpKey(
  commonName: string,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<TestIdpKey> {
  const notBefore = validity.notBefore ?? new Date(Date.now() - 3600_000);
  const generated = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: validity.notAfter ?? new Date(notBefore.getTime() + 365 * 24 * 3600_000),
  });

  return { privateKey: generated.private, certificate: generated.cert };
}

/** The values of a test response; `buildResponse` fills the rest with valid values. */
export interface ResponseOptions {
  issuer: string;
  audience: string;
  /** The Response's Destination and the SubjectConfirmationData's Recipient. */
  acsUrl: string;
  destination?: string;
  recipient?: string;
  /** Omitted for an IdP-initiated response. */
  inResponseTo?: string;
  nameId: string;
  /** The instant the IdP issues the response; defaults to now. */
  issuedAt?: Date;
  /** How long the assertion is valid after `issuedAt`; defaults to 5 minutes. */
  lifetimeMs?: number;
  assertionId?: string;
  attributes?: Record<string, string>;
  sessionIndex?: string;
}

/** Builds an unsigned SAML 2.0 Response shaped like Entra ID's. */
export function buildResponse(options: ResponseOptions): string {
  const issued = options.issuedAt ?? new Date();
  const notBefore = new Date(issued.getTime() - 5 * 60_000).toISOString();
  const notOnOrAfter = new Date(
    issued.getTime() + (options.lifetimeMs ?? 5 * 60_000),
  ).toISOString();
  const inResponseTo = options.inResponseTo
    ? ` InResponseTo="${escapeXml(options.inResponseTo)}"`
    : '';
  const attributes = Object.entries(options.attributes ?? {})
    .map(
      ([name, value]) =>
        `<Attribute Name="${escapeXml(name)}"><AttributeValue>${escapeXml(value)}` +
        '</AttributeValue></Attribute>',
    )
    .join('');

  return (
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
    `ID="_${randomBytes(16).toString('hex')}" Version="2.0" ` +
    `IssueInstant="${issued.toISOString()}" ` +
    `Destination="${escapeXml(options.destination ?? options.acsUrl)}"${inResponseTo}>` +
    `<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">${escapeXml(options.issuer)}</Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>' +
    '</samlp:Status>' +
    '<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ' +
    `ID="${options.assertionId ?? `_${randomBytes(16).toString('hex')}`}" ` +
    `IssueInstant="${issued.toISOString()}" Version="2.0">` +
    `<Issuer>${escapeXml(options.issuer)}</Issuer>` +
    '<Subject>' +
    '<NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">' +
    `${escapeXml(options.nameId)}</NameID>` +
    '<SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" ` +
    `Recipient="${escapeXml(options.recipient ?? options.acsUrl)}"/>` +
    '</SubjectConfirmation></Subject>' +
    `<Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<AudienceRestriction><Audience>${escapeXml(options.audience)}</Audience>` +
    '</AudienceRestriction></Conditions>' +
    `<AttributeStatement>${attributes}</AttributeStatement>` +
    `<AuthnStatement AuthnInstant="${issued.toISOString()}" ` +
    `SessionIndex="${options.sessionIndex ?? `_${randomBytes(8).toString('hex')}`}">` +
    '<AuthnContext><AuthnContextClassRef>' +
    'urn:oasis:names:tc:SAML:2.0:ac:classes:Password</AuthnContextClassRef></AuthnContext>' +
    '</AuthnStatement>' +
    '</Assertion></samlp:Response>'
  );
}

/**
 * Signs the Assertion (as Entra does by default) or the whole Response with an enveloped
 * RSA-SHA256 signature placed after the element's Issuer, as SAML core §5.4.1 requires.
 */
export function signResponse(
  xml: string,
  key: TestIdpKey,
  element: 'Assertion' | 'Response' = 'Assertion',
): string {
  const target = `//*[local-name(.)='${element}']`;
  const signature = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.certificate,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });

  signature.addReference({
    xpath: target,
    transforms: [ENVELOPED, EXCLUSIVE_C14N],
    digestAlgorithm: SHA256,
  });
  signature.computeSignature(xml, {
    location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
  });

  return signature.getSignedXml();
}

/** The outcome of one browser request to a SAML route, without following redirects. */
export interface BrowserResponse {
  status: number;
  location: string | null;
  setCookie: string | null;
  text: string;
}

/** Posts a response to the ACS as the browser's auto-submitted form does. */
export async function postToAcs(
  server: TestServer,
  slug: string,
  responseXml: string,
  relayState?: string,
): Promise<BrowserResponse> {
  const form = new URLSearchParams({ SAMLResponse: Buffer.from(responseXml).toString('base64') });
  if (relayState !== undefined) {
    form.set('RelayState', relayState);
  }

  return browserRequest(`${server.url}/sso/${slug}/acs`, { method: 'POST', body: form });
}

/** Sends one request without following redirects, as a browser's single step. */
export async function browserRequest(
  url: string,
  init: RequestInit = {},
): Promise<BrowserResponse> {
  const response = await fetch(url, { ...init, redirect: 'manual' });

  return {
    status: response.status,
    location: response.headers.get('location'),
    setCookie: response.headers.get('set-cookie'),
    text: await response.text(),
  };
}

/** What `GET /sso/<slug>/login` sent to the identity provider. */
export interface SentAuthnRequest {
  id: string;
  xml: string;
  /** The redirect URL's query, with SAMLRequest and, when signed, SigAlg and Signature. */
  query: URLSearchParams;
  redirectUrl: URL;
}

/** Starts a sign-in at Roster and decodes the AuthnRequest of its HTTP-Redirect URL. */
export async function startLogin(
  server: TestServer,
  slug: string,
  returnTo?: string,
): Promise<SentAuthnRequest> {
  const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
  const response = await browserRequest(`${server.url}/sso/${slug}/login${query}`);
  if (response.status !== 302 || !response.location) {
    throw new Error(`login answered ${response.status}: ${response.text}`);
  }

  const redirectUrl = new URL(response.location);
  const xml = inflateRawSync(
    Buffer.from(redirectUrl.searchParams.get('SAMLRequest') ?? '', 'base64'),
  ).toString('utf8');
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id) {
    throw new Error(`the AuthnRequest has no ID: ${xml}`);
  }

  return { id, xml, query: redirectUrl.searchParams, redirectUrl };
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
