import {
  applyPatch,
  parsePatchRequest,
  type PatchOperation,
  type PatchResult,
} from '../../../src/scim/patch';
import {
  ENTERPRISE_USER_SCHEMA,
  PATCH_OP_SCHEMA,
  SchemaRegistry,
  ScimInputError,
  type ResourceTypeName,
  type ScimObject,
} from '../../../src/scim/schemas';

export const ENTERPRISE = ENTERPRISE_USER_SCHEMA;
export const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
export const MANAGER_ID = '26118915-6090-4610-87e4-49d8ca9f808d';

export const registry = SchemaRegistry.create();

/** Builds a PatchOp request body as a client sends it. */
export function patchBody(operations: unknown[]): Record<string, unknown> {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/** Parses a request body and applies it, as the SCIM facade and the domain do together. */
export function patchRequest(
  document: ScimObject,
  operations: unknown[],
  options: {
    registry?: SchemaRegistry;
    resourceType?: ResourceTypeName;
    acceptUndeclaredExtensions?: boolean;
  } = {},
): PatchResult {
  const parsed = parsePatchRequest(patchBody(operations), { maxOperations: 100 });

  return applyPatch(document, parsed, {
    registry: options.registry ?? registry,
    resourceType: options.resourceType ?? 'User',
    acceptUndeclaredExtensions: options.acceptUndeclaredExtensions ?? true,
  });
}

/** Applies already parsed operations to a User document. */
export function patchUser(document: ScimObject, operations: PatchOperation[]): PatchResult {
  return applyPatch(document, operations, {
    registry,
    resourceType: 'User',
    acceptUndeclaredExtensions: true,
  });
}

/** Returns the ScimInputError that `run` throws, failing when it throws none or another type. */
export function scimErrorOf(run: () => unknown): ScimInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimInputError) {
      return error;
    }

    throw error;
  }

  throw new Error('expected a ScimInputError, but the call succeeded');
}

/** Freezes a document and everything in it, so that any write to it throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }

  return value;
}
