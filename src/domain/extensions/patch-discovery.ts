import type { PatchOperation } from '../../scim/patch';
import { isScimObject, type SchemaRegistry } from '../../scim/schemas';

/** A custom User extension URN, optionally followed by `:<attribute path>`. */
const CUSTOM_PATH =
  /^(urn:ietf:params:scim:schemas:extension:(?!enterprise:)[A-Za-z0-9_-]+:2\.0:User)(?::(.+))?$/i;

/**
 * Checks whether PATCH operations write a custom extension attribute that the registry does
 * not declare, so that the write will declare it. The user service then takes the schema
 * lock before the user's row lock, in the order that POST, PUT and admin changes take them.
 */
export function writesUndeclaredAttribute(
  operations: readonly PatchOperation[],
  registry: SchemaRegistry,
): boolean {
  return operations.some((operation) => {
    if (operation.op === 'remove') {
      return false;
    }

    if (operation.path !== undefined) {
      return namesUndeclared(operation.path, operation.value, registry);
    }

    const value = operation.value;
    return (
      isScimObject(value) &&
      Object.entries(value).some(([key, item]) => namesUndeclared(key, item, registry))
    );
  });
}

function namesUndeclared(path: string, value: unknown, registry: SchemaRegistry): boolean {
  const match = CUSTOM_PATH.exec(path);
  if (!match) {
    return false;
  }

  const [, urn, attributePath] = match;
  const names =
    attributePath === undefined
      ? Object.keys(isScimObject(value) ? value : {})
      : [attributePath.split(/[.[]/)[0]];
  const schema = registry.extensionSchema('User', urn);

  return names.some(
    (name) =>
      !schema?.attributes.some((attribute) => attribute.name.toLowerCase() === name.toLowerCase()),
  );
}
