import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

import { MAX_DEPTH_CEILING } from './scim/filter/limits';

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

const redisUrl = z.url({
  protocol: /^rediss?$/,
  message: 'must be a redis:// or rediss:// URL',
});

/** A comma-separated list of origins such as `https://app.example.com`, without paths. */
const originList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .refine((origins) => origins.every(isOrigin), {
    message: 'must be a comma-separated list of origins such as https://app.example.com',
  });

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === text;
  } catch {
    return false;
  }
}

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
  DATABASE_ACQUIRE_TIMEOUT_MS: positiveInt.default(5000),
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
  SCIM_FILTER_MAX_LENGTH: positiveInt.default(4096),
  SCIM_FILTER_MAX_DEPTH: positiveInt
    .max(MAX_DEPTH_CEILING, { message: `must be at most ${MAX_DEPTH_CEILING}` })
    .default(32),
  GRAPHQL_MAX_DEPTH: positiveInt.default(10),
  GRAPHQL_MAX_COMPLEXITY: positiveInt.default(50_000),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt.default(10_000),
  ROSTER_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  REDIS_URL: redisUrl.optional(),
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('roster'),
  SCIM_RATE_LIMIT_PER_SECOND: positiveInt.default(100),
  SCIM_RATE_LIMIT_BURST: positiveInt.default(1000),
  AUTH_FAILURE_MAX: positiveInt.default(30),
  AUTH_FAILURE_WINDOW_SECONDS: positiveInt.default(60),
  CORS_ALLOWED_ORIGINS: originList.default([]),
  TRUST_PROXY_HOPS: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be 0 or more' })
    .default(0),
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
  SAML_CLOCK_SKEW_SECONDS: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be between 0 and 600' })
    .max(600, { message: 'must be between 0 and 600' })
    .default(120),
  SAML_SP_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  SAML_SP_CERTIFICATE_FILE: z.string().min(1).optional(),
  ROSTER_BOOTSTRAP_SCIM_TOKEN: z
    .string()
    .min(32, { message: 'must have at least 32 characters' })
    .max(1024, { message: 'must have at most 1024 characters' })
    .optional(),
  ROSTER_CONSOLE_DIR: z.string().min(1).optional(),
});

/** Variables whose values never appear in error messages. */
const SECRET_VARIABLES = new Set([
  'ROSTER_BOOTSTRAP_SCIM_TOKEN',
  'DATABASE_URL',
  'METRICS_TOKEN',
  'REDIS_URL',
]);

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The key pair Roster signs SAML AuthnRequests with, both in PEM. */
export interface ServiceProviderKey {
  privateKey: string;
  certificate: string;
}

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
  /**
   * Maximum time in ms that a query waits for a pooled connection, including opening one,
   * before the request gets a 503 response.
   */
  databaseAcquireTimeoutMs: number;
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
  /** Longest accepted SCIM filter, in characters. */
  scimFilterMaxLength: number;
  /** Deepest nesting of parentheses, `not (…)` and `[…]` in a SCIM filter. */
  scimFilterMaxDepth: number;
  /** Deepest field nesting of a `/graphql` operation. */
  graphqlMaxDepth: number;
  /** Highest estimated cost of a `/graphql` operation (see graphql/query-limits.ts). */
  graphqlMaxComplexity: number;
  /** PostgreSQL `statement_timeout` of every connection, in milliseconds. */
  databaseStatementTimeoutMs: number;
  /** Time in milliseconds after which a request still running gets status 503. */
  requestTimeoutMs: number;
  /** Redis server that rate-limit counters live in, shared by every instance; memory if unset. */
  redisUrl?: string;
  /** Prefix of the rate-limit keys, so that several deployments can share one Redis. */
  rateLimitKeyPrefix: string;
  /** SCIM requests per second that one token may send on average. */
  scimRateLimitPerSecond: number;
  /** Extra SCIM requests per token allowed in any 10-second window above the steady rate. */
  scimRateLimitBurst: number;
  /** Failed bearer-token authentications per client address within the window. */
  authFailureMax: number;
  authFailureWindowSeconds: number;
  /** Origins that browsers may call `/graphql` from, besides PUBLIC_URL's own. */
  corsAllowedOrigins: readonly string[];
  /**
   * Reverse proxies in front of Roster whose `X-Forwarded-For` entries are trusted to find
   * the client address that rate limits count by; 0 uses the connection's address.
   */
  trustProxyHops: number;
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
  /** Seconds of clock difference tolerated on SAML NotBefore and NotOnOrAfter. */
  samlClockSkewSeconds: number;
  /** Signs AuthnRequests and appears in the service-provider metadata when set. */
  samlServiceProviderKey?: ServiceProviderKey;
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
  /** Folder of the built admin console, served at `/admin`. */
  consoleDir: string;
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
    databaseAcquireTimeoutMs: values.DATABASE_ACQUIRE_TIMEOUT_MS,
    dataDir: path.resolve(values.ROSTER_DATA_DIR),
    logLevel: values.LOG_LEVEL,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    maxBodyBytes: values.ROSTER_MAX_BODY_BYTES,
    scimMaxResults: values.SCIM_MAX_RESULTS,
    scimMaxPatchOperations: values.SCIM_MAX_PATCH_OPERATIONS,
    scimMaxValueBytes: values.SCIM_MAX_VALUE_BYTES,
    scimMaxDiscoveredAttributes: values.SCIM_MAX_DISCOVERED_ATTRIBUTES,
    scimFilterMaxLength: values.SCIM_FILTER_MAX_LENGTH,
    scimFilterMaxDepth: values.SCIM_FILTER_MAX_DEPTH,
    graphqlMaxDepth: values.GRAPHQL_MAX_DEPTH,
    graphqlMaxComplexity: values.GRAPHQL_MAX_COMPLEXITY,
    databaseStatementTimeoutMs: values.DATABASE_STATEMENT_TIMEOUT_MS,
    requestTimeoutMs: values.ROSTER_REQUEST_TIMEOUT_MS,
    redisUrl: values.REDIS_URL,
    rateLimitKeyPrefix: values.RATE_LIMIT_KEY_PREFIX,
    scimRateLimitPerSecond: values.SCIM_RATE_LIMIT_PER_SECOND,
    scimRateLimitBurst: values.SCIM_RATE_LIMIT_BURST,
    authFailureMax: values.AUTH_FAILURE_MAX,
    authFailureWindowSeconds: values.AUTH_FAILURE_WINDOW_SECONDS,
    corsAllowedOrigins: Object.freeze(values.CORS_ALLOWED_ORIGINS),
    trustProxyHops: values.TRUST_PROXY_HOPS,
    sessionIdleTimeoutMinutes: values.SESSION_IDLE_TIMEOUT_MINUTES,
    sessionAbsoluteTimeoutHours: values.SESSION_ABSOLUTE_TIMEOUT_HOURS,
    signInMaxFailures: values.SIGN_IN_MAX_FAILURES,
    signInWindowSeconds: values.SIGN_IN_WINDOW_SECONDS,
    resyncBatchSize: values.RESYNC_BATCH_SIZE,
    resyncPollSeconds: values.RESYNC_POLL_SECONDS,
    samlClockSkewSeconds: values.SAML_CLOCK_SKEW_SECONDS,
    samlServiceProviderKey: readServiceProviderKey(
      values.SAML_SP_PRIVATE_KEY_FILE,
      values.SAML_SP_CERTIFICATE_FILE,
    ),
    bootstrapAdminEmail: values.ROSTER_BOOTSTRAP_ADMIN_EMAIL,
    bootstrapScimToken: values.ROSTER_BOOTSTRAP_SCIM_TOKEN,
    eventsEnabled: values.ROSTER_EVENTS_ENABLED === 'true',
    eventRetentionDays: values.ROSTER_EVENT_RETENTION_DAYS,
    eventRetentionIntervalSeconds: values.ROSTER_EVENT_RETENTION_INTERVAL_SECONDS,
    eventQueueSize: values.ROSTER_EVENT_QUEUE_SIZE,
    eventFlushIntervalMs: values.ROSTER_EVENT_FLUSH_INTERVAL_MS,
    metricsToken: values.METRICS_TOKEN,
    consoleDir: path.resolve(values.ROSTER_CONSOLE_DIR ?? defaultConsoleDir()),
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

/**
 * Reads the service provider's signing key pair from its two PEM files and checks that the
 * certificate belongs to the key. Errors name the variable and the file, never the key.
 */
function readServiceProviderKey(
  keyFile: string | undefined,
  certificateFile: string | undefined,
): ServiceProviderKey | undefined {
  if (!keyFile && !certificateFile) {
    return undefined;
  }
  if (!keyFile || !certificateFile) {
    throw new ConfigError(
      'invalid configuration: SAML_SP_PRIVATE_KEY_FILE and SAML_SP_CERTIFICATE_FILE must be ' +
        'set together',
    );
  }

  const privateKey = readPemFile('SAML_SP_PRIVATE_KEY_FILE', keyFile);
  const certificate = readPemFile('SAML_SP_CERTIFICATE_FILE', certificateFile);

  let matches: boolean;
  try {
    matches = new X509Certificate(certificate).checkPrivateKey(createPrivateKey(privateKey));
  } catch (error) {
    throw new ConfigError(
      `invalid configuration: SAML_SP_PRIVATE_KEY_FILE=${JSON.stringify(keyFile)} or ` +
        `SAML_SP_CERTIFICATE_FILE=${JSON.stringify(certificateFile)} is not valid PEM ` +
        `(${(error as Error).message})`,
    );
  }
  if (!matches) {
    throw new ConfigError(
      `invalid configuration: SAML_SP_CERTIFICATE_FILE=${JSON.stringify(certificateFile)} ` +
        'does not belong to the key in SAML_SP_PRIVATE_KEY_FILE',
    );
  }

  return { privateKey, certificate };
}

function readPemFile(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `invalid configuration: ${variable}=${JSON.stringify(file)} cannot be read ` +
        `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/**
 * Returns `dist/console` of the package this module belongs to. The module runs from `src/`
 * under Jest and from `dist/src/` once built, so the package root is found by walking up to
 * the nearest package.json.
 */
function defaultConsoleDir(): string {
  let folder = __dirname;

  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) {
      return path.resolve('dist', 'console');
    }
    folder = parent;
  }

  return path.join(folder, 'dist', 'console');
}
