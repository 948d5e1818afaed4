import { ENTERPRISE_USER_SCHEMA, type ScimObject, type ScimValue } from '../../scim/schemas';
import type { UserInput } from '../inputs/user.input';

/** Copies the defined, non-null fields of a GraphQL input object into a plain object. */
export function definedFields(input: object): ScimObject {
  const result: ScimObject = {};

  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (Array.isArray(value)) {
      result[key] = value.map((item) =>
        typeof item === 'object' && item !== null ? definedFields(item) : (item as ScimValue),
      );
      continue;
    }

    result[key] = typeof value === 'object' ? definedFields(value) : (value as ScimValue);
  }

  return result;
}

/** Turns a GraphQL UserInput into a SCIM User body, which the domain then normalizes. */
export function userInputToResource(input: UserInput): ScimObject {
  const { enterprise, extensions, ...core } = input;
  const resource = definedFields(core);

  if (enterprise) {
    const { managerId, ...attributes } = enterprise;
    const values = definedFields(attributes);
    if (managerId) {
      values.manager = { value: managerId };
    }
    resource[ENTERPRISE_USER_SCHEMA] = values;
  }

  for (const [urn, values] of Object.entries(extensions ?? {})) {
    resource[urn] = values as ScimValue;
  }

  return resource;
}
