import { BurstyRateLimiter, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { RateLimitStore } from './rate-limit-store';

/** The window in seconds over which SCIM_RATE_LIMIT_BURST extra requests are counted. */
export const BURST_WINDOW_SECONDS = 10;

export type RateLimitSettings = Pick<
  Config,
  'scimRateLimitPerSecond' | 'scimRateLimitBurst' | 'authFailureMax' | 'authFailureWindowSeconds'
>;

/**
 * The request budgets that Roster enforces before doing any work for a request: SCIM
 * requests per token, and failed bearer-token authentications per client address.
 * Each method returns the seconds to wait before retrying, or 0 when the request may go on.
 */
export class RateLimits {
  private readonly scimRequests: BurstyRateLimiter;
  private readonly authFailures: RateLimiterAbstract;

  constructor(
    store: RateLimitStore,
    private readonly settings: RateLimitSettings,
    private readonly logger: Logger,
  ) {
    this.scimRequests = new BurstyRateLimiter(
      store.createLimiter({
        name: 'scim-token',
        points: settings.scimRateLimitPerSecond,
        durationSeconds: 1,
      }),
      store.createLimiter({
        name: 'scim-token-burst',
        points: settings.scimRateLimitBurst,
        durationSeconds: BURST_WINDOW_SECONDS,
      }),
    );
    this.authFailures = store.createLimiter({
      name: 'auth-failure',
      points: settings.authFailureMax,
      durationSeconds: settings.authFailureWindowSeconds,
    });
  }

  /** Counts one SCIM request of a token; returns the wait when the token is over budget. */
  async consumeScimRequest(tokenId: string): Promise<number> {
    try {
      await this.scimRequests.consume(tokenId);
      return 0;
    } catch (rejection) {
      return this.waitOf(rejection, 'SCIM request limit');
    }
  }

  /** Returns the wait of a client address that failed to authenticate too often, or 0. */
  async authFailureWait(address: string): Promise<number> {
    try {
      const counted = await this.authFailures.get(address);
      if (!counted || counted.consumedPoints < this.settings.authFailureMax) {
        return 0;
      }
      return secondsOf(counted.msBeforeNext);
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limits: reading failed authentications failed');
      return 0;
    }
  }

  /** Counts one failed authentication from a client address. */
  async recordAuthFailure(address: string): Promise<void> {
    try {
      await this.authFailures.consume(address);
    } catch (rejection) {
      // consume() rejects once the budget is spent; the failure is counted either way.
      if (!(rejection instanceof RateLimiterRes)) {
        this.logger.warn(
          { err: rejection },
          'rate limits: counting a failed authentication failed',
        );
      }
    }
  }

  /** Describes the SCIM request budget for a 429 response. */
  scimLimitMessage(waitSeconds: number): string {
    return (
      `too many SCIM requests with this token: the limit is ` +
      `${this.settings.scimRateLimitPerSecond} a second (SCIM_RATE_LIMIT_PER_SECOND) plus ` +
      `${this.settings.scimRateLimitBurst} more per ${BURST_WINDOW_SECONDS} seconds ` +
      `(SCIM_RATE_LIMIT_BURST); retry after ${waitSeconds} seconds`
    );
  }

  /** Describes the failed-authentication budget for a 429 response. */
  authFailureMessage(waitSeconds: number): string {
    return (
      `too many failed authentications from this address: the limit is ` +
      `${this.settings.authFailureMax} (AUTH_FAILURE_MAX) per ` +
      `${this.settings.authFailureWindowSeconds} seconds (AUTH_FAILURE_WINDOW_SECONDS); ` +
      `retry after ${waitSeconds} seconds`
    );
  }

  /** Returns the wait of a rejection, or 0 after a store error, which must not block requests. */
  private waitOf(rejection: unknown, limit: string): number {
    if (rejection instanceof RateLimiterRes) {
      return secondsOf(rejection.msBeforeNext);
    }

    this.logger.warn({ err: rejection, limit }, 'rate limits: counting a request failed');
    return 0;
  }
}

/** Whole seconds for `Retry-After`, at least 1. */
function secondsOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
