import type { GraphQLFormattedError } from 'graphql';

import type { ScimType } from '../schemas';
import { ScimError } from './scim-error';

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  LIMIT_EXCEEDED: 400,
  NOT_IMPLEMENTED: 501,
  UNAVAILABLE: 503,
};

/**
 * Maps the first error of a GraphQL operation to the SCIM error the client receives: the
 * status follows `extensions.code`, `scimType` comes from the domain when it set one.
 */
export function toScimError(errors: readonly GraphQLFormattedError[]): ScimError {
  const error = errors[0];
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const status = Number(error.extensions?.status) || STATUS_BY_CODE[code] || 500;
  const scimType = error.extensions?.scimType as ScimType | undefined;
  const headers: Record<string, string> = {};

  if (typeof error.extensions?.retryAfterSeconds === 'number') {
    headers['Retry-After'] = String(error.extensions.retryAfterSeconds);
  }

  if (status === 400) {
    return new ScimError(400, error.message, scimType ?? 'invalidValue', headers);
  }
  if (status === 409) {
    return new ScimError(409, error.message, scimType ?? 'uniqueness', headers);
  }

  return new ScimError(status, error.message, status === 500 ? undefined : scimType, headers);
}
