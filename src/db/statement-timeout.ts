/** PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout` (query_canceled). */
const QUERY_CANCELED = '57014';

/** Seconds that a client is asked to wait after a statement timed out. */
export const STATEMENT_TIMEOUT_RETRY_SECONDS = 5;

/** Returns whether `error` is PostgreSQL cancelling a statement past `statement_timeout`. */
export function isStatementTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === QUERY_CANCELED
  );
}
