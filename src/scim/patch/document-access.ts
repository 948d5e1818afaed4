import { isScimObject, type ScimObject, type ScimValue } from '../schemas';

/** Location of an attribute in a canonical document: at the top, or inside an extension object. */
export interface AttributeLocation {
  /** The extension URN key; undefined for core attributes. */
  readonly extension?: string;
  readonly name: string;
}

/** Finds an own key of `object` equal to `name` ignoring case, preferring the exact spelling. */
export function findKey(object: ScimObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) {
    return name;
  }

  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

export function readAttribute(
  document: ScimObject,
  location: AttributeLocation,
): ScimValue | undefined {
  const container = location.extension === undefined ? document : document[location.extension];
  if (!isScimObject(container) || !Object.hasOwn(container, location.name)) {
    return undefined;
  }

  return container[location.name];
}

/**
 * Sets or, for undefined, deletes an attribute. An extension object is created on first write
 * and deleted when its last attribute goes, because canonical documents hold no empty objects.
 */
export function writeAttribute(
  document: ScimObject,
  location: AttributeLocation,
  value: ScimValue | undefined,
): void {
  if (location.extension === undefined) {
    setOrDelete(document, location.name, value);
    return;
  }

  const current = document[location.extension];
  const container: ScimObject = isScimObject(current) ? { ...current } : {};
  setOrDelete(container, location.name, value);

  if (Object.keys(container).length === 0) {
    delete document[location.extension];
    return;
  }

  document[location.extension] = container;
}

function setOrDelete(object: ScimObject, key: string, value: ScimValue | undefined): void {
  if (value === undefined) {
    delete object[key];
    return;
  }

  object[key] = value;
}
