import { ScimSyntaxError } from '../filter';
import { ScimInputError } from '../schemas';

const MAX_DESCRIBED_LENGTH = 80;

/** Shows a client value in a message as JSON, shortened so that messages stay readable. */
export function describeValue(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);

  return text.length > MAX_DESCRIBED_LENGTH
    ? `${text.slice(0, MAX_DESCRIBED_LENGTH - 3)}...`
    : text;
}

/** Reports a PATCH path that the filter parser rejected, keeping the parser's explanation. */
export function invalidPathSyntax(path: string, error: ScimSyntaxError): ScimInputError {
  return new ScimInputError(
    'invalidPath',
    `invalid path ${describeValue(path)}: ${error.message}`,
    path,
  );
}

/**
 * Prefixes an input error with the operation it came from, as in `Operations[2]: …`, so that a
 * client sending many operations can find the one that failed. Other errors pass unchanged.
 */
export function atOperation(error: unknown, index: number): unknown {
  if (!(error instanceof ScimInputError)) {
    return error;
  }

  return new ScimInputError(
    error.scimType,
    `Operations[${index}]: ${error.message}`,
    error.attributePath,
  );
}
