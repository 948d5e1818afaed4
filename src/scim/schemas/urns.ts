export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export const SERVICE_PROVIDER_CONFIG_SCHEMA =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** Prefix of custom User extensions: `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User`. */
export const EXTENSION_URN_PREFIX = 'urn:ietf:params:scim:schemas:extension:';

/**
 * Matches a custom User extension URN and captures its name. The enterprise extension has the
 * same form but is not custom, so it is excluded.
 */
export const CUSTOM_USER_EXTENSION_PATTERN =
  /^urn:ietf:params:scim:schemas:extension:(?!enterprise:)([A-Za-z0-9_-]+):2\.0:User$/i;
