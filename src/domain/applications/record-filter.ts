import type { ApplicationField } from '../../entities/application-field.entity';
import { DomainError } from '../errors';
import { validateFieldValue, FieldValueError } from './field-values';

export const RECORD_FILTER_OPERATORS = [
  'EQ',
  'NE',
  'CONTAINS',
  'GT',
  'GE',
  'LT',
  'LE',
  'PRESENT',
  'ABSENT',
] as const;

export type RecordFilterOperator = (typeof RECORD_FILTER_OPERATORS)[number];

/** One condition on a field's value; conditions of a list are joined with AND. */
export interface RecordFilter {
  field: string;
  operator: RecordFilterOperator;
  /** The compared value, in the field's own form; unused by PRESENT and ABSENT. */
  value?: unknown;
}

/** A SQL condition on `application_records` and its parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

const TEXT_TYPES = new Set(['TEXT', 'LONG_TEXT', 'EMAIL', 'PHONE', 'URL', 'SINGLE_CHOICE']);
const ORDERED_TYPES = new Set(['NUMBER', 'DATE', 'DATE_TIME']);
const COMPARISONS = { GT: '>', GE: '>=', LT: '<', LE: '<=' } as const;

/**
 * Compiles record filters into one SQL condition. Equality uses jsonb containment, which the
 * GIN index on field_values answers; the other operators check the rows that remain.
 */
export function compileRecordFilters(
  filters: readonly RecordFilter[],
  fields: readonly ApplicationField[],
): SqlCondition {
  const parts = filters.map((filter, index) => compileOne(filter, fields, `filter[${index}]`));

  return {
    sql: parts.map((part) => `(${part.sql})`).join(' and ') || 'true',
    params: parts.flatMap((part) => part.params),
  };
}

function compileOne(
  filter: RecordFilter,
  fields: readonly ApplicationField[],
  path: string,
): SqlCondition {
  const field = fields.find((candidate) => candidate.key === filter.field);
  if (!field) {
    throw DomainError.invalid(
      `unknown field '${filter.field}'; the application has ` +
        (fields.map((f) => f.key).join(', ') || 'no fields'),
      { field: `${path}.field` },
    );
  }

  const value = `field_values -> '${field.key}'`;
  const text = `field_values ->> '${field.key}'`;

  switch (filter.operator) {
    case 'PRESENT':
      return { sql: `${value} is not null`, params: [] };
    case 'ABSENT':
      return { sql: `${value} is null`, params: [] };
    case 'EQ':
      return { sql: 'field_values @> ?::jsonb', params: [containment(field, filter.value, path)] };
    case 'NE':
      return {
        sql: 'not (field_values @> ?::jsonb)',
        params: [containment(field, filter.value, path)],
      };
    case 'CONTAINS':
      if (field.type === 'MULTIPLE_CHOICE') {
        return {
          sql: 'field_values @> ?::jsonb',
          params: [containment(field, filter.value, path)],
        };
      }
      if (!TEXT_TYPES.has(field.type) || typeof filter.value !== 'string') {
        throw invalidOperator(filter, field, path);
      }
      return {
        sql: `lower(${text}) like ? escape '!'`,
        params: [`%${escapeLike(filter.value.toLowerCase())}%`],
      };
    case 'GT':
    case 'GE':
    case 'LT':
    case 'LE': {
      if (!ORDERED_TYPES.has(field.type)) {
        throw invalidOperator(filter, field, path);
      }
      const operand = checkedValue(field, filter.value, path);
      const compared = field.type === 'NUMBER' ? `(${text})::numeric` : text;
      const guard = field.type === 'NUMBER' ? `jsonb_typeof(${value}) = 'number' and ` : '';
      return { sql: `${guard}${compared} ${COMPARISONS[filter.operator]} ?`, params: [operand] };
    }
    default: {
      const unknown: never = filter.operator;
      throw DomainError.invalid(`unknown operator ${String(unknown)}`, {
        field: `${path}.operator`,
      });
    }
  }
}

/** Builds the `{"key": value}` document that a matching record's values contain. */
function containment(field: ApplicationField, raw: unknown, path: string): string {
  const single = field.type === 'MULTIPLE_CHOICE' && !Array.isArray(raw) ? [raw] : raw;
  return JSON.stringify({ [field.key]: checkedValue(field, single, path) });
}

function checkedValue(field: ApplicationField, raw: unknown, path: string) {
  try {
    const value = validateFieldValue(field, raw);
    if (value === null) {
      throw new FieldValueError('a value is required; use PRESENT or ABSENT to test for none');
    }
    return value;
  } catch (error) {
    if (error instanceof FieldValueError) {
      throw DomainError.invalid(`invalid value for field '${field.key}': ${error.message}`, {
        field: `${path}.value`,
      });
    }
    throw error;
  }
}

function invalidOperator(filter: RecordFilter, field: ApplicationField, path: string) {
  return DomainError.invalid(
    `operator ${filter.operator} does not apply to ${field.type} field '${field.key}'`,
    { field: `${path}.operator` },
  );
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (char) => `!${char}`);
}
