/** Every change and sign-in that the audit trail records. */
export const AUDIT_ACTIONS = [
  'ORGANIZATION_CREATED',
  'ORGANIZATION_SETTINGS_CHANGED',
  'SIGNED_IN',
  'SIGN_IN_FAILED',
  'SIGNED_OUT',
  'PASSWORD_CHANGED',
  'TOKEN_CREATED',
  'TOKEN_REVOKED',
  'SAML_INTEGRATION_CREATED',
  'SAML_INTEGRATION_UPDATED',
  'SAML_INTEGRATION_ENABLED',
  'SAML_INTEGRATION_DISABLED',
  'SAML_INTEGRATION_DELETED',
  'USER_ROLE_CHANGED',
  'SCIM_ATTRIBUTE_DECLARED',
  'SCIM_ATTRIBUTE_UPDATED',
  'SCIM_ATTRIBUTE_REMOVED',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of things an audit event can concern. */
export const AUDIT_TARGET_TYPES = [
  'ORGANIZATION',
  'USER',
  'TOKEN',
  'SAML_INTEGRATION',
  'SCIM_ATTRIBUTE',
] as const;

export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
