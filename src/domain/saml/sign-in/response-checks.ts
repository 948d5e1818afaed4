import type { AssertionFacts, ResponseFacts, SubjectConfirmation } from './assertion';
import { SsoRejection } from './sso-rejection';

/** The values a response must match, from the integration and Roster's own endpoints. */
export interface ExpectedResponse {
  idpEntityId: string;
  /** Roster's entity ID, the only accepted audience. */
  entityId: string;
  acsUrl: string;
  now: Date;
  clockSkewMs: number;
}

/** The result of the checks that passed. */
export interface CheckedResponse {
  confirmation: SubjectConfirmation;
  /** After this instant (NotOnOrAfter plus the clock skew) the assertion is rejected anyway. */
  acceptableUntil: Date;
}

/**
 * Checks a signature-verified response against the integration: issuer, audience,
 * destination, recipient and validity period with the clock skew. Raises SsoRejection with
 * the first failed check.
 */
export function checkResponse(
  response: ResponseFacts,
  assertion: AssertionFacts,
  expected: ExpectedResponse,
): CheckedResponse {
  checkIssuer(response, assertion, expected);
  checkAudience(assertion, expected);

  if (response.destination !== expected.acsUrl) {
    throw new SsoRejection(
      'WRONG_DESTINATION',
      `the response's Destination is ${quote(response.destination)}, expected ` +
        `${quote(expected.acsUrl)}`,
    );
  }

  const confirmation = assertion.bearerConfirmations.find(
    (candidate) => candidate.recipient === expected.acsUrl,
  );
  if (!confirmation) {
    const recipients = assertion.bearerConfirmations.map((candidate) => candidate.recipient);
    throw new SsoRejection(
      'WRONG_RECIPIENT',
      `no bearer SubjectConfirmationData has Recipient ${quote(expected.acsUrl)}; found ` +
        `${recipients.length > 0 ? recipients.map(quote).join(', ') : 'none'}`,
    );
  }

  return { confirmation, acceptableUntil: checkValidityPeriod(assertion, confirmation, expected) };
}

function checkIssuer(
  response: ResponseFacts,
  assertion: AssertionFacts,
  expected: ExpectedResponse,
): void {
  if (assertion.issuer !== expected.idpEntityId) {
    throw new SsoRejection(
      'WRONG_ISSUER',
      `the assertion's Issuer is ${quote(assertion.issuer)}, expected ` +
        `${quote(expected.idpEntityId)}`,
    );
  }
  if (response.issuer !== null && response.issuer !== expected.idpEntityId) {
    throw new SsoRejection(
      'WRONG_ISSUER',
      `the response's Issuer is ${quote(response.issuer)}, expected ` +
        `${quote(expected.idpEntityId)}`,
    );
  }
}

/** Every AudienceRestriction must name Roster's entity ID (SAML core §2.5.1.4). */
function checkAudience(assertion: AssertionFacts, expected: ExpectedResponse): void {
  const restrictions = assertion.audienceRestrictions;
  const rejected = restrictions.find((audiences) => !audiences.includes(expected.entityId));

  if (restrictions.length === 0 || rejected) {
    throw new SsoRejection(
      'WRONG_AUDIENCE',
      `the assertion's audience is ${rejected ? rejected.map(quote).join(', ') : 'missing'}, ` +
        `expected ${quote(expected.entityId)}`,
    );
  }
}

/**
 * Checks NotBefore and NotOnOrAfter of the Conditions and of the subject confirmation, each
 * with the clock skew, and returns the earliest NotOnOrAfter plus the skew. The bearer
 * confirmation must have a NotOnOrAfter (SAML Web Browser SSO profile §4.1.4.2).
 */
function checkValidityPeriod(
  assertion: AssertionFacts,
  confirmation: SubjectConfirmation,
  expected: ExpectedResponse,
): Date {
  const now = expected.now.getTime();
  const skew = expected.clockSkewMs;

  if (!confirmation.notOnOrAfter) {
    throw new SsoRejection(
      'MALFORMED_SAML_RESPONSE',
      'the bearer SubjectConfirmationData has no NotOnOrAfter',
    );
  }

  const notBefore = [assertion.conditionsNotBefore, confirmation.notBefore]
    .filter((value): value is string => value !== null)
    .map((value) => parseInstant(value, 'NotBefore'));
  const notOnOrAfter = [assertion.conditionsNotOnOrAfter, confirmation.notOnOrAfter]
    .filter((value): value is string => value !== null)
    .map((value) => parseInstant(value, 'NotOnOrAfter'));

  const latestStart = Math.max(...notBefore, Number.NEGATIVE_INFINITY);
  if (now + skew < latestStart) {
    throw new SsoRejection(
      'NOT_YET_VALID',
      `the assertion is valid from ${new Date(latestStart).toISOString()}, but it is ` +
        `${expected.now.toISOString()} and the clock skew allowed is ${skew / 1000} s`,
    );
  }

  const earliestEnd = Math.min(...notOnOrAfter);
  if (now - skew >= earliestEnd) {
    throw new SsoRejection(
      'EXPIRED',
      `the assertion expired at ${new Date(earliestEnd).toISOString()}, but it is ` +
        `${expected.now.toISOString()} and the clock skew allowed is ${skew / 1000} s`,
    );
  }

  return new Date(earliestEnd + skew);
}

function parseInstant(value: string, name: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new SsoRejection(
      'MALFORMED_SAML_RESPONSE',
      `${name} ${quote(value)} is not an ISO 8601 instant`,
    );
  }

  return time;
}

function quote(value: string | null): string {
  return value === null ? 'missing' : `'${value.slice(0, 300)}'`;
}
