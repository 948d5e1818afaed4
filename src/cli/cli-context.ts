import type { EntityManager } from '@mikro-orm/postgresql';

import type { DomainDeps } from '../domain/deps';
import type { ParsedCommand } from './cli-args';

/** Context passed to every command. */
export interface CliContext {
  em: EntityManager;
  deps: DomainDeps;
  command: ParsedCommand;
}
