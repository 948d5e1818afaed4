import { isScimObject, PATCH_OP_SCHEMA, ScimInputError } from '../schemas';
import { atOperation, describeValue } from './patch-errors';

export type PatchOp = 'add' | 'replace' | 'remove';

/** One operation of a PatchOp request (RFC 7644 §3.5.2), with `op` in lower case. */
export interface PatchOperation {
  readonly op: PatchOp;
  /** The attribute path as sent; absent means the resource itself. */
  readonly path?: string;
  /** The value as sent, not yet converted to any attribute's type. */
  readonly value?: unknown;
}

export interface ParsePatchRequestOptions {
  /** Maximum number of operations in one request. */
  readonly maxOperations: number;
}

const PATCH_OPS: readonly PatchOp[] = ['add', 'replace', 'remove'];

const EXAMPLE_BODY =
  `{"schemas":["${PATCH_OP_SCHEMA}"],` +
  `"Operations":[{"op":"replace","path":"displayName","value":"Ada"}]}`;

/**
 * Validates a PatchOp request body (RFC 7644 §3.5.2) and returns its operations. Member names
 * and `op` values are matched without regard to case, because Entra ID sends `Add`, `Replace`
 * and `Remove`.
 *
 * @throws ScimInputError `invalidSyntax` for a malformed message, `invalidValue` for a missing
 *   value or too many operations, `invalidPath` for a path that is not a string, and
 *   `noTarget` for a remove without a path.
 */
export function parsePatchRequest(
  body: unknown,
  options: ParsePatchRequestOptions,
): PatchOperation[] {
  if (!isScimObject(body)) {
    throw new ScimInputError(
      'invalidSyntax',
      `the PATCH request body must be a JSON object such as ${EXAMPLE_BODY}, ` +
        `got ${describeValue(body)}`,
    );
  }

  const members = membersByLowerCaseName(body, 'the PATCH request body');
  checkSchemas(members.get('schemas'));

  const operations = members.get('operations');
  if (!Array.isArray(operations)) {
    const found = operations === undefined ? 'it has none' : `got ${describeValue(operations)}`;
    throw new ScimInputError(
      'invalidSyntax',
      `the PATCH request must have an "Operations" array; ${found}. Send ${EXAMPLE_BODY}`,
    );
  }

  if (operations.length === 0) {
    throw new ScimInputError(
      'invalidSyntax',
      'the "Operations" array of the PATCH request is empty; send at least one operation',
    );
  }

  if (operations.length > options.maxOperations) {
    throw new ScimInputError(
      'invalidValue',
      `the PATCH request has ${operations.length} operations, more than the maximum of ` +
        `${options.maxOperations} (SCIM_MAX_PATCH_OPERATIONS); split the changes into several ` +
        'PATCH requests',
    );
  }

  return operations.map((operation, index) => {
    try {
      return parseOperation(operation);
    } catch (error) {
      throw atOperation(error, index);
    }
  });
}

function checkSchemas(schemas: unknown): void {
  const listed =
    Array.isArray(schemas) &&
    schemas.some(
      (schema) =>
        typeof schema === 'string' && schema.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase(),
    );

  if (!listed) {
    throw new ScimInputError(
      'invalidSyntax',
      `the "schemas" of a PATCH request must contain "${PATCH_OP_SCHEMA}", ` +
        `got ${describeValue(schemas)}`,
    );
  }
}

function parseOperation(operation: unknown): PatchOperation {
  if (!isScimObject(operation)) {
    throw new ScimInputError(
      'invalidSyntax',
      'an operation must be an object with "op", "path" and "value", ' +
        `got ${describeValue(operation)}`,
    );
  }

  const members = membersByLowerCaseName(operation, 'the operation');
  const op = parseOp(members.get('op'));
  const path = members.get('path');
  const value = members.get('value');

  if (path !== undefined && typeof path !== 'string') {
    throw new ScimInputError(
      'invalidPath',
      '"path" must be a string such as "emails[type eq \\"work\\"].value", ' +
        `got ${describeValue(path)}`,
    );
  }

  const parsed: PatchOperation = {
    op,
    ...(path === undefined ? {} : { path }),
    ...(value === undefined ? {} : { value }),
  };
  checkOperation(parsed);

  return parsed;
}

/**
 * Checks the members that each op requires. `applyPatch` and `splitMemberOperations` repeat
 * this check, because callers may build operations without `parsePatchRequest`.
 */
export function checkOperation(operation: PatchOperation): void {
  if (operation.op === 'remove' && operation.path === undefined) {
    // RFC 7644 §3.5.2.2: a remove without "path" fails with noTarget.
    throw new ScimInputError(
      'noTarget',
      'a remove operation needs a "path" naming what to remove, such as "nickName" or ' +
        '"members[value eq \\"<id>\\"]"',
    );
  }

  if (operation.op !== 'remove' && operation.value === undefined) {
    // RFC 7644 §3.5.2.1 and §3.5.2.3: add and replace carry a "value".
    throw new ScimInputError(
      'invalidValue',
      `${withArticle(operation.op)} operation needs a "value"` +
        (operation.path === undefined ? '' : ` for path ${describeValue(operation.path)}`),
      operation.path,
    );
  }
}

function parseOp(op: unknown): PatchOp {
  const lower = typeof op === 'string' ? op.toLowerCase() : undefined;
  const known = PATCH_OPS.find((candidate) => candidate === lower);

  if (!known) {
    const found = op === undefined ? 'it has none' : `got ${describeValue(op)}`;
    throw new ScimInputError(
      'invalidSyntax',
      `"op" must be "add", "replace" or "remove" (in any case); ${found}`,
    );
  }

  return known;
}

/** Reads an object's members by lower-case name, rejecting names that differ only in case. */
function membersByLowerCaseName(object: Record<string, unknown>, subject: string) {
  const members = new Map<string, unknown>();
  const names = new Map<string, string>();

  for (const [name, value] of Object.entries(object)) {
    const lower = name.toLowerCase();
    const earlier = names.get(lower);
    if (earlier !== undefined) {
      throw new ScimInputError(
        'invalidSyntax',
        `${subject} has both "${earlier}" and "${name}"; member names are case-insensitive, ` +
          'so send only one of them',
      );
    }

    names.set(lower, name);
    members.set(lower, value);
  }

  return members;
}

/** `an add`, `a replace`, `a remove`. */
export function withArticle(op: PatchOp): string {
  return op === 'add' ? 'an add' : `a ${op}`;
}
