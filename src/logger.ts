import pino, { type DestinationStream, type Logger } from 'pino';

import type { LogLevel } from './config';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Tokens, passwords, cookies and private keys are
 * replaced, wherever they sit in a logged object up to two levels deep.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'privateKey',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.secret',
  '*.token',
  '*.privateKey',
  '*.*.authorization',
  '*.*.cookie',
  '*.*.password',
  '*.*.secret',
  '*.*.token',
  '*.*.privateKey',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
  '*["set-cookie"]',
  '*["x-api-key"]',
];

interface DatabaseError extends Error {
  code?: string;
  sqlState?: string;
  table?: string;
  constraint?: string;
}

/**
 * Serializes errors for the log. Database errors from MikroORM carry the failed SQL with its
 * values inlined (emails, password hashes), so only their type, code and the database's own
 * message are kept.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return { message: String(error) };
  }

  const { code, sqlState, table, constraint } = error as DatabaseError;
  if (sqlState !== undefined || error.constructor.name.endsWith('Exception')) {
    const withoutDetail = error.message.split('\n - detail:')[0];
    const message = withoutDetail.slice(withoutDetail.lastIndexOf(' - ') + 3);
    return { type: error.constructor.name, code, table, constraint, message };
  }

  return pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
}

/** Creates the process logger: JSON lines on stdout, or on `destination` in tests. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'roster' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
    },
    destination,
  );
}
