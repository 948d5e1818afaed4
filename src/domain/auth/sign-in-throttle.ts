import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface SignInThrottleOptions {
  /** Failed sign-ins per account and client address within `windowSeconds`. */
  maxFailures: number;
  windowSeconds: number;
  /**
   * Creates the counters; in process memory when absent. `createApp` passes the rate-limit
   * store, which is Redis shared by every instance when REDIS_URL is set.
   */
  createLimiter?: (options: {
    name: string;
    points: number;
    durationSeconds: number;
  }) => RateLimiterAbstract;
}

/** A client address may fail this many times more often than one account from it. */
const ADDRESS_FACTOR = 10;

/**
 * Counts failed password sign-ins. Once an account has failed `maxFailures` times from one
 * client address within the window, or the address has failed ten times that often for any
 * accounts, further attempts are rejected until the window ends, without checking the
 * password. Counts in memory are per process and lost on restart; counts in Redis are not.
 */
export class SignInThrottle {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(private readonly options: SignInThrottleOptions) {
    const create = options.createLimiter ?? createMemoryLimiter;
    this.byAccount = create({
      name: 'sign-in-account',
      points: options.maxFailures,
      durationSeconds: options.windowSeconds,
    });
    this.byAddress = create({
      name: 'sign-in-address',
      points: options.maxFailures * ADDRESS_FACTOR,
      durationSeconds: options.windowSeconds,
    });
  }

  /** Returns the seconds until `account` may try again from `address`, or 0 when it may now. */
  async secondsUntilAllowed(account: string, address: string): Promise<number> {
    const [byAccount, byAddress] = await Promise.all([
      this.byAccount.get(accountKey(account, address)),
      this.byAddress.get(address),
    ]);
    let waitMs = 0;

    if (byAccount && byAccount.consumedPoints >= this.options.maxFailures) {
      waitMs = Math.max(waitMs, byAccount.msBeforeNext);
    }
    if (byAddress && byAddress.consumedPoints >= this.options.maxFailures * ADDRESS_FACTOR) {
      waitMs = Math.max(waitMs, byAddress.msBeforeNext);
    }

    return Math.ceil(waitMs / 1000);
  }

  /** Counts one failed attempt. */
  async recordFailure(account: string, address: string): Promise<void> {
    // consume() rejects once the points are used up; the count is kept either way.
    await Promise.allSettled([
      this.byAccount.consume(accountKey(account, address)),
      this.byAddress.consume(address),
    ]);
  }

  /** Forgets the account's failures after a successful sign-in from the address. */
  async recordSuccess(account: string, address: string): Promise<void> {
    await this.byAccount.delete(accountKey(account, address));
  }
}

function createMemoryLimiter(options: {
  name: string;
  points: number;
  durationSeconds: number;
}): RateLimiterAbstract {
  return new RateLimiterMemory({
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSeconds,
  });
}

function accountKey(account: string, address: string): string {
  return `${account}\n${address}`;
}
