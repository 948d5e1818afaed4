import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
} from '../db/database-unavailable';
import type { ScimType } from '../scim/schemas/errors';

export type { ScimType } from '../scim/schemas/errors';

/**
 * Error codes shared by the domain, the GraphQL API (`extensions.code`) and the SCIM facade,
 * which maps each code to an HTTP status.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'SSO_REQUIRED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'RATE_LIMITED'
  | 'LIMIT_EXCEEDED'
  | 'NOT_IMPLEMENTED'
  | 'UNAVAILABLE';

export interface DomainErrorDetails {
  scimType?: ScimType;
  /** The input field or SCIM attribute path the error concerns. */
  field?: string;
  /** Seconds until the caller may try again, for RATE_LIMITED and UNAVAILABLE. */
  retryAfterSeconds?: number;
}

/** A rule of the domain was broken; the message is safe to show to the caller. */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
  }

  static notFound(resource: string, id: string): DomainError {
    return new DomainError('NOT_FOUND', `${resource} '${id}' not found`);
  }

  static invalid(message: string, details: DomainErrorDetails = {}): DomainError {
    return new DomainError('BAD_USER_INPUT', message, { scimType: 'invalidValue', ...details });
  }

  static conflict(message: string, field?: string): DomainError {
    return new DomainError('CONFLICT', message, { scimType: 'uniqueness', field });
  }

  static forbidden(message = 'only organization admins may do this'): DomainError {
    return new DomainError('FORBIDDEN', message);
  }

  /** Creates the error for a database that is down, restarting or without a free connection. */
  static databaseUnavailable(): DomainError {
    return new DomainError('UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE, {
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }

  static unauthenticated(message = 'sign in or send a valid API token'): DomainError {
    return new DomainError('UNAUTHENTICATED', message);
  }
}
