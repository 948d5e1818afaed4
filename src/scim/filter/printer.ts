import type {
  AttributePath,
  Filter,
  FilterValue,
  LogicalFilter,
  PatchPath,
  ValueFilter,
} from './ast';

/** Binding strength: `or` < `and` < everything else, which never needs parentheses. */
const PRECEDENCE = { or: 1, and: 2, term: 3 } as const;

/**
 * Prints a filter in canonical form: lower-case keywords, one space between tokens, JSON values,
 * and parentheses only where precedence needs them, so that `parseFilter(printFilter(f))` equals
 * `f`. A Microsoft Entra `attr[…].sub op value` prints as the value path it parsed into.
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${printAttributePath(filter.path)} ${filter.operator} ${printValue(filter.value)}`;
    case 'present':
      return `${printAttributePath(filter.path)} pr`;
    case 'and':
    case 'or':
      return printLogical(filter);
    case 'not':
      return `not (${printFilter(filter.filter)})`;
    case 'valuePath':
      return `${printAttributePath(filter.path)}[${printFilter(filter.filter)}]`;
    default:
      return failUnknownNode(filter);
  }
}

/** Prints a PATCH path so that `parsePatchPath(printPatchPath(p))` equals `p`. */
export function printPatchPath(path: PatchPath): string {
  switch (path.kind) {
    case 'attribute':
      return printAttributePath(path.path);
    case 'valuePath': {
      const subAttribute = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;

      return `${printAttributePath(path.path)}[${printFilter(path.filter)}]${subAttribute}`;
    }
    default:
      return failUnknownNode(path);
  }
}

/** Prints `[schema:]name[.subAttribute]` as written. */
export function printAttributePath(path: AttributePath): string {
  const schema = path.schema === undefined ? '' : `${path.schema}:`;
  const subAttribute = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;

  return `${schema}${path.name}${subAttribute}`;
}

/** Prints a comparison value as JSON. `-0` keeps its sign so that it parses back unchanged. */
export function printValue(value: FilterValue): string {
  if (typeof value === 'number' && Object.is(value, -0)) {
    return '-0';
  }

  return JSON.stringify(value);
}

/**
 * Prints a chain such as `a and b and c`, which nests to the left. The left spine is walked in a
 * loop, so that a long chain does not cost one stack frame per operand.
 */
function printLogical(filter: LogicalFilter<Filter | ValueFilter>): string {
  const rights: Filter[] = [];
  let left: Filter = filter;
  while (left.kind === filter.kind) {
    rights.push(left.right);
    left = left.left;
  }

  const precedence = PRECEDENCE[filter.kind];
  const operands = [printOperand(left, precedence, false)];
  for (const right of rights.reverse()) {
    operands.push(printOperand(right, precedence, true));
  }

  return operands.join(` ${filter.kind} `);
}

/**
 * Prints an operand of `and`/`or`, in parentheses when it binds more loosely than its parent,
 * or as tightly on the right: `a or (b or c)` is not the tree of `a or b or c`.
 */
function printOperand(operand: Filter, parent: number, isRight: boolean): string {
  const own =
    operand.kind === 'and' || operand.kind === 'or' ? PRECEDENCE[operand.kind] : PRECEDENCE.term;
  const text = printFilter(operand);
  if (own > parent || (own === parent && !isRight)) {
    return text;
  }

  return `(${text})`;
}

function failUnknownNode(node: never): never {
  throw new Error(
    `unknown syntax tree node ${JSON.stringify(node)}; the printer needs a case for it`,
  );
}
