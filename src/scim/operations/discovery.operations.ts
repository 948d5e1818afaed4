/** GraphQL operations behind the discovery endpoints (RFC 7644 §4). */
export const DISCOVERY_OPERATIONS = {
  schemas: `
    query ScimSchemas {
      scimSchemas
    }`,
  resourceTypes: `
    query ScimResourceTypes {
      scimResourceTypes
    }`,
} as const;
