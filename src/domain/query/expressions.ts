import type { SqlFragment } from './sql-fragment';
import type { AttributeType } from '../../scim/schemas';

/** A value in SQL that a filter can compare: a column, a JSON field or a constant. */
export interface SqlExpression {
  sql: string;
  params: unknown[];
  type: AttributeType;
  caseExact: boolean;
  /** The column holds UUIDs: values that are not UUIDs can never be equal. */
  uuid?: boolean;
  /** Name of the attribute, for error messages. */
  label: string;
}

/** Where the elements of a multi-valued attribute come from, for `exists (…)` subqueries. */
export interface ElementSource {
  /** `from` items that produce the elements, e.g. `jsonb_array_elements(u.emails) as element`. */
  from: string;
  /** Condition correlating the elements with the outer row, when `from` needs one. */
  correlation?: string;
  params: unknown[];
  /** Expression of one sub-attribute of an element, or undefined when it has none. */
  subAttribute(name: string): SqlExpression | undefined;
  /** Sub-attribute used when a filter names the attribute alone (`emails eq "…"`). */
  defaultSubAttribute: string;
  label: string;
  /**
   * An extra condition implied by `subAttribute eq value` that an index can answer, such as
   * the GIN index on lower-cased email values.
   */
  equalityHint?(subAttribute: string, value: string): SqlFragment | undefined;
}
