import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface SignInThrottleOptions {
  /** Failed sign-ins per account and client address within `windowSeconds`. */
  maxFailures: number;
  windowSeconds: number;
}

/** A client address may fail this many times more often than one account from it. */
const ADDRESS_FACTOR = 10;

/**
 * Counts failed password sign-ins in process memory. Once an account has failed
 * `maxFailures` times from one client address within the window, or the address has failed
 * ten times that often for any accounts, further attempts are rejected until the window ends,
 * without checking the password.
 *
 * NOTE: counts live in this process only; behind a load balancer each instance counts on its
 * own, and a restart forgets them.
 */
export class SignInThrottle {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(private readonly options: SignInThrottleOptions) {
    this.byAccount = new RateLimiterMemory({
      keyPrefix: 'sign-in-account',
      points: options.maxFailures,
      duration: options.windowSeconds,
    });
    this.byAddress = new RateLimiterMemory({
      keyPrefix: 'sign-in-address',
      points: options.maxFailures * ADDRESS_FACTOR,
      duration: options.windowSeconds,
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

function accountKey(account: string, address: string): string {
  return `${account}\n${address}`;
}
