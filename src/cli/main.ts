#!/usr/bin/env node
import 'reflect-metadata';

import pino from 'pino';

import { ConfigError, loadConfig } from '../config';
import { DatabaseStartError, openDatabase } from '../db/database';
import { DomainError } from '../domain/errors';
import { createLogger } from '../logger';
import { parseCommandLine, requireOption, type ParsedCommand } from './cli-args';
import type { CliContext } from './cli-context';
import { createOrganization } from './org.command';
import { createToken, listTokens, revokeToken } from './token.command';
import { USAGE, UsageError } from './usage';

interface Command {
  run(context: CliContext): Promise<void>;
  /** Options checked before the database is opened, so that typos fail fast. */
  required: string[];
}

const COMMANDS: Record<string, Command> = {
  'org create': { run: createOrganization, required: ['name', 'admin-email'] },
  'token create': { run: createToken, required: ['org', 'title', 'user', 'scope'] },
  'token list': { run: listTokens, required: ['org'] },
  'token revoke': { run: revokeToken, required: ['org'] },
};

/**
 * `roster`: administers organizations and tokens from scripts, on the database that Roster's
 * configuration selects. Exits with 0 on success, 1 when the operation failed, 2 on a wrong
 * command line.
 */
async function main(argv: string[]): Promise<number> {
  let command: ParsedCommand;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    return usageFailure(error as UsageError);
  }

  if (command.help || command.command.length === 0) {
    process.stdout.write(USAGE);
    return 0;
  }

  const selected = COMMANDS[command.command.join(' ')];
  if (!selected) {
    return usageFailure(new UsageError(`unknown command '${command.command.join(' ')}'`));
  }
  for (const name of selected.required) {
    requireOption(command, name);
  }

  const config = loadConfig();
  // Logs go to standard error, so standard output carries only the command's result.
  const logger = createLogger('warn', pino.destination(2));
  const database = await openDatabase(config, logger, 'the roster command-line tool');

  try {
    await selected.run({
      em: database.orm.em.fork(),
      deps: { config, logger, now: () => new Date() },
      command,
    });
    return 0;
  } finally {
    await database.close();
  }
}

function usageFailure(error: UsageError): number {
  process.stderr.write(`roster: ${error.message}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.exitCode = usageFailure(error);
      return;
    }

    const expected =
      error instanceof DomainError ||
      error instanceof ConfigError ||
      error instanceof DatabaseStartError;
    const message = expected
      ? (error as Error).message
      : ((error as Error)?.stack ?? String(error));
    const code = error instanceof DomainError ? ` [${error.code}]` : '';
    process.stderr.write(`roster: ${message}${code}\n`);
    process.exitCode = 1;
  },
);
