import {
  isScimObject,
  ScimInputError,
  type AttributeDefinition,
  type ResourceTypeName,
  type SchemaRegistry,
  type ScimObject,
  type ScimValue,
} from '../schemas';
import { readAttribute, type AttributeLocation } from './document-access';
import { jsonEqual } from './json-equal';

/**
 * Rejects a path to a readOnly attribute or sub-attribute such as `id`, `meta`, `groups` or
 * `manager.displayName` (RFC 7644 §3.5.2: a client MUST NOT modify a readOnly attribute).
 */
export function checkWritable(
  attribute: AttributeDefinition,
  subAttribute: AttributeDefinition | undefined,
  path: string,
): void {
  const readOnly = [attribute, subAttribute].find(
    (definition) => definition?.mutability === 'readOnly',
  );
  if (!readOnly) {
    return;
  }

  throw new ScimInputError(
    'mutability',
    `'${readOnly.name}' in path '${path}' is readOnly: the service provider sets it, and ` +
      'PATCH cannot change it',
    path,
  );
}

/**
 * Rejects a change to an immutable attribute or sub-attribute that already has a value. RFC
 * 7644 §3.5.2 lets a client add a value to an immutable attribute only while it has none.
 */
export function checkImmutableKept(
  definition: AttributeDefinition,
  before: ScimValue | undefined,
  after: ScimValue | undefined,
  path: string,
): void {
  if (definition.mutability === 'immutable' && before !== undefined && !jsonEqual(before, after)) {
    throw immutableError(definition.name, before, path);
  }

  if (definition.type !== 'complex' || !isScimObject(before)) {
    return;
  }

  for (const sub of definition.subAttributes ?? []) {
    const old = before[sub.name];
    const next = isScimObject(after) ? after[sub.name] : undefined;
    if (sub.mutability === 'immutable' && old !== undefined && !jsonEqual(old, next)) {
      throw immutableError(`${definition.name}.${sub.name}`, old, path);
    }
  }
}

function immutableError(name: string, value: ScimValue, path: string): ScimInputError {
  return new ScimInputError(
    'mutability',
    `'${name}' is immutable and already has the value ${JSON.stringify(value)}; it cannot be ` +
      `changed or removed through '${path}'`,
    path,
  );
}

/** Collects the paths of the required attributes that a document currently has. */
export function presentRequiredAttributes(
  document: ScimObject,
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
): Set<string> {
  const present = new Set<string>();

  for (const location of requiredLocations(registry, resourceType)) {
    if (readAttribute(document, location) !== undefined) {
      present.add(pathOf(location));
    }
  }

  return present;
}

/**
 * Rejects an operation that leaves a required attribute without a value (RFC 7644 §3.5.2.2:
 * removing a required attribute fails with `mutability`).
 */
export function checkRequiredKept(
  before: Set<string>,
  document: ScimObject,
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
): void {
  const after = presentRequiredAttributes(document, registry, resourceType);
  const lost = [...before].find((path) => !after.has(path));
  if (lost === undefined) {
    return;
  }

  throw new ScimInputError(
    'mutability',
    `'${lost}' is required and cannot be removed; replace it with a new value instead`,
    lost,
  );
}

function requiredLocations(
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
): AttributeLocation[] {
  const core = registry
    .coreSchema(resourceType)
    .attributes.filter((attribute) => attribute.required)
    .map((attribute) => ({ name: attribute.name }));

  const extensions = registry
    .extensionSchemas(resourceType)
    .flatMap((schema) =>
      schema.attributes
        .filter((attribute) => attribute.required)
        .map((attribute) => ({ extension: schema.id, name: attribute.name })),
    );

  return [...core, ...extensions];
}

function pathOf(location: AttributeLocation): string {
  return location.extension === undefined
    ? location.name
    : `${location.extension}:${location.name}`;
}
