import { coerceValue, isScimObject, type AttributeDefinition, type ScimValue } from '../schemas';
import { jsonEqual } from './json-equal';

/**
 * Checks whether two values of a multi-valued attribute are the same value: equal sub-attributes
 * except `primary`, with strings compared ignoring case unless the sub-attribute is caseExact
 * (RFC 7643 §2.2). Adding such a value again changes nothing (RFC 7644 §3.5.2.1).
 */
export function isSameValue(
  attribute: AttributeDefinition,
  left: ScimValue,
  right: ScimValue,
): boolean {
  if (!isScimObject(left) || !isScimObject(right)) {
    return equalByDefinition(attribute, left, right);
  }

  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  keys.delete('primary');

  return [...keys].every((key) => {
    const sub = attribute.subAttributes?.find((candidate) => candidate.name === key);
    return equalByDefinition(sub, left[key], right[key]);
  });
}

/**
 * Checks whether `element` is a value that a remove operation lists. A listed value with a
 * `value` sub-attribute matches by it alone, because Entra ID lists members as
 * `[{"value": "<id>"}]`. Other listed values must be the same value.
 */
export function isListedValue(
  attribute: AttributeDefinition,
  element: ScimValue,
  listed: ScimValue,
): boolean {
  const valueSub = attribute.subAttributes?.find((sub) => sub.name === 'value');
  if (valueSub && isScimObject(listed) && listed.value !== undefined) {
    return isScimObject(element) && equalByDefinition(valueSub, element.value, listed.value);
  }

  return isSameValue(attribute, element, listed);
}

/**
 * Adds `values` that are not already present. A repeated value that is marked primary makes
 * the present value primary. Returns the values that were added or made primary.
 */
export function addValues(
  attribute: AttributeDefinition,
  elements: ScimValue[],
  values: readonly ScimValue[],
): Set<ScimValue> {
  const written = new Set<ScimValue>();

  for (const value of values) {
    const index = elements.findIndex((element) => isSameValue(attribute, element, value));
    if (index < 0) {
      elements.push(value);
      written.add(value);
      continue;
    }

    const present = elements[index];
    if (
      isScimObject(value) &&
      value.primary === true &&
      isScimObject(present) &&
      present.primary !== true
    ) {
      const primary = { ...present, primary: true };
      elements[index] = primary;
      written.add(primary);
    }
  }

  return written;
}

/**
 * Keeps `primary: true` on one value at most (RFC 7643 §2.4). When an operation wrote a
 * primary value, the last one it wrote stays primary and the others get `primary: false`.
 * Values the operation did not write are left as they are.
 */
export function keepWrittenPrimary(elements: ScimValue[], written: ReadonlySet<ScimValue>): void {
  const winner = elements.findLastIndex(
    (element) => written.has(element) && isScimObject(element) && element.primary === true,
  );
  if (winner < 0) {
    return;
  }

  elements.forEach((element, index) => {
    if (index !== winner && isScimObject(element) && element.primary === true) {
      elements[index] = { ...element, primary: false };
    }
  });
}

function equalByDefinition(
  definition: AttributeDefinition | undefined,
  left: ScimValue | undefined,
  right: ScimValue | undefined,
): boolean {
  const caseExact = definition?.caseExact ?? false;
  if (!caseExact && typeof left === 'string' && typeof right === 'string') {
    return left.toLowerCase() === right.toLowerCase();
  }

  return jsonEqual(left, right);
}

const COERCE_OPTIONS = { dropReadOnly: true };

/** Converts the value of an operation on a whole multi-valued attribute into its values. */
export function coerceList(
  attribute: AttributeDefinition,
  value: unknown,
  path: string,
): ScimValue[] {
  const coerced = coerceValue(attribute, value, path, COERCE_OPTIONS);
  if (coerced === undefined) {
    return [];
  }

  const values = Array.isArray(coerced) ? coerced : [coerced];
  return values.map((element, index) => unwrapJsonText(attribute, element, `${path}[${index}]`));
}

/**
 * Replaces a value whose `value` sub-attribute contains JSON text of an object with a `value`
 * member by that object's sub-attributes. Microsoft documents that Entra ID sends app roles in
 * PATCH requests as JSON text, as `[{"value": "{\"id\":\"…\",\"value\":\"Admin\"}"}]`, but
 * as plain objects in POST.
 *
 * NOTE: this shape follows Microsoft's description of role PATCH requests; it has not been
 * checked against captured Entra ID traffic. A whole value sent as JSON text is handled by
 * coerceValue.
 */
export function unwrapJsonText(
  attribute: AttributeDefinition,
  element: ScimValue,
  path: string,
): ScimValue {
  if (!isScimObject(element) || typeof element.value !== 'string') {
    return element;
  }

  const text = element.value.trim();
  if (!text.startsWith('{')) {
    return element;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return element;
  }

  if (!isScimObject(parsed) || parsed.value === undefined || parsed.value === null) {
    return element;
  }

  const single: AttributeDefinition = { ...attribute, multiValued: false };
  const inner = coerceValue(single, parsed, path, COERCE_OPTIONS);

  return isScimObject(inner) ? { ...element, ...inner } : element;
}
