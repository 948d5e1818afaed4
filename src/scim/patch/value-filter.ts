import type { CompareOperator, ValueFilter } from '../filter';
import {
  coerceValue,
  isScimObject,
  ScimInputError,
  type AttributeDefinition,
  type ScimObject,
  type ScimPrimitive,
  type ScimValue,
} from '../schemas';
import { compareValue } from './compare-values';
import { describeValue } from './patch-errors';

/** A value filter checked against its attribute's schema, ready to test elements. */
export interface CompiledValueFilter {
  /** Whether one element of the multi-valued attribute matches the filter. */
  matches(element: ScimValue): boolean;
  /**
   * The element that the filter describes when it is only `eq` comparisons joined by `and`,
   * such as `{type: "work"}` for `type eq "work"`; undefined for any other filter.
   */
  readonly template: ScimObject | undefined;
}

/** A comparison whose sub-attribute and value are resolved against the schema. */
interface ResolvedComparison {
  readonly kind: 'compare';
  /** The sub-attribute compared; undefined when the elements are simple values. */
  readonly subAttribute: AttributeDefinition | undefined;
  readonly definition: AttributeDefinition;
  readonly operator: CompareOperator | 'pr';
  readonly value: ScimPrimitive | null;
}

type ResolvedFilter =
  | ResolvedComparison
  | { readonly kind: 'and' | 'or'; readonly left: ResolvedFilter; readonly right: ResolvedFilter }
  | { readonly kind: 'not'; readonly filter: ResolvedFilter };

const STRING_TYPES = new Set(['string', 'reference', 'binary']);

/**
 * Checks a value filter (the `[…]` of a PATCH path, RFC 7644 §3.4.2.2) against the schema of
 * its multi-valued attribute and returns a matcher for the attribute's elements. Comparison
 * values are converted to the sub-attribute's type, so `primary eq "True"` compares with the
 * boolean true, and strings compare without regard to case unless the sub-attribute is
 * caseExact.
 *
 * @throws ScimInputError `invalidPath` for a sub-attribute the schema does not define,
 *   `invalidFilter` for an operator or value the sub-attribute's type does not support.
 */
export function compileValueFilter(
  filter: ValueFilter,
  attribute: AttributeDefinition,
  path: string,
): CompiledValueFilter {
  const resolved = resolveFilter(filter, attribute, path);

  return {
    matches: (element) => evaluate(resolved, element),
    template: templateOf(resolved),
  };
}

function resolveFilter(
  filter: ValueFilter,
  attribute: AttributeDefinition,
  path: string,
): ResolvedFilter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return {
        kind: filter.kind,
        left: resolveFilter(filter.left, attribute, path),
        right: resolveFilter(filter.right, attribute, path),
      };
    case 'not':
      return { kind: 'not', filter: resolveFilter(filter.filter, attribute, path) };
    case 'present':
      return { ...resolveSubAttribute(filter.path, attribute, path), operator: 'pr', value: null };
    case 'compare': {
      const target = resolveSubAttribute(filter.path, attribute, path);
      checkOperator(filter.operator, target.definition, filter.value, path);
      const value = coerceComparisonValue(target.definition, filter.value, path);

      return { ...target, operator: filter.operator, value };
    }
    default: {
      const unexpected: never = filter;
      throw new Error(`unsupported value filter ${JSON.stringify(unexpected)}`);
    }
  }
}

function resolveSubAttribute(
  reference: { schema?: string; name: string; subAttribute?: string },
  attribute: AttributeDefinition,
  path: string,
): Pick<ResolvedComparison, 'kind' | 'subAttribute' | 'definition'> {
  const written = reference.subAttribute
    ? `${reference.name}.${reference.subAttribute}`
    : reference.name;

  if (reference.schema !== undefined || reference.subAttribute !== undefined) {
    throw new ScimInputError(
      'invalidPath',
      `the filter in ${describeValue(path)} names ${describeValue(written)}; inside [...] name ` +
        `one sub-attribute of '${attribute.name}' without a schema URN, as in [type eq "work"]`,
      path,
    );
  }

  if (attribute.type !== 'complex') {
    if (reference.name.toLowerCase() !== 'value') {
      throw new ScimInputError(
        'invalidPath',
        `the filter in ${describeValue(path)} names '${reference.name}', but the values of ` +
          `'${attribute.name}' are simple; compare them as 'value', as in [value eq "x"]`,
        path,
      );
    }

    return {
      kind: 'compare',
      subAttribute: undefined,
      definition: { ...attribute, multiValued: false },
    };
  }

  const subAttributes = attribute.subAttributes ?? [];
  const lower = reference.name.toLowerCase();
  const subAttribute = subAttributes.find((candidate) => candidate.name.toLowerCase() === lower);
  if (!subAttribute) {
    throw new ScimInputError(
      'invalidPath',
      `the filter in ${describeValue(path)} names '${reference.name}', which is not a ` +
        `sub-attribute of '${attribute.name}'; use one of ` +
        subAttributes.map((candidate) => candidate.name).join(', '),
      path,
    );
  }

  return { kind: 'compare', subAttribute, definition: subAttribute };
}

/** RFC 7644 §3.4.2.2: gt, ge, lt and le fail on boolean and binary attributes. */
function checkOperator(
  operator: CompareOperator,
  definition: AttributeDefinition,
  value: unknown,
  path: string,
): void {
  const ordering = operator === 'gt' || operator === 'ge' || operator === 'lt' || operator === 'le';
  const substring = operator === 'co' || operator === 'sw' || operator === 'ew';
  const unsupported =
    (value === null && operator !== 'eq' && operator !== 'ne') ||
    (ordering && (definition.type === 'boolean' || definition.type === 'binary')) ||
    (substring && !STRING_TYPES.has(definition.type));

  if (unsupported) {
    throw new ScimInputError(
      'invalidFilter',
      `the filter in ${describeValue(path)} uses '${operator}' with ${describeValue(value)} on ` +
        `'${definition.name}', a ${definition.type} attribute, which does not support it`,
      path,
    );
  }
}

function coerceComparisonValue(
  definition: AttributeDefinition,
  value: ScimPrimitive | null,
  path: string,
): ScimPrimitive | null {
  if (value === null) {
    return null;
  }

  // Any number bounds an integer: `level lt 2.5` is a fair question about an integer level.
  const type = definition.type === 'integer' ? 'decimal' : definition.type;
  try {
    return coerceValue({ ...definition, type }, value, definition.name, {
      dropReadOnly: false,
    }) as ScimPrimitive;
  } catch (error) {
    if (error instanceof ScimInputError) {
      throw new ScimInputError(
        'invalidFilter',
        `in the filter of ${describeValue(path)}, ${error.message}`,
        path,
      );
    }

    throw error;
  }
}

function evaluate(filter: ResolvedFilter, element: ScimValue): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluate(filter.left, element) && evaluate(filter.right, element);
    case 'or':
      return evaluate(filter.left, element) || evaluate(filter.right, element);
    case 'not':
      return !evaluate(filter.filter, element);
    case 'compare':
      return compareValue(
        filter.definition,
        filter.operator,
        actualValue(filter, element),
        filter.value,
      );
    default: {
      const unexpected: never = filter;
      throw new Error(`unsupported value filter ${JSON.stringify(unexpected)}`);
    }
  }
}

function actualValue(filter: ResolvedComparison, element: ScimValue): ScimValue | undefined {
  if (filter.subAttribute === undefined) {
    return element;
  }

  return isScimObject(element) ? element[filter.subAttribute.name] : undefined;
}

function templateOf(filter: ResolvedFilter): ScimObject | undefined {
  if (filter.kind === 'and') {
    const left = templateOf(filter.left);
    const right = templateOf(filter.right);
    if (!left || !right) {
      return undefined;
    }

    const conflict = Object.keys(right).some(
      (key) => Object.hasOwn(left, key) && left[key] !== right[key],
    );
    return conflict ? undefined : { ...left, ...right };
  }

  if (filter.kind !== 'compare' || filter.operator !== 'eq' || filter.value === null) {
    return undefined;
  }

  return filter.subAttribute === undefined
    ? undefined
    : { [filter.subAttribute.name]: filter.value };
}
