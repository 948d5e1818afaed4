import type { EntityManager } from '@mikro-orm/postgresql';

import type { DomainDeps } from '../domain/deps';
import type { ParsedCommand } from './cli-args';

/** What every command receives. */
export interface CliContext {
  em: EntityManager;
  deps: DomainDeps;
  command: ParsedCommand;
}
