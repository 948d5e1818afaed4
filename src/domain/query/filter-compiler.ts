import type { Filter, ValueFilter } from '../../scim/filter';
import { compare, invalidFilter, present } from './compare';
import type { ElementSource, SqlExpression } from './expressions';
import { join, negate, TRUE_SQL, type SqlFragment } from './sql-fragment';
import type { FilterTargets } from './targets';

/**
 * Compiles a SCIM filter tree into a SQL condition over the resource table. Every value becomes
 * a parameter; multi-valued attributes match when any element matches (RFC 7644 §3.4.2.2).
 */
export function compileFilter(filter: Filter, targets: FilterTargets): SqlFragment {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return join(filter.kind, [
        compileFilter(filter.left, targets),
        compileFilter(filter.right, targets),
      ]);
    case 'not':
      return negate(compileFilter(filter.filter, targets));
    case 'compare':
    case 'present':
      return compileAttributeTest(filter, targets);
    case 'valuePath': {
      const target = targets.resolve(filter.path);
      if (target.kind !== 'elements') {
        throw invalidFilter(
          `'${filter.path.name}[…]' needs a multi-valued attribute such as emails or members`,
        );
      }
      const condition = compileElementFilter(filter.filter, target.source);
      return join('and', [
        ...hints(filter.filter, target.source),
        exists(target.source, condition),
      ]);
    }
    default: {
      const unexpected: never = filter;
      throw new Error(`unsupported filter node ${JSON.stringify(unexpected)}`);
    }
  }
}

function compileAttributeTest(
  filter: Extract<Filter, { kind: 'compare' | 'present' }>,
  targets: FilterTargets,
): SqlFragment {
  const target = targets.resolve(filter.path);

  if (target.kind === 'scalar') {
    return test(filter, target.expression);
  }

  if (target.kind === 'complex') {
    if (filter.kind === 'present') {
      return join('or', target.parts.map(present));
    }
    throw invalidFilter(
      `attribute '${target.label}' is complex; filter on a sub-attribute such as ` +
        `${target.label}.${target.parts[0]?.label.split('.').pop() ?? 'value'}`,
    );
  }

  const { source } = target;
  if (filter.kind === 'present' && !target.subAttribute) {
    return exists(source, TRUE_SQL);
  }

  const subAttribute = target.subAttribute ?? source.defaultSubAttribute;
  const condition = test(filter, elementExpression(source, subAttribute));
  const hint =
    filter.kind === 'compare' && filter.operator === 'eq' && typeof filter.value === 'string'
      ? source.equalityHint?.(subAttribute, filter.value)
      : undefined;

  return join('and', [...(hint ? [hint] : []), exists(source, condition)]);
}

/** Compiles the filter inside `attr[…]`, whose paths name sub-attributes of the elements. */
function compileElementFilter(filter: ValueFilter, source: ElementSource): SqlFragment {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return join(filter.kind, [
        compileElementFilter(filter.left, source),
        compileElementFilter(filter.right, source),
      ]);
    case 'not':
      return negate(compileElementFilter(filter.filter, source));
    case 'compare':
    case 'present':
      return test(filter, elementExpression(source, filter.path.subAttribute ?? filter.path.name));
    default: {
      const unexpected: never = filter;
      throw new Error(`unsupported filter node ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Index-friendly conditions implied by the top-level `and` terms of a value filter. */
function hints(filter: ValueFilter, source: ElementSource): SqlFragment[] {
  if (filter.kind === 'and') {
    return [...hints(filter.left, source), ...hints(filter.right, source)];
  }
  if (filter.kind === 'compare' && filter.operator === 'eq' && typeof filter.value === 'string') {
    const hint = source.equalityHint?.(filter.path.name, filter.value);
    return hint ? [hint] : [];
  }

  return [];
}

function test(
  filter: Extract<ValueFilter, { kind: 'compare' | 'present' }>,
  expression: SqlExpression,
): SqlFragment {
  return filter.kind === 'present'
    ? present(expression)
    : compare(expression, filter.operator, filter.value);
}

function elementExpression(source: ElementSource, subAttribute: string): SqlExpression {
  const expression = source.subAttribute(subAttribute);
  if (!expression) {
    throw invalidFilter(`'${source.label}' has no sub-attribute '${subAttribute}'`);
  }

  return expression;
}

function exists(source: ElementSource, condition: SqlFragment): SqlFragment {
  const where = source.correlation ? `${source.correlation} and ${condition.sql}` : condition.sql;

  return {
    sql: `(exists (select 1 from ${source.from} where ${where}))`,
    params: [...source.params, ...condition.params],
  };
}
