import { parsePatchRequest, type PatchOperation } from '../patch';
import { ScimInputError } from '../schemas';
import { ScimError } from './scim-error';

/** Validates a PatchOp body (RFC 7644 §3.5.2); invalid requests become 400 SCIM errors. */
export function readPatchRequest(body: unknown, maxOperations: number): PatchOperation[] {
  try {
    return parsePatchRequest(body, { maxOperations });
  } catch (error) {
    if (error instanceof ScimInputError) {
      throw ScimError.badRequest(error.scimType, error.message);
    }
    throw error;
  }
}

/** PatchOperation as the GraphQL `PatchOperationInput` variable. */
export function toOperationInputs(operations: PatchOperation[]): Record<string, unknown>[] {
  return operations.map((operation) => ({
    op: operation.op,
    path: operation.path ?? null,
    value: operation.value === undefined ? null : operation.value,
  }));
}
