/** SCIM error types of RFC 7644 §3.12. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/**
 * Raised by the pure SCIM modules (schemas, filters, patch) on invalid input. Callers report it
 * as HTTP 400 with `scimType`, or as a GraphQL BAD_USER_INPUT error.
 */
export class ScimInputError extends Error {
  override name = 'ScimInputError';

  constructor(
    readonly scimType: ScimType,
    message: string,
    /** The attribute path the error concerns, when there is one. */
    readonly attributePath?: string,
  ) {
    super(message);
  }
}
