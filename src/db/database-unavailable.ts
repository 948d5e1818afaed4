/**
 * Seconds that a client is asked to wait (`Retry-After`) when the database cannot serve a
 * request. NOTE: an estimate of a PostgreSQL restart on one host; a fail-over may take longer.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Message shown to callers when the database is down or every pooled connection is busy. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'the database is unavailable or busy; retry after the number of seconds in Retry-After. ' +
  'A write that got this response was applied completely or not at all';

/** Socket errors from `pg` when the server is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATE codes that mean the server cannot serve this session. Class 08
 * (connection exception) is matched by its prefix. The server sends 57P01-57P03 while it shuts
 * down, crashes or starts, and 53300 when it has too many connections.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Messages of `pg` and knex errors that carry no code. MikroORM puts the SQL statement in
 * front of the driver's message, so the patterns are not anchored.
 */
const MESSAGE_PATTERNS = [
  /Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /Knex: Timeout acquiring a connection/,
  /Too many connections/,
];

function isUnavailableCause(error: object): boolean {
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };

  if (name === 'KnexTimeoutError' || name === 'ConnectionException') {
    return true;
  }

  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
      return true;
    }
  }

  return typeof message === 'string' && MESSAGE_PATTERNS.some((pattern) => pattern.test(message));
}

/** Returns the errors that `error` wraps: `cause`, `originalError`, `errors` of an aggregate. */
function wrappedErrors(error: object): unknown[] {
  const { cause, originalError, errors } = error as {
    cause?: unknown;
    originalError?: unknown;
    errors?: unknown;
  };

  return [cause, originalError, ...(Array.isArray(errors) ? errors : [])];
}

/**
 * Returns whether an error means that the database could not run the query at all: the
 * server is down, restarting or unreachable, the connection broke, or no pooled connection
 * became free within the acquire timeout. Such failures are worth retrying later, unlike
 * constraint violations or bugs. Wrapped errors (MikroORM, GraphQL, aggregates) are searched
 * up to a small depth.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) {
    return false;
  }

  if (isUnavailableCause(error)) {
    return true;
  }

  return wrappedErrors(error).some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Minimum time between two warnings about an unavailable database, in ms. */
const WARNING_INTERVAL_MS = 10_000;

let lastWarningAt = Number.NEGATIVE_INFINITY;
let suppressedWarnings = 0;

/**
 * Logs a failed request's unavailable-database error as a warning, at most once every 10
 * seconds per process, so that an outage under load does not flood the log. The next warning
 * carries the number of failures left out since the previous one, and each request's own
 * access log line still records its 503.
 */
export function warnDatabaseUnavailable(
  logger: { warn(fields: object, message: string): void },
  error: unknown,
  fields: object,
  message: string,
): void {
  const now = Date.now();
  if (now - lastWarningAt < WARNING_INTERVAL_MS) {
    suppressedWarnings += 1;
    return;
  }

  logger.warn({ err: error, ...fields, suppressedSinceLastWarning: suppressedWarnings }, message);
  lastWarningAt = now;
  suppressedWarnings = 0;
}
