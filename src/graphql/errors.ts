import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

import { isStatementTimeout, STATEMENT_TIMEOUT_RETRY_SECONDS } from '../db/statement-timeout';
import { isDatabaseUnavailable } from '../db/database-unavailable';
import { DomainError } from '../domain/errors';

interface ValidationProblem {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationProblem[];
}

/** Finds the first failed constraint, with the dotted path of the input field it concerns. */
function firstProblem(
  problems: ValidationProblem[],
  prefix = '',
): { field: string; message: string } | undefined {
  for (const problem of problems) {
    const field = prefix ? `${prefix}.${problem.property}` : problem.property;
    const message = Object.values(problem.constraints ?? {})[0];

    if (message) {
      return { field, message };
    }

    const nested = firstProblem(problem.children ?? [], field);
    if (nested) {
      return nested;
    }
  }

  return undefined;
}

/**
 * Finds the input field named by graphql-js's variable coercion message, such as `Variable
 * "$input" got invalid value 7 at "input.title"; …` (field `title`), or the variable itself
 * when the message names no path (field `id` for `$id`).
 */
function coercionField(message: string): string | undefined {
  const path = /^Variable "\$\w+" got invalid value .*? at "([^"]+)"/.exec(message)?.[1];
  if (path) {
    return path.split('.').slice(1).join('.') || path;
  }

  return /^Variable "\$(\w+)"/.exec(message)?.[1];
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError ? (error.originalError ?? error) : error;
}

/**
 * Whether an error is the caller's fault, a rule of the domain or an unavailable database
 * (the code that sends the 503 response logs it once per request), as opposed to a failure
 * of the server that must be logged with its stack.
 */
export function isExpectedError(error: unknown): boolean {
  const original = unwrap(error);

  if (original instanceof DomainError || original instanceof ArgumentValidationError) {
    return true;
  }

  if (isDatabaseUnavailable(original)) {
    return true;
  }

  return original instanceof GraphQLError && original.extensions?.code !== undefined;
}

/**
 * Turns any error raised while resolving into what the caller may see. Domain errors and input
 * validation keep their message and get `extensions.code`; anything else becomes
 * INTERNAL_SERVER_ERROR without details.
 */
export function formatResolverError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrap(error);

  if (!(original instanceof DomainError) && isDatabaseUnavailable(original)) {
    const unavailable = DomainError.databaseUnavailable();
    return {
      message: unavailable.message,
      path: formatted.path,
      extensions: { code: unavailable.code, ...unavailable.details },
    };
  }

  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, ...original.details },
    };
  }

  if (original instanceof ArgumentValidationError) {
    const problems = original.extensions.validationErrors as ValidationProblem[];
    const problem = firstProblem(problems);

    return {
      message: problem ? `invalid ${problem.field}: ${problem.message}` : original.message,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', field: problem?.field },
    };
  }

  const code = formatted.extensions?.code;
  if (code === 'BAD_USER_INPUT') {
    const field = coercionField(formatted.message);
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code, ...(field ? { field } : {}) },
    };
  }
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { message: formatted.message, locations: formatted.locations, extensions: { code } };
  }

  if (isStatementTimeout(original)) {
    return {
      message:
        'a database statement ran longer than DATABASE_STATEMENT_TIMEOUT_MS and was cancelled; ' +
        `retry after ${STATEMENT_TIMEOUT_RETRY_SECONDS} seconds`,
      path: formatted.path,
      extensions: { code: 'UNAVAILABLE', retryAfterSeconds: STATEMENT_TIMEOUT_RETRY_SECONDS },
    };
  }

  return {
    message: 'internal error; the server log has the details',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
