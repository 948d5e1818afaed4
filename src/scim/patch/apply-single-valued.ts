import {
  coerceValue,
  isScimObject,
  type AttributeDefinition,
  type ScimObject,
  type ScimValue,
} from '../schemas';
import { readAttribute, writeAttribute } from './document-access';
import { checkImmutableKept } from './mutability';
import type { PatchOp } from './parse-patch-request';
import type { AttributeTarget } from './resolve-target';

const COERCE_OPTIONS = { dropReadOnly: true };

/**
 * Applies one operation to a single-valued attribute or one of its sub-attributes. Add and
 * replace mean the same here (RFC 7644 §3.5.2.1: add on a single-valued attribute replaces
 * it), and both merge the sub-attributes given for a complex attribute (RFC 7644 §3.5.2.3:
 * sub-attributes not specified are left unchanged). A value that converts to nothing, such as
 * null or an empty string for manager, removes the attribute.
 */
export function applySingleValued(
  document: ScimObject,
  op: PatchOp,
  target: AttributeTarget,
  value: unknown,
): void {
  const location = { extension: target.extension, name: target.attribute.name };
  const before = readAttribute(document, location);
  const after = dropEmptyReference(target.attribute, nextValue(op, target, before, value));

  checkImmutableKept(target.attribute, before, after, target.path);
  writeAttribute(document, location, after);
}

function nextValue(
  op: PatchOp,
  target: AttributeTarget,
  before: ScimValue | undefined,
  value: unknown,
): ScimValue | undefined {
  const { attribute, subAttribute, canonicalPath } = target;

  if (subAttribute) {
    const subValue =
      op === 'remove' ? undefined : coerceValue(subAttribute, value, canonicalPath, COERCE_OPTIONS);
    return withSubAttribute(before, subAttribute.name, subValue);
  }

  if (op === 'remove') {
    return undefined;
  }

  const coerced = coerceValue(attribute, value, canonicalPath, COERCE_OPTIONS);
  if (attribute.type !== 'complex' || coerced === undefined) {
    return coerced;
  }

  return isScimObject(before) && isScimObject(coerced) ? { ...before, ...coerced } : coerced;
}

/** Sets or deletes one sub-attribute; a complex value left with no sub-attributes is removed. */
export function withSubAttribute(
  before: ScimValue | undefined,
  name: string,
  value: ScimValue | undefined,
): ScimObject | undefined {
  const next: ScimObject = isScimObject(before) ? { ...before } : {};
  if (value === undefined) {
    delete next[name];
  } else {
    next[name] = value;
  }

  return Object.keys(next).length === 0 ? undefined : next;
}

/**
 * Removes a reference such as manager whose `value` is empty, because it points to no
 * resource. An empty string as the whole value removes it too (coerceValue returns nothing).
 */
function dropEmptyReference(
  attribute: AttributeDefinition,
  value: ScimValue | undefined,
): ScimValue | undefined {
  const hasValueSubAttribute = attribute.subAttributes?.some((sub) => sub.name === 'value');
  if (hasValueSubAttribute && isScimObject(value) && value.value === '') {
    return undefined;
  }

  return value;
}
