import {
  coerceValue,
  isScimObject,
  ScimInputError,
  type AttributeDefinition,
  type ScimObject,
  type ScimValue,
} from '../schemas';
import { withSubAttribute } from './apply-single-valued';
import { readAttribute, writeAttribute } from './document-access';
import { checkImmutableKept } from './mutability';
import {
  addValues,
  coerceList,
  isListedValue,
  keepWrittenPrimary,
  unwrapJsonText,
} from './multi-valued-values';
import type { PatchOp } from './parse-patch-request';
import { describeValue } from './patch-errors';
import type { AttributeTarget } from './resolve-target';
import { compileValueFilter, type CompiledValueFilter } from './value-filter';

const COERCE_OPTIONS = { dropReadOnly: true };

/** Selects every value: a sub-attribute path without a filter, such as `emails.type`. */
const MATCH_ALL: CompiledValueFilter = { matches: () => true, template: {} };

/**
 * Applies one operation to a multi-valued attribute: to all its values, or to those a value
 * filter selects, or to one sub-attribute of those.
 */
export function applyMultiValued(
  document: ScimObject,
  op: PatchOp,
  target: AttributeTarget,
  value: unknown,
): void {
  const location = { extension: target.extension, name: target.attribute.name };
  const before = readAttribute(document, location);
  const elements = valuesOf(before);

  const written =
    target.filter === undefined && target.subAttribute === undefined
      ? applyToAll(op, target, elements, value)
      : applyToSelected(op, target, elements, value);

  keepWrittenPrimary(elements, written);
  const after = elements.length === 0 ? undefined : elements;

  checkImmutableKept(target.attribute, before, after, target.path);
  writeAttribute(document, location, after);
}

/** Copies the values of a multi-valued attribute into a new array that the operation may change. */
function valuesOf(value: ScimValue | undefined): ScimValue[] {
  if (value === undefined) {
    return [];
  }

  return Array.isArray(value) ? [...value] : [value];
}

/**
 * RFC 7644 §3.5.2.1: add appends values not already present. §3.5.2.3: replace without a
 * filter replaces all values. §3.5.2.2: remove without a filter removes all values, except that
 * a remove with a value list removes only the listed values, which is how Entra ID removes
 * group members.
 */
function applyToAll(
  op: PatchOp,
  target: AttributeTarget,
  elements: ScimValue[],
  value: unknown,
): Set<ScimValue> {
  const { attribute, canonicalPath } = target;

  switch (op) {
    case 'add':
      return addValues(attribute, elements, coerceList(attribute, value, canonicalPath));
    case 'replace': {
      const replacement: ScimValue[] = [];
      addValues(attribute, replacement, coerceList(attribute, value, canonicalPath));
      elements.splice(0, elements.length, ...replacement);

      return new Set(replacement);
    }
    case 'remove': {
      const listed = value === undefined ? undefined : coerceList(attribute, value, canonicalPath);
      const kept = listed
        ? elements.filter(
            (element) => !listed.some((item) => isListedValue(attribute, element, item)),
          )
        : [];
      elements.splice(0, elements.length, ...kept);

      return new Set();
    }
    default: {
      const unexpected: never = op;
      throw new Error(`unsupported PATCH op ${String(unexpected)}`);
    }
  }
}

function applyToSelected(
  op: PatchOp,
  target: AttributeTarget,
  elements: ScimValue[],
  value: unknown,
): Set<ScimValue> {
  const { attribute, subAttribute, filter, path } = target;
  const selector = filter ? compileValueFilter(filter, attribute, path) : MATCH_ALL;
  const matched = elements.flatMap((element, index) => (selector.matches(element) ? [index] : []));
  const elementDefinition: AttributeDefinition = { ...attribute, multiValued: false };

  // RFC 7644 §3.12 defines noTarget as a path whose filter yields no match, and §3.5.2.3
  // requires it for replace. §3.5.2.2 adds no other rule for remove, so a remove whose filter
  // matches nothing fails with noTarget too, rather than succeeding without a change.
  if (op === 'remove' && filter !== undefined && matched.length === 0) {
    throw new ScimInputError(
      'noTarget',
      `no value of '${attribute.name}' matches the filter in ${describeValue(path)}, so there ` +
        'is nothing to remove',
      path,
    );
  }

  const replacement =
    op === 'remove' ? undefined : coerceSelected(target, elementDefinition, value);
  const written = new Set<ScimValue>();

  if (matched.length === 0) {
    if (replacement !== undefined) {
      const created = createFromFilter(selector, target, replacement);
      elements.push(created);
      written.add(created);
    }

    return written;
  }

  for (const index of matched) {
    const element = elements[index];
    const updated = subAttribute
      ? withSubAttribute(element, subAttribute.name, replacement)
      : updateElement(op, element, replacement, selector);

    // Removing a whole value is no change to its immutable sub-attributes (RFC 7644
    // §3.5.2.2 removes members by their immutable `value`), but emptying it through a
    // sub-attribute path is.
    if (updated !== undefined || subAttribute !== undefined) {
      checkImmutableKept(elementDefinition, element, updated ?? {}, path);
    }
    elements[index] = updated as ScimValue;
    if (updated !== undefined) {
      written.add(updated);
    }
  }

  const kept = elements.filter((element) => element !== undefined);
  elements.splice(0, elements.length, ...kept);

  return written;
}

function coerceSelected(
  target: AttributeTarget,
  elementDefinition: AttributeDefinition,
  value: unknown,
): ScimValue | undefined {
  const { subAttribute, canonicalPath } = target;
  if (subAttribute) {
    return coerceValue(subAttribute, value, canonicalPath, COERCE_OPTIONS);
  }

  const element = coerceValue(elementDefinition, value, canonicalPath, COERCE_OPTIONS);
  return element === undefined
    ? undefined
    : unwrapJsonText(target.attribute, element, canonicalPath);
}

/**
 * RFC 7644 §3.5.2.3: replace swaps each selected value for the new one, keeping what the
 * filter's `eq` comparisons state so that `addresses[type eq "work"]` stays the work address.
 * Add merges the given sub-attributes into each selected value, and remove deletes it.
 */
function updateElement(
  op: PatchOp,
  element: ScimValue,
  replacement: ScimValue | undefined,
  selector: CompiledValueFilter,
): ScimValue | undefined {
  if (op === 'remove') {
    return undefined;
  }

  if (op === 'add') {
    if (replacement === undefined) {
      return element;
    }

    return isScimObject(element) && isScimObject(replacement)
      ? { ...element, ...replacement }
      : replacement;
  }

  if (replacement === undefined || !isScimObject(replacement)) {
    return replacement;
  }

  return { ...selector.template, ...replacement };
}

/**
 * Builds the value that a filter selecting nothing describes, such as a work email for
 * `emails[type eq "work"].value`. RFC 7644 §3.5.2.3 requires noTarget here, but Entra ID
 * expects the value to be created. So the value is created when the filter consists of `eq`
 * comparisons joined by `and` and the new value matches the filter. Otherwise the operation
 * fails with noTarget.
 */
function createFromFilter(
  selector: CompiledValueFilter,
  target: AttributeTarget,
  replacement: ScimValue,
): ScimValue {
  const { attribute, subAttribute, path } = target;
  const template = selector.template;
  let created: ScimValue | undefined;

  if (template !== undefined && subAttribute) {
    created = { ...template, [subAttribute.name]: replacement };
  } else if (template !== undefined && isScimObject(replacement)) {
    created = { ...template, ...replacement };
  }

  if (created !== undefined && selector.matches(created)) {
    return created;
  }

  const reason =
    created === undefined
      ? 'a new value is created only for a filter of eq comparisons joined by and, such as ' +
        '[type eq "work"]'
      : `the new value ${describeValue(created)} would not match the filter`;
  throw new ScimInputError(
    'noTarget',
    `no value of '${attribute.name}' matches the filter in ${describeValue(path)}, and ${reason}`,
    path,
  );
}
