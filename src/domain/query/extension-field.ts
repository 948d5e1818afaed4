import type { AttributeDefinition } from '../../scim/schemas';
import type { SqlExpression } from './expressions';

/**
 * The date-time form that coercion stores (RFC 7643 §2.3.5). It uses `{0,1}` in place of `?`,
 * which MikroORM would read as a parameter placeholder.
 */
const DATE_TIME_SQL_PATTERN =
  "'^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+){0,1}(Z|[+-]\\d{2}:\\d{2}){0,1}$'";

/**
 * Builds the SQL expression of a custom extension attribute in `users.extensions`, typed by
 * its declaration. A stored value of another JSON type reads as null rather than failing the
 * cast, because a write that raced with a type change may have stored one.
 */
export function extensionField(
  alias: string,
  schemaId: string,
  definition: AttributeDefinition,
  label: string,
): SqlExpression {
  const json = `(${alias}.extensions -> ? -> ?)`;
  const text = `(${alias}.extensions -> ? ->> ?)`;
  const keys = [schemaId, definition.name];

  switch (definition.type) {
    case 'integer':
    case 'decimal':
      return typed(`(case when jsonb_typeof(${json}) = 'number' then ${text}::numeric end)`);
    case 'boolean':
      return typed(`(case when jsonb_typeof(${json}) = 'boolean' then ${text}::boolean end)`);
    case 'dateTime':
      return typed(`(case when ${text} ~ ${DATE_TIME_SQL_PATTERN} then ${text}::timestamptz end)`);
    default:
      return {
        sql: text,
        params: keys,
        type: definition.type,
        caseExact: definition.caseExact,
        label,
      };
  }

  function typed(sql: string): SqlExpression {
    return {
      sql,
      params: [...keys, ...keys],
      type: definition.type,
      caseExact: definition.caseExact,
      label,
    };
  }
}
