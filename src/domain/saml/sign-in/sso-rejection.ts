/** The reason Roster rejected a SAML sign-in, logged, audited and shown on the page. */
export type SsoRejectionReason =
  | 'ORGANIZATION_NOT_FOUND'
  | 'SSO_NOT_ENABLED'
  | 'MISSING_SAML_RESPONSE'
  | 'MALFORMED_SAML_RESPONSE'
  | 'IDP_ERROR_STATUS'
  | 'INVALID_SIGNATURE'
  | 'WRONG_ISSUER'
  | 'WRONG_AUDIENCE'
  | 'WRONG_DESTINATION'
  | 'WRONG_RECIPIENT'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'UNKNOWN_IN_RESPONSE_TO'
  | 'IDP_INITIATED_NOT_ALLOWED'
  | 'REPLAYED_ASSERTION'
  | 'MISSING_NAME_ID'
  | 'UNKNOWN_USER'
  | 'AMBIGUOUS_USER'
  | 'USER_DEACTIVATED';

/**
 * A rejected SAML sign-in. `detail` is for the log and names the values compared, never a
 * signature, key or attribute value. The person gets only the reason's page.
 */
export class SsoRejection extends Error {
  override name = 'SsoRejection';

  constructor(
    readonly reason: SsoRejectionReason,
    readonly detail: string,
    /** Extra log fields, such as the NameID that found no user. */
    readonly logFields: Record<string, unknown> = {},
  ) {
    super(`${reason}: ${detail}`);
  }
}
