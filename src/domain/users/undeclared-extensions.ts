import { isScimObject, type ScimObject } from '../../scim/schemas';
import { DomainError } from '../errors';

/**
 * Keeps simple values of custom extension attributes that the organization has not declared
 * yet as strings, so that nothing Entra ID sends is lost. Complex or multi-valued values there
 * are rejected.
 */
export function undeclaredExtensions(
  undeclared: Record<string, Record<string, unknown>>,
): ScimObject {
  const result: ScimObject = {};

  for (const [urn, values] of Object.entries(undeclared)) {
    const kept: ScimObject = {};
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === undefined) {
        continue;
      }
      if (typeof value === 'object') {
        throw DomainError.invalid(
          `attribute '${urn}:${name}' is not declared, so it may only hold a single ` +
            'string, number or boolean',
          { field: `${urn}:${name}` },
        );
      }
      kept[name] = String(value);
    }
    if (Object.keys(kept).length > 0) {
      result[urn] = kept;
    }
  }

  return result;
}

/** Adds extension values to a document, merging attributes under a URN both contain. */
export function mergeExtensions(document: ScimObject, extensions: ScimObject): ScimObject {
  const merged: ScimObject = { ...document };

  for (const [urn, values] of Object.entries(extensions)) {
    const existing = merged[urn];
    merged[urn] =
      isScimObject(existing) && isScimObject(values) ? { ...existing, ...values } : values;
  }

  return merged;
}
