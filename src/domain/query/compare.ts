import type { CompareOperator, FilterValue } from '../../scim/filter';
import { isDateTime } from '../../scim/schemas';
import { DomainError } from '../errors';
import { isUuid } from '../users/user-rules';
import type { SqlExpression } from './expressions';
import { escapeLike, FALSE_SQL, fragment, type SqlFragment } from './sql-fragment';

const SQL_OPERATORS: Record<'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le', string> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

export function invalidFilter(message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, { scimType: 'invalidFilter', field: 'filter' });
}

/**
 * Compiles `expression operator value` following the attribute's type and caseExact
 * (RFC 7644 §3.4.2.2): case-insensitive strings compare lower-cased, dates as instants,
 * booleans accept "True"/"False". `ne` also matches rows where the attribute is absent.
 */
export function compare(
  expression: SqlExpression,
  operator: CompareOperator,
  value: FilterValue,
): SqlFragment {
  if (value === null) {
    return compareNull(expression, operator);
  }

  switch (expression.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return compareString(expression, operator, value);
    case 'boolean':
      return compareBoolean(expression, operator, value);
    case 'dateTime':
      return compareDateTime(expression, operator, value);
    case 'integer':
    case 'decimal':
      return compareNumber(expression, operator, value);
    case 'complex':
      throw invalidFilter(
        `attribute '${expression.label}' is complex; filter on one of its sub-attributes`,
      );
    default: {
      const unexpected: never = expression.type;
      throw new Error(`unsupported attribute type ${String(unexpected)}`);
    }
  }
}

/** `attribute pr`: present and, for strings, not empty. */
export function present(expression: SqlExpression): SqlFragment {
  const isString = ['string', 'reference', 'binary'].includes(expression.type);
  const sql =
    isString && !expression.uuid
      ? `(${expression.sql} is not null and ${expression.sql} <> '')`
      : `(${expression.sql} is not null)`;

  return {
    sql,
    params:
      isString && !expression.uuid
        ? [...expression.params, ...expression.params]
        : expression.params,
  };
}

function compareNull(expression: SqlExpression, operator: CompareOperator): SqlFragment {
  if (operator === 'eq') {
    return { sql: `(${expression.sql} is null)`, params: expression.params };
  }
  if (operator === 'ne') {
    return { sql: `(${expression.sql} is not null)`, params: expression.params };
  }

  throw invalidFilter(`operator '${operator}' cannot compare '${expression.label}' with null`);
}

function compareString(
  expression: SqlExpression,
  operator: CompareOperator,
  raw: string | number | boolean,
): SqlFragment {
  const value = String(raw);
  if (value.includes('\u0000')) {
    throw invalidFilter(`the value compared with '${expression.label}' contains a NUL character`);
  }

  const column = expression.uuid ? `${expression.sql}::text` : expression.sql;
  const left = expression.caseExact ? column : `lower(${column})`;
  const right = expression.caseExact ? '?' : 'lower(?)';
  const params = expression.params;

  if (expression.uuid && (operator === 'eq' || operator === 'ne')) {
    return compareUuid(expression, operator, value);
  }

  switch (operator) {
    case 'eq':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return { sql: `(${left} ${SQL_OPERATORS[operator]} ${right})`, params: [...params, value] };
    case 'ne':
      return {
        sql: `(${column} is null or ${left} <> ${right})`,
        params: [...params, ...params, value],
      };
    case 'co':
      return like(left, right, params, `%${escapeLike(value)}%`);
    case 'sw':
      return like(left, right, params, `${escapeLike(value)}%`);
    case 'ew':
      return like(left, right, params, `%${escapeLike(value)}`);
    default: {
      const unexpected: never = operator;
      throw new Error(`unsupported operator ${String(unexpected)}`);
    }
  }
}

function like(left: string, right: string, params: unknown[], pattern: string): SqlFragment {
  return { sql: `(${left} like ${right} escape '\\')`, params: [...params, pattern] };
}

/**
 * Ids are case-exact (RFC 7643 §3.1) and Roster writes them in lower case, so a value with
 * capitals, or one that is no UUID at all, names no row.
 */
function compareUuid(expression: SqlExpression, operator: 'eq' | 'ne', value: string) {
  if (!isUuid(value) || value !== value.toLowerCase()) {
    return operator === 'eq'
      ? FALSE_SQL
      : { sql: `(${expression.sql} is not null)`, params: expression.params };
  }

  const id = value;
  return operator === 'eq'
    ? { sql: `(${expression.sql} = ?)`, params: [...expression.params, id] }
    : {
        sql: `(${expression.sql} is null or ${expression.sql} <> ?)`,
        params: [...expression.params, ...expression.params, id],
      };
}

function compareBoolean(
  expression: SqlExpression,
  operator: CompareOperator,
  raw: string | number | boolean,
): SqlFragment {
  const text = String(raw).toLowerCase();
  if (text !== 'true' && text !== 'false') {
    throw invalidFilter(
      `attribute '${expression.label}' is boolean; compare it with true or false`,
    );
  }

  const value = text === 'true';
  if (operator === 'eq') {
    return { sql: `(${expression.sql} = ?)`, params: [...expression.params, value] };
  }
  if (operator === 'ne') {
    return {
      sql: `(${expression.sql} is null or ${expression.sql} <> ?)`,
      params: [...expression.params, ...expression.params, value],
    };
  }

  throw invalidFilter(`operator '${operator}' is not defined for boolean '${expression.label}'`);
}

function compareDateTime(
  expression: SqlExpression,
  operator: CompareOperator,
  raw: string | number | boolean,
): SqlFragment {
  if (operator === 'co' || operator === 'sw' || operator === 'ew') {
    throw invalidFilter(
      `operator '${operator}' is not defined for date-time '${expression.label}'`,
    );
  }
  if (typeof raw !== 'string') {
    throw invalidFilter(
      `attribute '${expression.label}' is a date-time; compare it with a string such as ` +
        `"2026-01-01T00:00:00Z", not ${JSON.stringify(raw)}`,
    );
  }
  if (!isDateTime(raw)) {
    throw invalidFilter(
      `${JSON.stringify(raw)} is not a valid date-time for '${expression.label}'; write a real ` +
        'date and time between the years 1 and 9999 with an offset of at most 14 hours, such ' +
        'as "2026-01-01T00:00:00Z"',
    );
  }

  return ordered(expression, operator, new Date(Date.parse(raw)));
}

function compareNumber(
  expression: SqlExpression,
  operator: CompareOperator,
  raw: string | number | boolean,
): SqlFragment {
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (typeof raw === 'boolean' || !Number.isFinite(value)) {
    throw invalidFilter(`attribute '${expression.label}' is a number; compare it with a number`);
  }
  if (operator === 'co' || operator === 'sw' || operator === 'ew') {
    throw invalidFilter(`operator '${operator}' is not defined for number '${expression.label}'`);
  }

  return ordered(expression, operator, value);
}

function ordered(
  expression: SqlExpression,
  operator: Exclude<CompareOperator, 'co' | 'sw' | 'ew'>,
  value: Date | number,
): SqlFragment {
  if (operator === 'ne') {
    return {
      sql: `(${expression.sql} is null or ${expression.sql} <> ?)`,
      params: [...expression.params, ...expression.params, value],
    };
  }

  return fragment(`(${expression.sql} ${SQL_OPERATORS[operator]} ?)`, ...expression.params, value);
}
