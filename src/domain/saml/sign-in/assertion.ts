import { DOMParser } from '@xmldom/xmldom';

const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** One bearer SubjectConfirmationData of an assertion. */
export interface SubjectConfirmation {
  recipient: string | null;
  inResponseTo: string | null;
  notBefore: string | null;
  notOnOrAfter: string | null;
}

/** The facts of a signature-checked assertion that Roster's checks and sign-in read. */
export interface AssertionFacts {
  id: string | null;
  issuer: string | null;
  nameId: string | null;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  conditionsNotBefore: string | null;
  conditionsNotOnOrAfter: string | null;
  /** Every Audience of every AudienceRestriction, one list per restriction. */
  audienceRestrictions: string[][];
  bearerConfirmations: SubjectConfirmation[];
  /** Attribute values by attribute Name. */
  attributes: Map<string, string[]>;
}

/** The Response element's own attributes, outside the assertion. */
export interface ResponseFacts {
  destination: string | null;
  inResponseTo: string | null;
  issuer: string | null;
}

/** Reads the assertion facts from the assertion XML that node-saml verified. */
export function readAssertion(assertionXml: string): AssertionFacts {
  const assertion = parse(assertionXml);
  const subject = child(assertion, ASSERTION_NS, 'Subject');
  const nameId = subject ? child(subject, ASSERTION_NS, 'NameID') : undefined;
  const conditions = child(assertion, ASSERTION_NS, 'Conditions');
  const authnStatement = child(assertion, ASSERTION_NS, 'AuthnStatement');

  return {
    id: attribute(assertion, 'ID'),
    issuer: text(child(assertion, ASSERTION_NS, 'Issuer')),
    nameId: text(nameId),
    nameIdFormat: nameId ? attribute(nameId, 'Format') : null,
    sessionIndex: authnStatement ? attribute(authnStatement, 'SessionIndex') : null,
    conditionsNotBefore: conditions ? attribute(conditions, 'NotBefore') : null,
    conditionsNotOnOrAfter: conditions ? attribute(conditions, 'NotOnOrAfter') : null,
    audienceRestrictions: conditions
      ? children(conditions, ASSERTION_NS, 'AudienceRestriction').map((restriction) =>
          children(restriction, ASSERTION_NS, 'Audience').map((audience) => text(audience) ?? ''),
        )
      : [],
    bearerConfirmations: subject ? bearerConfirmations(subject) : [],
    attributes: readAttributes(assertion),
  };
}

/** Reads Destination, InResponseTo and Issuer of a SAML Response document. */
export function readResponse(responseXml: string): ResponseFacts {
  const response = parse(responseXml);
  const isResponse = response.namespaceURI === PROTOCOL_NS && response.localName === 'Response';

  return {
    destination: isResponse ? attribute(response, 'Destination') : null,
    inResponseTo: isResponse ? attribute(response, 'InResponseTo') : null,
    issuer: isResponse ? text(child(response, ASSERTION_NS, 'Issuer')) : null,
  };
}

function bearerConfirmations(subject: Element): SubjectConfirmation[] {
  return children(subject, ASSERTION_NS, 'SubjectConfirmation')
    .filter((confirmation) => attribute(confirmation, 'Method') === BEARER)
    .map((confirmation) => {
      const data = child(confirmation, ASSERTION_NS, 'SubjectConfirmationData');
      return {
        recipient: data ? attribute(data, 'Recipient') : null,
        inResponseTo: data ? attribute(data, 'InResponseTo') : null,
        notBefore: data ? attribute(data, 'NotBefore') : null,
        notOnOrAfter: data ? attribute(data, 'NotOnOrAfter') : null,
      };
    });
}

function readAttributes(assertion: Element): Map<string, string[]> {
  const values = new Map<string, string[]>();

  for (const statement of children(assertion, ASSERTION_NS, 'AttributeStatement')) {
    for (const element of children(statement, ASSERTION_NS, 'Attribute')) {
      const name = attribute(element, 'Name');
      if (!name) {
        continue;
      }
      const found = children(element, ASSERTION_NS, 'AttributeValue')
        .map((value) => text(value))
        .filter((value): value is string => value !== null);
      values.set(name, [...(values.get(name) ?? []), ...found]);
    }
  }

  return values;
}

/** Parses XML that node-saml has already parsed once, so it is well-formed. */
function parse(xml: string): Element {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  if (!document?.documentElement) {
    throw new Error('the SAML document has no root element');
  }

  return document.documentElement;
}

function children(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    const element = node as Element;
    if (
      node.nodeType === 1 &&
      element.namespaceURI === namespace &&
      element.localName === localName
    ) {
      found.push(element);
    }
  }

  return found;
}

function child(parent: Element, namespace: string, localName: string): Element | undefined {
  return children(parent, namespace, localName)[0];
}

function attribute(element: Element, name: string): string | null {
  return element.hasAttribute(name) ? element.getAttribute(name) : null;
}

function text(element: Element | undefined): string | null {
  const value = element?.textContent?.trim();
  return value ? value : null;
}
