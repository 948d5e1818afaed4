import {
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  type AttributeDefinition,
  type ResourceTypeDefinition,
  type SchemaDefinition,
} from '../schemas';

export interface ServiceProviderLimits {
  maxResults: number;
  maxOperations: number;
  maxPayloadBytes: number;
}

/** RFC 7643 §5: what Roster supports. Bulk and password change are not supported. */
export function renderServiceProviderConfig(
  base: string,
  limits: ServiceProviderLimits,
): Record<string, unknown> {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: limits.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a SCIM token created in Roster (RFC 6750).',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${base}/ServiceProviderConfig`,
    },
  };
}

/** RFC 7643 §6 representation of a resource type. */
export function renderResourceType(
  base: string,
  type: ResourceTypeDefinition,
): Record<string, unknown> {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema,
    schemaExtensions: type.schemaExtensions.map((extension) => ({ ...extension })),
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.name}` },
  };
}

/** RFC 7643 §7 representation of a schema; characteristics never appear as null. */
export function renderSchema(base: string, schema: SchemaDefinition): Record<string, unknown> {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(renderAttribute),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}

function renderAttribute(attribute: AttributeDefinition): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required,
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
  };

  if (attribute.canonicalValues?.length) {
    rendered.canonicalValues = [...attribute.canonicalValues];
  }
  if (attribute.referenceTypes?.length) {
    rendered.referenceTypes = [...attribute.referenceTypes];
  }
  if (attribute.subAttributes?.length) {
    rendered.subAttributes = attribute.subAttributes.map(renderAttribute);
  }

  return rendered;
}
