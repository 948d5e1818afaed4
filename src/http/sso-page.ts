import type { Context } from 'koa';

import type { SsoRejectionReason } from '../domain/saml/sign-in/sso-rejection';

interface RejectionPage {
  status: number;
  /** The problem, in the words of the person signing in. */
  problem: string;
  /** The request to make of the organization's admin. */
  advice: string;
}

const CHECK_CERTIFICATE =
  "Ask your administrator to compare the signing certificate in Roster's SAML settings with " +
  'the active certificate of the Roster application in Microsoft Entra ID.';
const CHECK_IDENTIFIERS =
  "Ask your administrator to compare the Identifier (Entity ID) and Reply URL in Entra ID's " +
  "SAML settings with the values Roster's SAML integration shows.";
const TRY_AGAIN_FROM_START =
  'Start the sign-in again from the Roster sign-in page. If it fails again, ask your ' +
  'administrator to check that the clocks of Roster and the identity provider are right.';

const PAGES: Record<SsoRejectionReason, RejectionPage> = {
  ORGANIZATION_NOT_FOUND: {
    status: 404,
    problem: 'This sign-in address names no organization.',
    advice: 'Ask your administrator for the sign-in address of your organization.',
  },
  SSO_NOT_ENABLED: {
    status: 404,
    problem: 'Single sign-on is not turned on for this organization.',
    advice: "Ask your administrator to enable the SAML integration in Roster's settings.",
  },
  MISSING_SAML_RESPONSE: {
    status: 400,
    problem: 'The sign-in request carried no response from the identity provider.',
    advice: 'Start the sign-in again from the Roster sign-in page.',
  },
  MALFORMED_SAML_RESPONSE: {
    status: 400,
    problem: 'The response from the identity provider could not be read.',
    advice:
      'Ask your administrator to check the SAML settings of the Roster application in Entra ' +
      'ID: the response must be a signed SAML 2.0 response without token encryption.',
  },
  IDP_ERROR_STATUS: {
    status: 403,
    problem: 'The identity provider did not sign you in.',
    advice:
      'Ask your administrator to check that you are assigned to the Roster application in ' +
      'Microsoft Entra ID.',
  },
  INVALID_SIGNATURE: {
    status: 403,
    problem: 'The response from the identity provider has no valid signature.',
    advice: CHECK_CERTIFICATE,
  },
  WRONG_ISSUER: {
    status: 403,
    problem: 'The response comes from an identity provider Roster does not expect.',
    advice:
      "Ask your administrator to compare the identity provider's entity ID in Roster's SAML " +
      'settings with the Microsoft Entra Identifier of the Roster application.',
  },
  WRONG_AUDIENCE: {
    status: 403,
    problem: 'The response was issued for another application.',
    advice: CHECK_IDENTIFIERS,
  },
  WRONG_DESTINATION: {
    status: 403,
    problem: 'The response was sent to another address.',
    advice: CHECK_IDENTIFIERS,
  },
  WRONG_RECIPIENT: {
    status: 403,
    problem: 'The response was issued for another address.',
    advice: CHECK_IDENTIFIERS,
  },
  NOT_YET_VALID: {
    status: 403,
    problem: 'The response is not valid yet.',
    advice: TRY_AGAIN_FROM_START,
  },
  EXPIRED: {
    status: 403,
    problem: 'The response has expired.',
    advice: TRY_AGAIN_FROM_START,
  },
  UNKNOWN_IN_RESPONSE_TO: {
    status: 403,
    problem:
      'The response does not answer a sign-in that Roster started, or that sign-in was ' +
      'already finished or is older than 10 minutes.',
    advice: TRY_AGAIN_FROM_START,
  },
  IDP_INITIATED_NOT_ALLOWED: {
    status: 403,
    problem: 'This organization accepts only sign-ins started at Roster.',
    advice:
      'Open Roster and choose "Sign in with SSO" there, or ask your administrator to allow ' +
      'sign-in from the My Apps portal (IdP-initiated sign-in) in the SAML integration.',
  },
  REPLAYED_ASSERTION: {
    status: 403,
    problem: 'This response was already used to sign in.',
    advice: 'Start the sign-in again from the Roster sign-in page.',
  },
  MISSING_NAME_ID: {
    status: 403,
    problem: 'The response does not say who you are.',
    advice:
      'Ask your administrator to set the Unique User Identifier (Name ID) claim of the ' +
      'Roster application in Entra ID.',
  },
  UNKNOWN_USER: {
    status: 403,
    problem: 'You have no account in this organization.',
    advice:
      'Ask your administrator to assign you to the Roster application in Entra ID so that ' +
      'provisioning creates your account.',
  },
  AMBIGUOUS_USER: {
    status: 403,
    problem: 'Your email address belongs to more than one account in this organization.',
    advice: 'Ask your administrator to give each account its own email address.',
  },
  USER_DEACTIVATED: {
    status: 403,
    problem: 'Your account in this organization is deactivated.',
    advice: 'Ask your administrator to reactivate your account if you still need access.',
  },
};

/** Renders the plain HTML page of a rejected sign-in, naming the request id. */
export function renderRejectionPage(
  ctx: Context,
  reason: SsoRejectionReason,
  requestId: string,
): void {
  const page = PAGES[reason];

  ctx.status = page.status;
  renderPage(ctx, 'Sign-in failed', [
    page.problem,
    page.advice,
    `Give your administrator this request id: ${requestId} (reason ${reason}).`,
  ]);
}

/** Renders a plain HTML page of a title and paragraphs, which are escaped. */
export function renderPage(ctx: Context, title: string, paragraphs: string[]): void {
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  // The page has no script, style or image, so the policy allows none.
  ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  ctx.body = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(title)} · Roster</title></head>`,
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
