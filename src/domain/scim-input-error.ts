import { ScimInputError } from '../scim/schemas';
import { DomainError } from './errors';

/** Reports errors of the pure SCIM modules as BAD_USER_INPUT, keeping their SCIM type. */
export function toDomainError(error: unknown): unknown {
  if (error instanceof ScimInputError) {
    return new DomainError('BAD_USER_INPUT', error.message, {
      scimType: error.scimType,
      field: error.attributePath,
    });
  }

  return error;
}
