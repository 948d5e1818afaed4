import { jsonEqual } from '../../scim/patch/json-equal';
import type { AttributeChange } from './event-types';

export const REDACTED = '[redacted]';

/** Attributes never listed in a change: they change on every write or name the resource. */
const SKIPPED_ATTRIBUTES = new Set(['schemas', 'meta', 'id']);

/** Attribute names whose values are secrets, whatever schema declares them. */
const SECRET_NAME = /password|secret|token|credential/i;

/**
 * Flattens a SCIM document into attribute paths: complex attributes become `parent.child`,
 * extension attributes `<URN>:name`, and multi-valued attributes stay whole arrays, because
 * their items have no stable key to diff by.
 */
function flatten(
  document: Record<string, unknown>,
  prefix = '',
  into = new Map<string, unknown>(),
) {
  for (const [key, value] of Object.entries(document)) {
    if (prefix === '' && SKIPPED_ATTRIBUTES.has(key)) {
      continue;
    }

    const isExtension = prefix === '' && key.startsWith('urn:');
    const path = prefix === '' ? key : `${prefix}${key}`;

    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, isExtension ? `${path}:` : `${path}.`, into);
    } else {
      into.set(path, value);
    }
  }

  return into;
}

function isSecret(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('.'), path.lastIndexOf(':')) + 1);
  return SECRET_NAME.test(name);
}

/**
 * Lists the attributes that differ between two SCIM documents, in the order of `after`
 * then of attributes only `before` had. Secret values are replaced by `[redacted]`.
 */
export function diffDocuments(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): AttributeChange[] {
  const old = flatten(before ?? {});
  const current = flatten(after ?? {});
  const paths = [...current.keys(), ...[...old.keys()].filter((path) => !current.has(path))];
  const changes: AttributeChange[] = [];

  for (const path of paths) {
    const oldValue = old.get(path) ?? null;
    const newValue = current.get(path) ?? null;
    if (jsonEqual(oldValue, newValue)) {
      continue;
    }

    const secret = isSecret(path);
    changes.push({
      attribute: path,
      oldValue: secret && oldValue !== null ? REDACTED : oldValue,
      newValue: secret && newValue !== null ? REDACTED : newValue,
    });
  }

  return changes;
}
