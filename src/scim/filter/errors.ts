/** Kind of input that failed to parse. */
export type SyntaxErrorKind = 'filter' | 'patchPath' | 'attributePath';

/**
 * Invalid filter, PATCH path or attribute path text. The message is safe to show to the client.
 */
export abstract class ScimSyntaxError extends Error {
  abstract readonly kind: SyntaxErrorKind;

  constructor(
    message: string,
    /** 0-based offset in the input, in UTF-16 code units, where the offending text starts. */
    readonly position: number,
    /** The offending text as written, or empty when the input ended too early or is too long. */
    readonly token: string,
  ) {
    super(message);
  }
}

/** Invalid `filter` parameter, which the SCIM facade reports as 400 `invalidFilter`. */
export class FilterSyntaxError extends ScimSyntaxError {
  override name = 'FilterSyntaxError';
  readonly kind = 'filter';
}

/** Invalid PATCH `path`, which the SCIM facade reports as 400 `invalidPath`. */
export class PatchPathSyntaxError extends ScimSyntaxError {
  override name = 'PatchPathSyntaxError';
  readonly kind = 'patchPath';
}

/**
 * Invalid bare attribute path from `sortBy`, `attributes`, `excludedAttributes` or a key of a
 * PATCH value object. The caller chooses the scimType.
 */
export class AttributePathSyntaxError extends ScimSyntaxError {
  override name = 'AttributePathSyntaxError';
  readonly kind = 'attributePath';
}

/** Creates the error that the entry point in use reports. */
export type SyntaxErrorFactory = (message: string, position: number, token: string) => never;

/** The input being parsed, as the lexer and parser need it for messages. */
export interface ParseSource {
  readonly text: string;
  /** Name of the input in messages: `filter`, `path` or `attribute path`. */
  readonly subject: string;
  readonly fail: SyntaxErrorFactory;
}

/** Creates the source for `text` whose failures throw `ErrorType`. */
export function createSource(
  text: string,
  subject: string,
  ErrorType: new (message: string, position: number, token: string) => ScimSyntaxError,
): ParseSource {
  return {
    text,
    subject,
    fail(message: string, position: number, token: string): never {
      throw new ErrorType(message, position, token);
    },
  };
}

const MAX_QUOTED_LENGTH = 100;

/** Quotes input text for a message, shortening it so that a long literal keeps messages short. */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED_LENGTH) {
    return `'${text}'`;
  }

  return `'${text.slice(0, MAX_QUOTED_LENGTH)}…'`;
}
