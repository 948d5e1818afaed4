import type { PatchOperation } from '../../scim/patch';
import type { PatchOperationInput } from '../inputs/patch-operation.input';

/** Maps GraphQL PATCH operations onto the domain's, leaving absent paths and values out. */
export function toPatchOperations(inputs: PatchOperationInput[]): PatchOperation[] {
  return inputs.map((input) => ({
    op: input.op,
    ...(input.path !== undefined && input.path !== null ? { path: input.path } : {}),
    ...(input.value !== undefined && input.value !== null ? { value: input.value } : {}),
  }));
}
