import { PATCH_OP_SCHEMA, ScimInputError } from '../../../src/scim/schemas';

/** Builds a PatchOp request body as a client sends it. */
export function patchBody(operations: unknown[]): Record<string, unknown> {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
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
