/** Operations of SCIM requests, as the provisioning log names them. */
export const PROVISIONING_OPERATIONS = [
  'TEST_CONNECTION',
  'LOOKUP',
  'LIST',
  'READ',
  'CREATE',
  'UPDATE',
  'DISABLE',
  'ENABLE',
  'DELETE',
  'MEMBERSHIP_ADD',
  'MEMBERSHIP_REMOVE',
  'OTHER',
] as const;

export type ProvisioningOperation = (typeof PROVISIONING_OPERATIONS)[number];

export const PROVISIONING_OUTCOMES = ['SUCCESS', 'WARNING', 'FAILURE'] as const;

export type ProvisioningOutcome = (typeof PROVISIONING_OUTCOMES)[number];

/** One attribute that a write changed; values are JSON, secrets replaced by `[redacted]`. */
export interface AttributeChange {
  /** SCIM attribute path, such as `name.givenName` or `<extension URN>:department`. */
  attribute: string;
  /** The value before the change; null when the attribute was absent. */
  oldValue: unknown;
  /** The value after the change; null when the attribute was removed. */
  newValue: unknown;
}

/** Reason a request failed, from its SCIM error body. */
export interface EventError {
  scimType?: string | null;
  detail: string;
}
