import { ENTERPRISE_USER_SCHEMA, isScimObject, type ScimObject } from '../schemas';

/**
 * Turns a canonical User document into the GraphQL `UserInput`: the enterprise extension
 * moves to `enterprise` (with `managerId`), custom extensions to `extensions`.
 */
export function toUserInput(document: ScimObject): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const extensions: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(document)) {
    if (key === ENTERPRISE_USER_SCHEMA && isScimObject(value)) {
      const { manager, ...rest } = value;
      input.enterprise = {
        ...rest,
        ...(isScimObject(manager) && typeof manager.value === 'string'
          ? { managerId: manager.value }
          : {}),
      };
      continue;
    }
    if (key.startsWith('urn:')) {
      extensions[key] = value;
      continue;
    }

    input[key] = value;
  }

  if (Object.keys(extensions).length > 0) {
    input.extensions = extensions;
  }

  return input;
}
