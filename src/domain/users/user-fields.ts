import type { User } from '../../entities/user.entity';

/** Single-valued core string attributes stored in a column of the same name. */
export const USER_STRING_ATTRIBUTES = [
  'userName',
  'externalId',
  'displayName',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
] as const;

/** Sub-attributes of `name` and the entity properties that store them. */
export const USER_NAME_PARTS = {
  formatted: 'nameFormatted',
  familyName: 'nameFamilyName',
  givenName: 'nameGivenName',
  middleName: 'nameMiddleName',
  honorificPrefix: 'nameHonorificPrefix',
  honorificSuffix: 'nameHonorificSuffix',
} as const satisfies Record<string, keyof User>;

/** Multi-valued attributes, each stored as a JSON array in a column of the same name. */
export const USER_MULTI_VALUED_ATTRIBUTES = [
  'emails',
  'phoneNumbers',
  'ims',
  'photos',
  'addresses',
  'entitlements',
  'roles',
  'x509Certificates',
] as const;

/** Enterprise extension string attributes and the entity properties that store them. */
export const ENTERPRISE_STRING_ATTRIBUTES = {
  employeeNumber: 'employeeNumber',
  costCenter: 'costCenter',
  organization: 'enterpriseOrganization',
  division: 'division',
  department: 'department',
} as const satisfies Record<string, keyof User>;

export type UserStringAttribute = (typeof USER_STRING_ATTRIBUTES)[number];
export type UserMultiValuedAttribute = (typeof USER_MULTI_VALUED_ATTRIBUTES)[number];
