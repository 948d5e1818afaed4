import {
  parseAttributePath,
  parsePatchPath,
  ScimSyntaxError,
  type AttributePath,
  type PatchPath,
  type ValueFilter,
} from '../filter';
import {
  coerceValue,
  isScimObject,
  ScimInputError,
  type AttributeDefinition,
  type SchemaRegistry,
  type ScimObject,
} from '../schemas';
import { checkOperation, type PatchOperation } from './parse-patch-request';
import { atOperation, describeValue } from './patch-errors';

/** A PATCH operation that `applyPatch` applies to the group document. */
export interface DocumentStep {
  readonly kind: 'document';
  readonly operation: PatchOperation;
  /** The position of the operation in the request, for `applyPatch`'s `operationIndexes`. */
  readonly index: number;
}

/** A membership change that the caller applies as a set operation on stored memberships. */
export interface MemberStep {
  readonly kind: 'addMembers' | 'removeMembers' | 'replaceMembers';
  /** Member ids in request order, without repeats. */
  readonly ids: string[];
  readonly index: number;
}

export interface RemoveAllMembersStep {
  readonly kind: 'removeAllMembers';
  readonly index: number;
}

export type PatchStep = DocumentStep | MemberStep | RemoveAllMembersStep;

const FILTER_HINT =
  'only "value eq" comparisons, joined by "or", can select members, as in ' +
  'members[value eq "<id1>" or value eq "<id2>"]';

/**
 * Splits a Group PATCH into document operations and membership changes, in request order.
 * Memberships are not applied in memory, because a group can have tens of thousands of members.
 * Covered forms: `add members [{value}]`, `replace members [...]`, `remove members` (all),
 * Entra ID's `remove members` with a value list (only the listed members), `remove
 * members[value eq "id" or …]`, and a `members` key in the value of an add or replace without
 * a path. Members may be `{"value": "<id>"}` objects (with `"$ref": null`) or bare id strings.
 *
 * @throws ScimInputError naming the operation, for member values without an id, unsupported
 *   filters on members (`invalidFilter`), and paths to member sub-attributes (`mutability`, or
 *   `invalidPath` when members has no such sub-attribute).
 */
export function splitMemberOperations(
  operations: readonly PatchOperation[],
  registry: SchemaRegistry,
): PatchStep[] {
  const members = registry.resolve('Group', { name: 'members' })!.attribute;

  return operations.flatMap((operation, index) => {
    try {
      checkOperation(operation);
      return splitOperation(operation, index, members, registry);
    } catch (error) {
      throw atOperation(error, index);
    }
  });
}

function splitOperation(
  operation: PatchOperation,
  index: number,
  members: AttributeDefinition,
  registry: SchemaRegistry,
): PatchStep[] {
  const document: DocumentStep = { kind: 'document', operation, index };

  if (operation.path === undefined) {
    return splitValueObject(operation, index, members, registry);
  }

  const path = parseOrUndefined(() => parsePatchPath(operation.path!));
  if (!path || !namesMembers(path.path, registry)) {
    return [document];
  }

  if (path.kind === 'attribute' && path.path.subAttribute !== undefined) {
    throw subAttributeError(operation.path, path.path.subAttribute, members);
  }

  if (path.kind === 'valuePath') {
    if (path.subAttribute !== undefined) {
      throw subAttributeError(operation.path, path.subAttribute, members);
    }
    if (operation.op !== 'remove') {
      throw new ScimInputError(
        'invalidPath',
        `${operation.op} cannot use a filter on members; send the members as the value, as in ` +
          '{"op":"add","path":"members","value":[{"value":"<id>"}]}',
        operation.path,
      );
    }

    // Unlike other filtered removes, a member filter that matches no member is not noTarget.
    // Entra ID removes members this way and retries a request whose response it lost, so the
    // removal must be idempotent, and a 400 would put the group in its retry queue.
    return [
      { kind: 'removeMembers', ids: unique(idsFromFilter(path.filter, operation.path)), index },
    ];
  }

  switch (operation.op) {
    case 'add':
      return [{ kind: 'addMembers', ids: memberIds(operation.value, members), index }];
    case 'replace':
      return [{ kind: 'replaceMembers', ids: memberIds(operation.value, members), index }];
    case 'remove':
      // A remove that lists members removes only those, even when the list is empty or null:
      // wiping the group because a client sent an empty list would lose every membership.
      return operation.value === undefined
        ? [{ kind: 'removeAllMembers', index }]
        : [{ kind: 'removeMembers', ids: memberIds(operation.value, members), index }];
    default: {
      const unexpected: never = operation.op;
      throw new Error(`unsupported PATCH op ${String(unexpected)}`);
    }
  }
}

/** Splits the `members` keys off the value object of an add or replace without a path. */
function splitValueObject(
  operation: PatchOperation,
  index: number,
  members: AttributeDefinition,
  registry: SchemaRegistry,
): PatchStep[] {
  const document: DocumentStep = { kind: 'document', operation, index };
  if (!isScimObject(operation.value)) {
    return [document];
  }

  const rest: ScimObject = {};
  const memberValues: unknown[] = [];
  for (const [key, value] of Object.entries(operation.value)) {
    const path = parseOrUndefined(() => parseAttributePath(key));
    if (path && path.subAttribute === undefined && namesMembers(path, registry)) {
      memberValues.push(value);
    } else {
      rest[key] = value as ScimObject[string];
    }
  }

  if (memberValues.length === 0) {
    return [document];
  }

  const kind = operation.op === 'add' ? 'addMembers' : 'replaceMembers';
  const steps: PatchStep[] = memberValues.map((value) => ({
    kind,
    ids: memberIds(value, members),
    index,
  }));

  const hasDocumentKeys = Object.keys(rest).some((key) => key.toLowerCase() !== 'schemas');
  return hasDocumentKeys
    ? [{ ...document, operation: { ...operation, value: rest } }, ...steps]
    : steps;
}

function namesMembers(
  path: Pick<AttributePath, 'schema' | 'name'>,
  registry: SchemaRegistry,
): boolean {
  const resolved = registry.resolve('Group', { schema: path.schema, name: path.name });
  return resolved?.attribute.name === 'members' && !resolved.inExtension;
}

/** Reads member ids from a value list; null and an empty list name no members. */
function memberIds(value: unknown, members: AttributeDefinition): string[] {
  if (value === null) {
    return [];
  }

  const items = Array.isArray(value) ? value : [value];
  const single: AttributeDefinition = { ...members, multiValued: false };
  const ids = items.map((item, position) => {
    const path = `members[${position}]`;
    const member = coerceValue(single, item, path, { dropReadOnly: true });
    const id = isScimObject(member) ? member.value : undefined;

    if (typeof id !== 'string' || id === '') {
      throw new ScimInputError(
        'invalidValue',
        `${path} has no member id; send members as [{"value":"<id>"}], got ${describeValue(item)}`,
        'members',
      );
    }

    return id;
  });

  return unique(ids);
}

function idsFromFilter(filter: ValueFilter, path: string): string[] {
  if (filter.kind === 'or') {
    return [...idsFromFilter(filter.left, path), ...idsFromFilter(filter.right, path)];
  }

  const isValueEq =
    filter.kind === 'compare' &&
    filter.operator === 'eq' &&
    filter.path.schema === undefined &&
    filter.path.subAttribute === undefined &&
    filter.path.name.toLowerCase() === 'value' &&
    typeof filter.value === 'string';

  if (!isValueEq) {
    throw new ScimInputError(
      'invalidFilter',
      `the filter in ${describeValue(path)} is not supported on members; ${FILTER_HINT}`,
      path,
    );
  }

  return [filter.value as string];
}

/**
 * Builds the error for a path to a sub-attribute of members: `mutability` for a defined one,
 * because each is immutable or readOnly, and `invalidPath` for a name that members lacks.
 */
function subAttributeError(
  path: string,
  subAttribute: string,
  members: AttributeDefinition,
): ScimInputError {
  const names = (members.subAttributes ?? []).map((sub) => sub.name);
  if (!names.some((name) => name.toLowerCase() === subAttribute.toLowerCase())) {
    return new ScimInputError(
      'invalidPath',
      `${describeValue(path)} names '${subAttribute}', which is not a sub-attribute of ` +
        `'members'; its sub-attributes are ${names.join(', ')}`,
      path,
    );
  }

  return new ScimInputError(
    'mutability',
    `${describeValue(path)} targets '${subAttribute}' of members, and member sub-attributes ` +
      'are immutable or readOnly; add or remove whole members instead',
    path,
  );
}

/** Parses a path or returns undefined, leaving the error to `applyPatch`, which reports it. */
function parseOrUndefined<T extends PatchPath | AttributePath>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ScimSyntaxError) {
      return undefined;
    }

    throw error;
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
