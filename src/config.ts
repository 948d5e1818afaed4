import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce
  .number({ message: 'must be a whole number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be between 0 and 65535' })
  .max(65535, { message: 'must be between 0 and 65535' });

const positiveInt = z.coerce
  .number({ message: 'must be a whole number' })
  .int({ message: 'must be a whole number' })
  .positive({ message: 'must be greater than 0' });

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  message: 'must be a postgres:// or postgresql:// URL',
});

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: httpUrl.optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  ROSTER_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10000),
  ROSTER_MAX_BODY_BYTES: positiveInt.default(1_048_576),
  SCIM_MAX_RESULTS: positiveInt.default(1000),
  SCIM_MAX_PATCH_OPERATIONS: positiveInt.default(1000),
  SCIM_MAX_VALUE_BYTES: positiveInt.max(2048, { message: 'must be at most 2048' }).default(1024),
  SCIM_MAX_DISCOVERED_ATTRIBUTES: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be between 0 and 10000' })
    .max(10_000, { message: 'must be between 0 and 10000' })
    .default(100),
  ROSTER_BOOTSTRAP_ADMIN_EMAIL: z
    .email({ message: 'must be an email address' })
    .default('admin@example.com'),
  SESSION_IDLE_TIMEOUT_MINUTES: positiveInt.default(30),
  SESSION_ABSOLUTE_TIMEOUT_HOURS: positiveInt.default(12),
  SIGN_IN_MAX_FAILURES: positiveInt.default(5),
  SIGN_IN_WINDOW_SECONDS: positiveInt.default(900),
  RESYNC_BATCH_SIZE: positiveInt.max(5000, { message: 'must be at most 5000' }).default(50),
  RESYNC_POLL_SECONDS: positiveInt.default(10),
  ROSTER_EVENTS_ENABLED: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true'),
  ROSTER_EVENT_RETENTION_DAYS: positiveInt.default(30),
  ROSTER_EVENT_RETENTION_INTERVAL_SECONDS: positiveInt.default(3600),
  ROSTER_EVENT_QUEUE_SIZE: positiveInt.default(10_000),
  ROSTER_EVENT_FLUSH_INTERVAL_MS: positiveInt.default(1000),
  METRICS_TOKEN: z
    .string()
    .min(16, { message: 'must have at least 16 characters' })
    .max(1024, { message: 'must have at most 1024 characters' })
    .optional(),
  ROSTER_BOOTSTRAP_SCIM_TOKEN: z
    .string()
    .min(32, { message: 'must have at least 32 characters' })
    .max(1024, { message: 'must have at most 1024 characters' })
    .optional(),
});

/** Variables whose values never appear in error messages. */
const SECRET_VARIABLES = new Set(['ROSTER_BOOTSTRAP_SCIM_TOKEN', 'DATABASE_URL', 'METRICS_TOKEN']);

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** Base URL that clients use to reach Roster, without a trailing slash. */
  publicUrl: string;
  /** Whether `publicUrl` was derived from `PORT` because `PUBLIC_URL` is unset. */
  publicUrlFromPort: boolean;
  /** A PostgreSQL server, or the embedded database stored in `dataDir` when absent. */
  databaseUrl?: string;
  databasePoolSize: number;
  dataDir: string;
  logLevel: LogLevel;
  shutdownTimeoutMs: number;
  /** Largest accepted SCIM or GraphQL request body, in bytes. */
  maxBodyBytes: number;
  /** Largest page of a SCIM list or search (`filter.maxResults`). */
  scimMaxResults: number;
  /** Most operations accepted in one SCIM PATCH request. */
  scimMaxPatchOperations: number;
  /** Maximum size of a string value in a SCIM attribute, in UTF-8 bytes. */
  scimMaxValueBytes: number;
  /**
   * Custom extension attributes that SCIM requests may declare automatically per organization,
   * unless the organization sets its own limit; 0 turns discovery off.
   */
  scimMaxDiscoveredAttributes: number;
  /** A session ends after this many minutes without a request. */
  sessionIdleTimeoutMinutes: number;
  /** A session ends this many hours after sign-in, however active. */
  sessionAbsoluteTimeoutHours: number;
  /** Failed password sign-ins per account and client address before sign-in is blocked. */
  signInMaxFailures: number;
  /** Window in seconds over which failed sign-ins count; blocked sign-in waits for its end. */
  signInWindowSeconds: number;
  /** Users whose records one resync transaction recomputes. */
  resyncBatchSize: number;
  /** Seconds between looks for resync jobs that no request announced, such as after a restart. */
  resyncPollSeconds: number;
  /** Email and userName of the admin created on first start. */
  bootstrapAdminEmail: string;
  /** Secret of a SCIM token created on first start, for automated set-ups. */
  bootstrapScimToken?: string;
  /** Whether SCIM requests are recorded in the provisioning log. */
  eventsEnabled: boolean;
  /** Provisioning events older than this many days are deleted. */
  eventRetentionDays: number;
  /** Seconds between two runs of the provisioning-event retention job. */
  eventRetentionIntervalSeconds: number;
  /** Most provisioning events of reads and rejected requests waiting in memory. */
  eventQueueSize: number;
  /** Milliseconds between writes of queued provisioning events. */
  eventFlushIntervalMs: number;
  /** Bearer token that `GET /metrics` requires; open when absent. */
  metricsToken?: string;
}

/** Raised when environment variables are invalid; the message is one line naming each one. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates Roster's configuration. This module is the only reader of `process.env`.
 * Empty variables count as unset, so `PORT=` falls back to the default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);

  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = SECRET_VARIABLES.has(name) ? '(value hidden)' : JSON.stringify(env[name] ?? '');
      return `${name}=${shown} ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;
  const publicUrl = values.PUBLIC_URL ?? `http://localhost:${values.PORT}`;

  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    publicUrlFromPort: values.PUBLIC_URL === undefined,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    dataDir: path.resolve(values.ROSTER_DATA_DIR),
    logLevel: values.LOG_LEVEL,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    maxBodyBytes: values.ROSTER_MAX_BODY_BYTES,
    scimMaxResults: values.SCIM_MAX_RESULTS,
    scimMaxPatchOperations: values.SCIM_MAX_PATCH_OPERATIONS,
    scimMaxValueBytes: values.SCIM_MAX_VALUE_BYTES,
    scimMaxDiscoveredAttributes: values.SCIM_MAX_DISCOVERED_ATTRIBUTES,
    sessionIdleTimeoutMinutes: values.SESSION_IDLE_TIMEOUT_MINUTES,
    sessionAbsoluteTimeoutHours: values.SESSION_ABSOLUTE_TIMEOUT_HOURS,
    signInMaxFailures: values.SIGN_IN_MAX_FAILURES,
    signInWindowSeconds: values.SIGN_IN_WINDOW_SECONDS,
    resyncBatchSize: values.RESYNC_BATCH_SIZE,
    resyncPollSeconds: values.RESYNC_POLL_SECONDS,
    bootstrapAdminEmail: values.ROSTER_BOOTSTRAP_ADMIN_EMAIL,
    bootstrapScimToken: values.ROSTER_BOOTSTRAP_SCIM_TOKEN,
    eventsEnabled: values.ROSTER_EVENTS_ENABLED === 'true',
    eventRetentionDays: values.ROSTER_EVENT_RETENTION_DAYS,
    eventRetentionIntervalSeconds: values.ROSTER_EVENT_RETENTION_INTERVAL_SECONDS,
    eventQueueSize: values.ROSTER_EVENT_QUEUE_SIZE,
    eventFlushIntervalMs: values.ROSTER_EVENT_FLUSH_INTERVAL_MS,
    metricsToken: values.METRICS_TOKEN,
  });
}

/**
 * Returns the configuration with the default public URL pointing at the port the server bound,
 * which differs from `PORT` when `PORT` is 0.
 */
export function withBoundPort(config: Readonly<Config>, port: number): Readonly<Config> {
  if (!config.publicUrlFromPort || port === config.port) {
    return config;
  }

  return Object.freeze({ ...config, publicUrl: `http://localhost:${port}` });
}
