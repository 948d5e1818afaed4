import { isScimObject, ScimInputError, type ScimObject } from '../schemas';
import { findKey } from './document-access';
import type { PatchOp } from './parse-patch-request';
import { describeValue } from './patch-errors';
import type { UndeclaredTarget } from './resolve-target';

/**
 * Applies one operation to a custom User extension attribute that the organization has not
 * declared. Entra ID allows only simple single values in such attributes, so they are stored
 * as strings, and the user service then declares the attribute as a discovered string. The
 * URN and the attribute name keep the spelling of their first write, and later writes match
 * them without regard to case.
 */
export function applyUndeclared(
  document: ScimObject,
  op: PatchOp,
  target: UndeclaredTarget,
  value: unknown,
): void {
  const urnKey = findKey(document, target.urn) ?? target.urn;
  const current = document[urnKey];
  const container: ScimObject = isScimObject(current) ? { ...current } : {};
  const nameKey = findKey(container, target.name) ?? target.name;

  const stored = op === 'remove' ? undefined : toStoredString(value, target.path);
  if (stored === undefined) {
    delete container[nameKey];
  } else {
    container[nameKey] = stored;
  }

  if (Object.keys(container).length === 0) {
    delete document[urnKey];
    return;
  }

  document[urnKey] = container;
}

/** Removes a whole undeclared extension: every attribute stored under its URN. */
export function removeUndeclaredExtension(document: ScimObject, urn: string): void {
  const urnKey = findKey(document, urn);
  if (urnKey !== undefined) {
    delete document[urnKey];
  }
}

function toStoredString(value: unknown, path: string): string | undefined {
  if (value === null) {
    return undefined;
  }

  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }

  throw new ScimInputError(
    'invalidValue',
    `'${path}' is not a declared attribute, so it takes one string, number or boolean; got ` +
      `${describeValue(value)}. Declare the attribute with its type in the SCIM settings to ` +
      'store other values',
    path,
  );
}
