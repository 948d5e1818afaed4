import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

import type { Logger } from '../../logger';

/** How long start-up waits for Redis before serving with in-memory counts meanwhile. */
const REDIS_READY_TIMEOUT_MS = 3000;

export interface LimiterOptions {
  /** Distinguishes the counters of one limiter from another's. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** The storage of rate-limit counters: process memory, or Redis shared by every instance. */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  createLimiter(options: LimiterOptions): RateLimiterAbstract;
  close(): Promise<void>;
}

export interface RateLimitStoreOptions {
  /** REDIS_URL; memory when absent. */
  redisUrl?: string;
  /** RATE_LIMIT_KEY_PREFIX, put before every Redis key. */
  keyPrefix: string;
  logger: Logger;
}

/**
 * Opens the store that the configuration selects. With Redis, each limiter falls back to
 * counting in memory while Redis cannot be reached (rate-limiter-flexible's insurance
 * limiter), so that a Redis outage neither blocks nor fails requests.
 */
export async function openRateLimitStore(options: RateLimitStoreOptions): Promise<RateLimitStore> {
  if (!options.redisUrl) {
    return {
      kind: 'memory',
      createLimiter: (limiter) =>
        new RateLimiterMemory({
          keyPrefix: limiter.name,
          points: limiter.points,
          duration: limiter.durationSeconds,
        }),
      close: async () => undefined,
    };
  }

  const client = await connectRedis(options.redisUrl, options.logger);

  return {
    kind: 'redis',
    createLimiter: (limiter) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${options.keyPrefix}:${limiter.name}`,
        points: limiter.points,
        duration: limiter.durationSeconds,
        insuranceLimiter: new RateLimiterMemory({
          keyPrefix: `${limiter.name}-insurance`,
          points: limiter.points,
          duration: limiter.durationSeconds,
        }),
      }),
    close: async () => {
      client.disconnect();
    },
  };
}

/** Connects to Redis, logging each loss and recovery of the connection once. */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  // Without an offline queue a command fails at once while Redis is away, and the
  // insurance limiter counts instead of the request waiting for a reconnect.
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let connected = false;

  client.on('ready', () => {
    connected = true;
    logger.info('rate limits: connected to Redis');
  });
  client.on('error', (error: Error) => {
    if (connected) {
      connected = false;
      logger.warn({ err: error }, 'rate limits: lost Redis; counting in memory until it returns');
    }
  });

  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), REDIS_READY_TIMEOUT_MS);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) {
    logger.warn('rate limits: Redis is not reachable yet; counting in memory until it is');
  }

  return client;
}
