import type { AttributeRef, Filter } from '../filter';
import { GROUP_SCHEMA, type ResourceTypeName } from '../schemas';

/** Attributes of a Group, shared ones included; a root search finds no other on groups. */
const GROUP_ATTRIBUTES = new Set(['id', 'externalid', 'meta', 'schemas', 'displayname', 'members']);

/** Attributes that only groups have, so a root search finds them on no user. */
const GROUP_ONLY_ATTRIBUTES = new Set(['members']);

/**
 * A filter restricted to one resource type: the filter itself, or `true` (every resource of
 * the type matches) or `false` (none does).
 */
export type TypeFilter = Filter | boolean;

/**
 * Rewrites a root search filter (RFC 7644 §3.4.2, across resource types) for one type. A test
 * of an attribute that the type does not have is a test of an unassigned attribute: `ne`
 * matches, as it does for an absent value, and every other test fails.
 */
export function filterForType(filter: Filter, type: ResourceTypeName): TypeFilter {
  switch (filter.kind) {
    case 'compare':
      return hasAttribute(filter.path, type) ? filter : filter.operator === 'ne';
    case 'present':
    case 'valuePath':
      return hasAttribute(filter.path, type) ? filter : false;
    case 'not': {
      const inner = filterForType(filter.filter, type);
      return typeof inner === 'boolean' ? !inner : { kind: 'not', filter: inner };
    }
    case 'and':
    case 'or':
      return combine(
        filter.kind,
        filterForType(filter.left, type),
        filterForType(filter.right, type),
      );
  }
}

function combine(kind: 'and' | 'or', left: TypeFilter, right: TypeFilter): TypeFilter {
  const absorbing = kind === 'or';

  if (left === absorbing || right === absorbing) {
    return absorbing;
  }
  if (typeof left === 'boolean') {
    return right;
  }
  if (typeof right === 'boolean') {
    return left;
  }

  return { kind, left, right };
}

function hasAttribute(path: AttributeRef, type: ResourceTypeName): boolean {
  const name = path.name.toLowerCase();
  const schema = path.schema?.toLowerCase();
  const groupSchema = GROUP_SCHEMA.toLowerCase();

  if (type === 'Group') {
    return (schema === undefined || schema === groupSchema) && GROUP_ATTRIBUTES.has(name);
  }
  if (schema === groupSchema) {
    return false;
  }
  return schema !== undefined || !GROUP_ONLY_ATTRIBUTES.has(name);
}
