export * from './types';
export * from './urns';
export { attribute, multiValuedAttribute } from './attribute';
export { COMMON_ATTRIBUTES } from './common-attributes';
export { USER_SCHEMA_DEFINITION } from './user-schema';
export { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user-schema';
export { GROUP_SCHEMA_DEFINITION } from './group-schema';
export { SchemaRegistry, type AttributeReference, type ResolvedAttribute } from './registry';
export { ScimInputError, type ScimType } from './errors';
export { coerceValue, coerceBoolean, type CoerceOptions } from './coerce-value';
export { isDateTime } from './date-time';
export { normalizeResource, type NormalizedResource } from './normalize-resource';
export { isScimObject, type ScimObject, type ScimPrimitive, type ScimValue } from './values';
export {
  ATTRIBUTE_NAME_PATTERN,
  customExtensionSchemas,
  type CustomAttributeDeclaration,
} from './custom-extension-schema';
