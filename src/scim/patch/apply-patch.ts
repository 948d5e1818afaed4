import {
  isScimObject,
  ScimInputError,
  type ResourceTypeName,
  type SchemaRegistry,
  type ScimObject,
} from '../schemas';
import { applyMultiValued } from './apply-multi-valued';
import { applySingleValued } from './apply-single-valued';
import { readAttribute } from './document-access';
import { jsonEqual } from './json-equal';
import { checkRequiredKept, checkWritable, presentRequiredAttributes } from './mutability';
import {
  checkOperation,
  withArticle,
  type PatchOp,
  type PatchOperation,
} from './parse-patch-request';
import { atOperation, describeValue } from './patch-errors';
import {
  resolvePatchPath,
  resolveValueKey,
  type PatchTarget,
  type SchemaTarget,
  type TargetContext,
} from './resolve-target';
import { applyUndeclared, removeUndeclaredExtension } from './undeclared-extension';

export interface ApplyPatchOptions {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeName;
  /**
   * Whether attributes of custom User extensions that the registry does not declare are
   * accepted and stored as strings under their extension URN, as Entra ID sends them.
   */
  readonly acceptUndeclaredExtensions: boolean;
  /**
   * Position of each operation in the request, for messages such as `Operations[2]` when
   * `operations` is a subset of the request. By default, the position in `operations` is used.
   */
  readonly operationIndexes?: readonly number[];
}

export interface PatchResult {
  /** The patched canonical document, a new object. */
  readonly document: ScimObject;
  /** False when the patched document deep-equals the input, so the version need not change. */
  readonly changed: boolean;
}

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) in order to a canonical document. The input is
 * never modified, and one failing operation fails the whole PATCH, as the RFC requires.
 *
 * @throws ScimInputError naming the failing operation, as in `Operations[2]: …`.
 */
export function applyPatch(
  document: ScimObject,
  operations: readonly PatchOperation[],
  options: ApplyPatchOptions,
): PatchResult {
  const working = structuredClone(document);

  operations.forEach((operation, position) => {
    try {
      applyOperation(working, operation, options);
    } catch (error) {
      throw atOperation(error, options.operationIndexes?.[position] ?? position);
    }
  });

  return { document: working, changed: !jsonEqual(document, working) };
}

function applyOperation(
  document: ScimObject,
  operation: PatchOperation,
  context: ApplyPatchOptions,
): void {
  checkOperation(operation);
  const required = presentRequiredAttributes(document, context.registry, context.resourceType);

  if (operation.path === undefined) {
    applyToResource(document, operation.op, operation.value, context);
  } else {
    const target = resolvePatchPath(operation.path, context);
    applyToTarget(document, operation.op, target, operation.value, context);
  }

  checkRequiredKept(required, document, context.registry, context.resourceType);
}

/**
 * Applies an operation without a path, whose value is an object of the attributes to change
 * (RFC 7644 §3.5.2.1 and §3.5.2.3). Each key is a path of its own, such as `name.givenName`,
 * `urn:…:enterprise:2.0:User:employeeNumber` or an extension URN, because Entra ID sends such
 * keys. A plain object merge would store them as unknown attributes.
 */
function applyToResource(
  document: ScimObject,
  op: PatchOp,
  value: unknown,
  context: TargetContext,
): void {
  if (!isScimObject(value)) {
    throw new ScimInputError(
      'invalidValue',
      `${withArticle(op)} operation without a path needs an object of attributes as its value, ` +
        `such as {"displayName":"Ada"}; got ${describeValue(value)}`,
    );
  }

  for (const [key, item] of Object.entries(value)) {
    if (key.toLowerCase() === 'schemas') {
      continue;
    }

    applyToTarget(document, op, resolveValueKey(key, context), item, context);
  }
}

function applyToTarget(
  document: ScimObject,
  op: PatchOp,
  target: PatchTarget,
  value: unknown,
  context: TargetContext,
): void {
  switch (target.kind) {
    case 'attribute':
      checkWritable(target.attribute, target.subAttribute, target.path);
      if (target.attribute.multiValued) {
        applyMultiValued(document, op, target, value);
      } else {
        applySingleValued(document, op, target, value);
      }
      return;
    case 'schema':
      applyToSchema(document, op, target, value, context);
      return;
    case 'undeclared':
      applyUndeclared(document, op, target, value);
      return;
    default: {
      const unexpected: never = target;
      throw new Error(`unsupported PATCH target ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Applies an operation whose path or key is a schema URN to that schema's attributes. */
function applyToSchema(
  document: ScimObject,
  op: PatchOp,
  target: SchemaTarget,
  value: unknown,
  context: TargetContext,
): void {
  if (op !== 'remove') {
    if (!isScimObject(value)) {
      throw new ScimInputError(
        'invalidValue',
        `'${target.path}' names the schema ${target.urn}, so its value must be an object of ` +
          `that schema's attributes; got ${describeValue(value)}`,
        target.path,
      );
    }

    for (const [key, item] of Object.entries(value)) {
      applyToTarget(document, op, resolveValueKey(`${target.urn}:${key}`, context), item, context);
    }
    return;
  }

  if (target.core) {
    throw new ScimInputError(
      'invalidPath',
      `'${target.path}' names the core schema, which cannot be removed; remove its attributes ` +
        'one at a time',
      target.path,
    );
  }

  if (!target.schema) {
    removeUndeclaredExtension(document, target.urn);
    return;
  }

  for (const attribute of target.schema.attributes) {
    const location = { extension: target.urn, name: attribute.name };
    if (readAttribute(document, location) === undefined) {
      continue;
    }

    const canonicalPath = `${target.urn}:${attribute.name}`;
    const attributeTarget = {
      kind: 'attribute',
      extension: target.urn,
      attribute,
      canonicalPath,
      path: canonicalPath,
    } as const;
    applyToTarget(document, 'remove', attributeTarget, undefined, context);
  }
}
