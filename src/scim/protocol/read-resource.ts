import {
  normalizeResource,
  ScimInputError,
  type NormalizedResource,
  type ResourceTypeName,
  type SchemaRegistry,
} from '../schemas';
import { ScimError } from './scim-error';

/** Normalizes a POST or PUT body; invalid input becomes a 400 SCIM error. */
export function readResource(
  body: unknown,
  registry: SchemaRegistry,
  type: ResourceTypeName,
): NormalizedResource {
  try {
    return normalizeResource(body, registry, type);
  } catch (error) {
    if (error instanceof ScimInputError) {
      throw ScimError.badRequest(error.scimType, error.message);
    }
    throw error;
  }
}
