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
];

/** Creates the process logger: JSON lines on stdout, or on `destination` in tests. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'roster' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
