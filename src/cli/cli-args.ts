import { parseArgs } from 'node:util';

import { UsageError } from './usage';

export interface ParsedCommand {
  /** The command words, such as ['token', 'create']. */
  command: string[];
  /** Positional arguments after the command words. */
  positionals: string[];
  options: Record<string, string | undefined>;
  json: boolean;
  help: boolean;
}

const VALUE_OPTIONS = [
  'name',
  'slug',
  'admin-email',
  'org',
  'title',
  'description',
  'user',
  'scope',
  'expires-in',
] as const;

/** Splits the command line into command words, options and positional arguments. */
export function parseCommandLine(argv: string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(VALUE_OPTIONS.map((name) => [name, { type: 'string' as const }])),
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const values = parsed.values as Record<string, string | boolean | undefined>;
  const options = Object.fromEntries(
    VALUE_OPTIONS.map((name) => [name, values[name] as string | undefined]),
  );

  return {
    command: parsed.positionals.slice(0, 2),
    positionals: parsed.positionals.slice(2),
    options,
    json: values.json === true,
    help: values.help === true,
  };
}

/** Returns a required option's value, or raises a UsageError naming it. */
export function requireOption(command: ParsedCommand, name: string): string {
  const value = command.options[name]?.trim();

  if (!value) {
    throw new UsageError(`${command.command.join(' ')} needs --${name}`);
  }

  return value;
}
