import type { CompareOperator } from '../filter';
import type { AttributeDefinition, ScimPrimitive, ScimValue } from '../schemas';

/**
 * Compares a sub-attribute's value with a filter's comparison value by the sub-attribute's
 * type (RFC 7644 §3.4.2.2): strings without regard to case unless caseExact, numbers
 * numerically, dateTimes chronologically. `pr` needs a non-empty value, `eq null` means
 * absent, and a missing value matches only `ne`.
 */
export function compareValue(
  definition: AttributeDefinition,
  operator: CompareOperator | 'pr',
  actual: ScimValue | undefined,
  expected: ScimPrimitive | null,
): boolean {
  const present = actual !== undefined && actual !== '';

  if (operator === 'pr') {
    return present;
  }
  if (expected === null) {
    return operator === 'eq' ? !present : present;
  }
  if (actual === undefined || typeof actual === 'object') {
    return operator === 'ne';
  }

  const order = orderOf(definition, actual, expected);
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order !== undefined && order > 0;
    case 'ge':
      return order !== undefined && order >= 0;
    case 'lt':
      return order !== undefined && order < 0;
    case 'le':
      return order !== undefined && order <= 0;
    case 'co':
    case 'sw':
    case 'ew':
      return matchesSubstring(operator, fold(definition, actual), fold(definition, expected));
    default: {
      const unexpected: never = operator;
      throw new Error(`unsupported comparison operator ${String(unexpected)}`);
    }
  }
}

/** Orders two values by the attribute's type; undefined when they cannot be compared. */
function orderOf(
  definition: AttributeDefinition,
  actual: ScimPrimitive,
  expected: ScimPrimitive,
): number | undefined {
  switch (definition.type) {
    case 'integer':
    case 'decimal':
      return typeof actual === 'number' && typeof expected === 'number'
        ? actual - expected
        : undefined;
    case 'boolean':
      return actual === expected ? 0 : undefined;
    case 'dateTime': {
      const difference = Date.parse(String(actual)) - Date.parse(String(expected));
      return Number.isNaN(difference) ? undefined : difference;
    }
    default: {
      const left = fold(definition, actual);
      const right = fold(definition, expected);
      if (left === right) {
        return 0;
      }

      return left < right ? -1 : 1;
    }
  }
}

function fold(definition: AttributeDefinition, value: ScimPrimitive): string {
  const text = String(value);
  return definition.caseExact ? text : text.toLowerCase();
}

function matchesSubstring(operator: 'co' | 'sw' | 'ew', actual: string, expected: string): boolean {
  if (operator === 'co') {
    return actual.includes(expected);
  }

  return operator === 'sw' ? actual.startsWith(expected) : actual.endsWith(expected);
}
