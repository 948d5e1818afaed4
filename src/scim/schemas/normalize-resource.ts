import { coerceValue } from './coerce-value';
import { ScimInputError } from './errors';
import type { SchemaRegistry } from './registry';
import type { ResourceTypeName, SchemaDefinition } from './types';
import { CUSTOM_USER_EXTENSION_PATTERN } from './urns';
import { isScimObject, type ScimObject } from './values';

export interface NormalizedResource {
  /**
   * Core attributes under their canonical names; each extension's attributes in an object
   * under its canonical schema URN. No nulls, no readOnly attributes.
   */
  document: ScimObject;
  /**
   * Values of custom extension attributes that the organization has not declared, under their
   * URN: the canonical one when the extension has other declared attributes.
   */
  undeclared: Record<string, Record<string, unknown>>;
  /** Attribute names that were ignored because no schema defines them. */
  ignored: string[];
}

/**
 * Turns a POST or PUT body into a canonical document: attribute names and URNs matched without
 * regard to case, values converted to their types, nulls and readOnly attributes (`id`,
 * `meta`, `groups`) dropped (RFC 7644 §3.3, §3.5.1). Unknown schema URNs in `schemas` are
 * accepted, and extension data is accepted without its URN in `schemas` (Entra ID omits it).
 */
export function normalizeResource(
  body: unknown,
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
): NormalizedResource {
  if (!isScimObject(body)) {
    throw new ScimInputError('invalidSyntax', `the request body must be a JSON object`);
  }

  const result: NormalizedResource = { document: {}, undeclared: {}, ignored: [] };
  const options = { dropReadOnly: true };

  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') {
      assertSchemasList(value);
      continue;
    }

    const extension = registry.extensionSchema(resourceType, key);
    if (extension) {
      const values = normalizeExtension(extension, value);
      if (Object.keys(values).length > 0) {
        result.document[extension.id] = values;
      }
      continue;
    }

    if (resourceType === 'User' && CUSTOM_USER_EXTENSION_PATTERN.test(key)) {
      result.undeclared[key] = readUndeclaredExtension(key, value);
      continue;
    }

    const resolved = registry.resolve(resourceType, { name: key });
    if (!resolved || resolved.inExtension) {
      result.ignored.push(key);
      continue;
    }

    const { attribute } = resolved;
    if (attribute.mutability === 'readOnly') {
      continue;
    }

    const coerced = coerceValue(attribute, value, attribute.name, options);
    if (coerced !== undefined) {
      result.document[attribute.name] = coerced;
    }
  }

  return result;

  function normalizeExtension(schema: SchemaDefinition, value: unknown): ScimObject {
    if (value === null || value === undefined) {
      return {};
    }
    if (!isScimObject(value)) {
      throw new ScimInputError(
        'invalidValue',
        `extension '${schema.id}' must be an object of attributes`,
        schema.id,
      );
    }

    const values: ScimObject = {};
    for (const [name, raw] of Object.entries(value)) {
      const attribute = schema.attributes.find((a) => a.name.toLowerCase() === name.toLowerCase());

      if (!attribute && resourceType === 'User' && CUSTOM_USER_EXTENSION_PATTERN.test(schema.id)) {
        result.undeclared[schema.id] = { ...result.undeclared[schema.id], [name]: raw };
        continue;
      }
      if (!attribute) {
        result.ignored.push(`${schema.id}:${name}`);
        continue;
      }
      if (attribute.mutability === 'readOnly') {
        continue;
      }

      const coerced = coerceValue(attribute, raw, `${schema.id}:${attribute.name}`, options);
      if (coerced !== undefined) {
        values[attribute.name] = coerced;
      }
    }

    return values;
  }
}

function assertSchemasList(value: unknown): void {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ScimInputError('invalidSyntax', `'schemas' must be an array of schema URNs`);
  }
}

function readUndeclaredExtension(urn: string, value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) {
    return {};
  }
  if (!isScimObject(value)) {
    throw new ScimInputError('invalidValue', `extension '${urn}' must be an object`, urn);
  }

  return value;
}
