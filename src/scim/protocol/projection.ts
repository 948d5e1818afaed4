import { parseAttributePathList, ScimSyntaxError, type AttributePath } from '../filter';
import { isScimObject, type ScimObject, type ScimValue } from '../schemas';
import { ScimError } from './scim-error';

/** `attributes` or `excludedAttributes` of a request (RFC 7644 §3.4.2.5); at most one applies. */
export interface Projection {
  attributes?: AttributePath[];
  excludedAttributes?: AttributePath[];
}

/** Attributes returned whatever the projection says (RFC 7643 §3.1 `returned: always`). */
const ALWAYS_RETURNED = new Set(['id', 'schemas']);

/** Parses comma-separated attribute lists; either may be absent. */
export function parseProjection(
  attributes: string | undefined,
  excludedAttributes: string | undefined,
): Projection {
  return {
    attributes: attributes ? parseList(attributes, 'attributes') : undefined,
    excludedAttributes: excludedAttributes
      ? parseList(excludedAttributes, 'excludedAttributes')
      : undefined,
  };
}

function parseList(text: string, parameter: string): AttributePath[] {
  try {
    return parseAttributePathList(text);
  } catch (error) {
    if (error instanceof ScimSyntaxError) {
      throw ScimError.badRequest('invalidValue', `invalid ${parameter}: ${error.message}`);
    }
    throw error;
  }
}

/** Whether the projection keeps an attribute, by name (for deciding what to load). */
export function projectionIncludes(projection: Projection, name: string): boolean {
  const lower = name.toLowerCase();
  const names = (paths: AttributePath[]) => paths.map((path) => path.name.toLowerCase());

  if (projection.attributes) {
    return names(projection.attributes).includes(lower);
  }
  if (projection.excludedAttributes) {
    return !projection.excludedAttributes.some(
      (path) => path.name.toLowerCase() === lower && !path.subAttribute,
    );
  }

  return true;
}

/**
 * Applies a projection to a rendered resource. Names and URNs match without regard to case; an
 * excluded attribute is removed, never left empty.
 */
export function applyProjection(resource: ScimObject, projection: Projection): ScimObject {
  if (projection.attributes) {
    return keepOnly(resource, projection.attributes);
  }
  if (projection.excludedAttributes) {
    return removeAll(resource, projection.excludedAttributes);
  }

  return resource;
}

/** Where a path points in a resource: the object holding it and the canonical key. */
interface Location {
  container: ScimObject;
  key: string;
  /** Key of the extension object that holds the attribute, if any. */
  extensionKey?: string;
}

function findKey(object: ScimObject, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

function locate(resource: ScimObject, path: AttributePath): Location | undefined {
  if (!path.schema) {
    const key = findKey(resource, path.name);
    return key ? { container: resource, key } : undefined;
  }

  const wholeExtension = findKey(resource, `${path.schema}:${path.name}`);
  if (wholeExtension) {
    return { container: resource, key: wholeExtension };
  }

  const extensionKey = findKey(resource, path.schema);
  const extension = extensionKey ? resource[extensionKey] : undefined;
  if (extensionKey && isScimObject(extension)) {
    const key = findKey(extension, path.name);
    return key ? { container: extension, key, extensionKey } : undefined;
  }

  // A core schema URN prefix (`urn:…:core:2.0:User:userName`) names a top-level attribute.
  const key = path.schema.toLowerCase().includes(':core:')
    ? findKey(resource, path.name)
    : undefined;
  return key ? { container: resource, key } : undefined;
}

function pickSub(value: ScimValue, subAttribute: string): ScimValue | undefined {
  const pickFrom = (item: ScimValue): ScimObject | undefined => {
    if (!isScimObject(item)) {
      return undefined;
    }
    const key = findKey(item, subAttribute);
    return key ? { [key]: item[key] } : undefined;
  };

  if (Array.isArray(value)) {
    const picked = value.map(pickFrom).filter((item): item is ScimObject => item !== undefined);
    return picked.length > 0 ? picked : undefined;
  }

  return pickFrom(value);
}

function keepOnly(resource: ScimObject, paths: AttributePath[]): ScimObject {
  const result: ScimObject = {};
  for (const key of Object.keys(resource)) {
    if (ALWAYS_RETURNED.has(key)) {
      result[key] = resource[key];
    }
  }

  for (const path of paths) {
    const location = locate(resource, path);
    if (!location) {
      continue;
    }

    const value = location.container[location.key];
    const kept = path.subAttribute ? pickSub(value, path.subAttribute) : value;
    if (kept === undefined) {
      continue;
    }

    const target = location.extensionKey
      ? ((result[location.extensionKey] ??= {}) as ScimObject)
      : result;
    target[location.key] = mergeKept(target[location.key], kept);
  }

  return result;
}

/** Combines `emails.value` and `emails.type` requested separately into one projection. */
function mergeKept(existing: ScimValue | undefined, added: ScimValue): ScimValue {
  if (existing === undefined) {
    return added;
  }
  if (Array.isArray(existing) && Array.isArray(added)) {
    return existing.map((item, index) =>
      isScimObject(item) && isScimObject(added[index]) ? { ...item, ...added[index] } : item,
    );
  }
  if (isScimObject(existing) && isScimObject(added)) {
    return { ...existing, ...added };
  }

  return added;
}

function removeAll(resource: ScimObject, paths: AttributePath[]): ScimObject {
  const result = structuredClone(resource);

  for (const path of paths) {
    const location = locate(result, path);
    if (!location || ALWAYS_RETURNED.has(location.key)) {
      continue;
    }

    if (!path.subAttribute) {
      delete location.container[location.key];
      continue;
    }

    const value = location.container[location.key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isScimObject(item)) {
        const key = findKey(item, path.subAttribute);
        if (key) {
          delete item[key];
        }
      }
    }
  }

  return result;
}
