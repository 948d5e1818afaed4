/** JSON values as they appear in SCIM resources; SCIM documents never contain null. */
export type ScimPrimitive = string | number | boolean;
export type ScimValue = ScimPrimitive | ScimObject | ScimValue[];
export interface ScimObject {
  [key: string]: ScimValue;
}

export function isScimObject(value: unknown): value is ScimObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
