import type { Config } from '../config';
import type { Logger } from '../logger';

/** Process-wide collaborators that every domain service receives. */
export interface DomainDeps {
  config: Readonly<Config>;
  logger: Logger;
  /** Current time; tests replace it to move the clock. */
  now: () => Date;
}
