import { applyPatch, type PatchOperation } from '../../scim/patch';
import type { SchemaRegistry, ScimObject } from '../../scim/schemas';
import { toDomainError } from '../scim-input-error';
import type { UserView } from './user-view';

/**
 * Applies PATCH operations to a user's document in memory (users are small). Returns the
 * new document and the password set by the operations, if any, or undefined when nothing
 * changed.
 */
export function patchUserDocument(
  current: UserView,
  operations: PatchOperation[],
  registry: SchemaRegistry,
): { document: ScimObject; password?: string } | undefined {
  let result;
  try {
    result = applyPatch(current.document, operations, {
      registry,
      resourceType: 'User',
      acceptUndeclaredExtensions: true,
    });
  } catch (error) {
    throw toDomainError(error);
  }

  if (!result.changed) {
    return undefined;
  }

  const { password, ...document } = result.document;
  return { document, password: typeof password === 'string' ? password : undefined };
}
