import {
  coerceValue,
  CUSTOM_USER_EXTENSION_PATTERN,
  isScimObject,
  type SchemaRegistry,
  type ScimObject,
} from '../../scim/schemas';
import { DomainError } from '../errors';
import { toDomainError } from '../scim-input-error';

/** A custom extension attribute by its URN and name, as spelled in a document. */
export interface ExtensionAttributePath {
  urn: string;
  name: string;
}

/** `urn:…:2.0:User:name`, the attribute's SCIM path. */
export function pathOf(attribute: ExtensionAttributePath): string {
  return `${attribute.urn}:${attribute.name}`;
}

/** Lists the custom extension attributes of a User document that the registry does not declare. */
export function findUndeclaredAttributes(
  document: ScimObject,
  registry: SchemaRegistry,
): ExtensionAttributePath[] {
  const found: ExtensionAttributePath[] = [];

  for (const [key, values] of Object.entries(document)) {
    if (!CUSTOM_USER_EXTENSION_PATTERN.test(key) || !isScimObject(values)) {
      continue;
    }

    const schema = registry.extensionSchema('User', key);
    for (const name of Object.keys(values)) {
      const lower = name.toLowerCase();
      if (!schema?.attributes.some((attribute) => attribute.name.toLowerCase() === lower)) {
        found.push({ urn: schema?.id ?? key, name });
      }
    }
  }

  return found;
}

/**
 * Converts every declared custom extension value of a User document to its attribute's type,
 * under the canonical URN and name. Values that no declaration covers stay as they are.
 */
export function coerceExtensionValues(document: ScimObject, registry: SchemaRegistry): ScimObject {
  const result: ScimObject = {};

  for (const [key, values] of Object.entries(document)) {
    const schema = CUSTOM_USER_EXTENSION_PATTERN.test(key)
      ? registry.extensionSchema('User', key)
      : undefined;
    if (!schema || !isScimObject(values)) {
      result[key] = values;
      continue;
    }

    const earlier = result[schema.id];
    const converted: ScimObject = isScimObject(earlier) ? { ...earlier } : {};
    for (const [name, value] of Object.entries(values)) {
      const lower = name.toLowerCase();
      const attribute = schema.attributes.find((item) => item.name.toLowerCase() === lower);
      if (!attribute) {
        converted[name] = value;
        continue;
      }

      const coerced = coerce(() =>
        coerceValue(attribute, value, `${schema.id}:${attribute.name}`, { dropReadOnly: false }),
      );
      if (coerced !== undefined) {
        converted[attribute.name] = coerced;
      }
    }
    result[schema.id] = converted;
  }

  return result;
}

/**
 * Rejects a User document that lacks a required custom extension attribute (RFC 7643 §2.2),
 * as POST and PUT must carry every required attribute.
 */
export function assertRequiredExtensionValues(
  document: ScimObject,
  registry: SchemaRegistry,
): void {
  for (const schema of registry.extensionSchemas('User')) {
    if (!CUSTOM_USER_EXTENSION_PATTERN.test(schema.id)) {
      continue;
    }

    const values = document[schema.id];
    for (const attribute of schema.attributes) {
      if (attribute.required && !(isScimObject(values) && values[attribute.name] !== undefined)) {
        const path = `${schema.id}:${attribute.name}`;
        throw DomainError.invalid(`attribute '${path}' is required and has no value`, {
          field: path,
        });
      }
    }
  }
}

function coerce<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw toDomainError(error);
  }
}
