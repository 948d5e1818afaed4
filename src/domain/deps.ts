import type { Config } from '../config';
import type { Logger } from '../logger';
import type { SignInThrottle } from './auth/sign-in-throttle';

/** Process-wide collaborators that every domain service receives. */
export interface DomainDeps {
  config: Readonly<Config>;
  logger: Logger;
  /** Current time; tests replace it to move the clock. */
  now: () => Date;
  /** Counts failed password sign-ins; one per process, so that counts outlive requests. */
  signInThrottle?: SignInThrottle;
}
