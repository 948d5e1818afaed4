import { quote, type ParseSource } from './errors';
import { isKeyword, isValueLike } from './keywords';
import type { Token } from './lexer';

/** Where an expression sits, which decides what may follow it and what may appear in it. */
export interface Scope {
  /** The `(` or `[` that this expression must close, or none at the top level. */
  readonly opener?: Token;
  /** Inside `attr[…]`, the `attr` token: value paths cannot nest. */
  readonly valuePathOf?: Token;
}

/** Returns the token kind that ends an expression in `scope`. */
export function closerOf(scope: Scope): 'end' | ')' | ']' {
  if (scope.opener === undefined) {
    return 'end';
  }

  return scope.opener.kind === '(' ? ')' : ']';
}

/** Rejects `token`, found where the expression of `scope` should end or continue. */
export function failScopeEnd(
  token: Token,
  scope: Scope,
  previous: Token | undefined,
  source: ParseSource,
): never {
  if (isKeyword(previous, 'pr') && isValueLike(token)) {
    source.fail(
      `'pr' takes no value, but ${quote(token.text)} follows it at position ${token.start}; ` +
        'remove the value, or use an operator such as eq',
      token.start,
      token.text,
    );
  }

  const closer = closerOf(scope);
  if (token.kind === 'end' && scope.opener !== undefined) {
    source.fail(
      `missing ${quote(closer)} for the ${quote(scope.opener.text)} at position ` +
        `${scope.opener.start}; the ${source.subject} ends at position ${token.start}`,
      token.start,
      '',
    );
  }

  if ((token.kind === ')' || token.kind === ']') && scope.opener === undefined) {
    const opener = token.kind === ')' ? '(' : '[';
    source.fail(
      `unexpected ${quote(token.text)} at position ${token.start}; no ${quote(opener)} is open`,
      token.start,
      token.text,
    );
  }

  const ending = closer === 'end' ? `the end of the ${source.subject}` : quote(closer);

  return failExpected(`'and', 'or' or ${ending}`, token, previous, source);
}

/** Rejects `found` with `expected …, found …`, naming the token before it. */
export function failExpected(
  expected: string,
  found: Token,
  previous: Token | undefined,
  source: ParseSource,
  hint = '',
): never {
  return source.fail(
    `expected ${expected}${after(previous)} at position ${found.start}, ` +
      `found ${describeToken(found, source)}${hint}`,
    found.start,
    found.text,
  );
}

/** Describes `token` for a message: quoted, or as the end of the input. */
export function describeToken(token: Token, source: ParseSource): string {
  return token.kind === 'end' ? `the end of the ${source.subject}` : quote(token.text);
}

/** Returns ` after 'x'` naming `previous`, or nothing at the start of the input. */
export function after(previous: Token | undefined): string {
  return previous === undefined ? '' : ` after ${quote(previous.text)}`;
}
