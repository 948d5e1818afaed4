import { COMMON_ATTRIBUTES } from './common-attributes';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user-schema';
import { GROUP_SCHEMA_DEFINITION } from './group-schema';
import type {
  AttributeDefinition,
  ResourceTypeDefinition,
  ResourceTypeName,
  SchemaDefinition,
} from './types';
import { USER_SCHEMA_DEFINITION } from './user-schema';

/** An attribute path as written: optional schema URN, attribute, optional sub-attribute. */
export interface AttributeReference {
  schema?: string;
  name: string;
  subAttribute?: string;
}

/** An attribute path matched against the schemas, with canonical spelling. */
export interface ResolvedAttribute {
  /** The schema that defines the attribute; undefined for id, externalId and meta. */
  schema?: SchemaDefinition;
  /** True when the schema is an extension, whose values sit under the schema URN key. */
  inExtension: boolean;
  attribute: AttributeDefinition;
  subAttribute?: AttributeDefinition;
  /** Canonical path: `name.givenName`, or `<urn>:employeeNumber` for extension attributes. */
  path: string;
}

function findByName<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const lower = name.toLowerCase();
  return items.find((item) => item.name.toLowerCase() === lower);
}

/**
 * The SCIM schemas and resource types of one organization: the core User and Group schemas, the
 * enterprise extension and the organization's custom User extensions. Every lookup of schema
 * URNs and attribute names ignores case (RFC 7644 §3.10).
 */
export class SchemaRegistry {
  private readonly schemasById = new Map<string, SchemaDefinition>();

  private constructor(
    readonly resourceTypes: readonly ResourceTypeDefinition[],
    schemas: readonly SchemaDefinition[],
  ) {
    for (const schema of schemas) {
      this.schemasById.set(schema.id.toLowerCase(), schema);
    }
  }

  /** Builds the registry of Roster's built-in schemas plus custom User extensions. */
  static create(customUserExtensions: readonly SchemaDefinition[] = []): SchemaRegistry {
    const user: ResourceTypeDefinition = {
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA_DEFINITION.id,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA_DEFINITION.id, required: false },
        ...customUserExtensions.map((schema) => ({ schema: schema.id, required: false })),
      ],
    };
    const group: ResourceTypeDefinition = {
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_SCHEMA_DEFINITION.id,
      schemaExtensions: [],
    };

    return new SchemaRegistry(
      [user, group],
      [
        USER_SCHEMA_DEFINITION,
        ENTERPRISE_USER_SCHEMA_DEFINITION,
        GROUP_SCHEMA_DEFINITION,
        ...customUserExtensions,
      ],
    );
  }

  /** All schemas, core schemas first. */
  get schemas(): SchemaDefinition[] {
    return [...this.schemasById.values()];
  }

  resourceType(name: ResourceTypeName): ResourceTypeDefinition {
    const found = this.resourceTypes.find((type) => type.name === name);
    if (!found) {
      throw new Error(`resource type ${name} is not registered`);
    }

    return found;
  }

  /** Finds a schema by URN, ignoring case. */
  schema(urn: string): SchemaDefinition | undefined {
    return this.schemasById.get(urn.toLowerCase());
  }

  /** The core schema of a resource type. */
  coreSchema(resourceType: ResourceTypeName): SchemaDefinition {
    return this.schema(this.resourceType(resourceType).schema)!;
  }

  /** The extension schemas a resource type accepts. */
  extensionSchemas(resourceType: ResourceTypeName): SchemaDefinition[] {
    return this.resourceType(resourceType)
      .schemaExtensions.map((extension) => this.schema(extension.schema))
      .filter((schema): schema is SchemaDefinition => schema !== undefined);
  }

  /** The extension schema of a resource type named by `urn`, ignoring case. */
  extensionSchema(resourceType: ResourceTypeName, urn: string): SchemaDefinition | undefined {
    const lower = urn.toLowerCase();
    return this.extensionSchemas(resourceType).find((schema) => schema.id.toLowerCase() === lower);
  }

  /**
   * Resolves an attribute path for a resource type. Without a URN, a name is looked up among
   * the common attributes, then the core schema, then the extensions, where it must be unique
   * (Entra ID sends `manager` without the enterprise URN in some requests).
   */
  resolve(
    resourceType: ResourceTypeName,
    reference: AttributeReference,
  ): ResolvedAttribute | undefined {
    const found = reference.schema
      ? this.resolveInSchema(resourceType, reference.schema, reference.name)
      : this.resolveUnqualified(resourceType, reference.name);

    if (!found) {
      return undefined;
    }

    if (reference.subAttribute === undefined) {
      return { ...found, path: this.pathOf(found) };
    }

    const subAttribute = findByName(found.attribute.subAttributes ?? [], reference.subAttribute);
    if (!subAttribute) {
      return undefined;
    }

    const resolved = { ...found, subAttribute };
    return { ...resolved, path: this.pathOf(resolved) };
  }

  private resolveInSchema(
    resourceType: ResourceTypeName,
    urn: string,
    name: string,
  ): Omit<ResolvedAttribute, 'path'> | undefined {
    const core = this.coreSchema(resourceType);

    if (core.id.toLowerCase() === urn.toLowerCase()) {
      const common = findByName(COMMON_ATTRIBUTES, name);
      if (common) {
        return { attribute: common, inExtension: false };
      }

      const attribute = findByName(core.attributes, name);
      return attribute ? { schema: core, attribute, inExtension: false } : undefined;
    }

    const extension = this.extensionSchema(resourceType, urn);
    const attribute = extension ? findByName(extension.attributes, name) : undefined;

    return attribute ? { schema: extension, attribute, inExtension: true } : undefined;
  }

  private resolveUnqualified(
    resourceType: ResourceTypeName,
    name: string,
  ): Omit<ResolvedAttribute, 'path'> | undefined {
    const common = findByName(COMMON_ATTRIBUTES, name);
    if (common) {
      return { attribute: common, inExtension: false };
    }

    const core = this.coreSchema(resourceType);
    const attribute = findByName(core.attributes, name);
    if (attribute) {
      return { schema: core, attribute, inExtension: false };
    }

    const matches = this.extensionSchemas(resourceType).flatMap((schema) => {
      const match = findByName(schema.attributes, name);
      return match ? [{ schema, attribute: match, inExtension: true }] : [];
    });

    return matches.length === 1 ? matches[0] : undefined;
  }

  private pathOf(resolved: Omit<ResolvedAttribute, 'path'>): string {
    const name = resolved.subAttribute
      ? `${resolved.attribute.name}.${resolved.subAttribute.name}`
      : resolved.attribute.name;

    return resolved.inExtension ? `${resolved.schema!.id}:${name}` : name;
  }
}
