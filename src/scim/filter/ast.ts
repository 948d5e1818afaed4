/**
 * Syntax tree of SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (RFC 7644 §3.5.2).
 *
 * Names keep the spelling of the input so that messages can quote it. SCIM attribute names and
 * schema URNs are case-insensitive (RFC 7643 §2.1), so consumers compare them lower-cased.
 */

/**
 * An attribute without a sub-attribute: `userName`, `emails`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
 *
 * NOTE: a path that is only a schema URN, such as
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`, parses as schema
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0` with name `User`. Consumers that accept
 * a whole extension as a path check whether `schema + ':' + name` is one of their schema URNs.
 */
export interface AttributeRef {
  /** Schema URN as written, without the `:` that separates it from the name. */
  readonly schema?: string;
  readonly name: string;
}

/** `attrPath` of RFC 7644 §3.4.2.2: an attribute with at most one sub-attribute. */
export interface AttributePath extends AttributeRef {
  /** Sub-attribute of a complex attribute, as in `name.givenName`. */
  readonly subAttribute?: string;
}

export const COMPARE_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;

/** Comparison operator, always lower-case in the tree. */
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];

/** Comparison value with its JSON type (`compValue` of RFC 7644 §3.4.2.2). */
export type FilterValue = string | number | boolean | null;

/** `attrPath op value`, as in `userName eq "bjensen"`. */
export interface ComparisonFilter {
  readonly kind: 'compare';
  readonly path: AttributePath;
  readonly operator: CompareOperator;
  readonly value: FilterValue;
}

/** `attrPath pr`: the attribute has a non-empty value. */
export interface PresentFilter {
  readonly kind: 'present';
  readonly path: AttributePath;
}

/** `left and right` or `left or right`. A chain such as `a and b and c` nests to the left. */
export interface LogicalFilter<F> {
  readonly kind: 'and' | 'or';
  readonly left: F;
  readonly right: F;
}

/** `not (filter)`. */
export interface NotFilter<F> {
  readonly kind: 'not';
  readonly filter: F;
}

/**
 * `attr[valueFilter]`: some value of the multi-valued attribute matches the value filter, whose
 * attribute paths name sub-attributes of `path` (`emails[type eq "work"]` tests `emails.type`).
 */
export interface ValuePathFilter {
  readonly kind: 'valuePath';
  readonly path: AttributeRef;
  readonly filter: ValueFilter;
}

/** A filter as accepted by `GET …?filter=` (RFC 7644 §3.4.2.2). */
export type Filter =
  ComparisonFilter | PresentFilter | LogicalFilter<Filter> | NotFilter<Filter> | ValuePathFilter;

/** The filter inside `[…]`: like `Filter`, but value paths cannot nest. */
export type ValueFilter =
  ComparisonFilter | PresentFilter | LogicalFilter<ValueFilter> | NotFilter<ValueFilter>;

/** PATCH path `attrPath`: `displayName`, `name.givenName`, `urn:…:User:manager.value`. */
export interface AttributePatchPath {
  readonly kind: 'attribute';
  readonly path: AttributePath;
}

/**
 * PATCH path `valuePath [subAttr]`: `members[value eq "2819c223"]`,
 * `emails[type eq "work"].value`.
 */
export interface ValuePatchPath {
  readonly kind: 'valuePath';
  readonly path: AttributeRef;
  readonly filter: ValueFilter;
  readonly subAttribute?: string;
}

/** The `path` of a PATCH operation (RFC 7644 §3.5.2). */
export type PatchPath = AttributePatchPath | ValuePatchPath;
