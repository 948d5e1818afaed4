import type { AttributePath, AttributeRef, Filter, FilterValue, ValueFilter } from './ast';
import { failInvalidPath, readAttributePath, readSubAttribute } from './attribute-path';
import { quote, type ParseSource } from './errors';
import { Lexer, type Token } from './lexer';
import type { ParseLimits } from './limits';
import { isCompareOperator, isKeyword, OPERATOR_LIST, startsAttributeExpression } from './keywords';
import { after, closerOf, describeToken, failExpected, failScopeEnd, type Scope } from './scope';
import { readValue } from './value';

const TERM_EXPECTED = "an attribute path, '(' or 'not ('";

/**
 * Recursive-descent parser for the filter grammar of RFC 7644 §3.4.2.2 with the usual
 * precedence: `not (…)` and grouping bind tightest, then `and`, then `or`. Keywords, operators
 * and `true`/`false`/`null` are case-insensitive.
 */
export class FilterParser {
  private depth = 0;
  private previous: Token | undefined;

  constructor(
    private readonly source: ParseSource,
    private readonly limits: ParseLimits,
    private readonly lexer = new Lexer(source),
  ) {}

  peek(): Token {
    return this.lexer.peek();
  }

  next(): Token {
    this.previous = this.lexer.next();

    return this.previous;
  }

  /** Parses the whole input as a filter. */
  parseFilter(): Filter {
    if (this.peek().kind === 'end') {
      this.source.fail(
        `${this.source.subject} is empty; write an expression such as userName eq "bjensen"`,
        0,
        '',
      );
    }

    const filter = this.parseOr({});
    this.closeScope({});

    return filter;
  }

  /** Parses `[valFilter]` after the attribute `path`, read from `pathToken`. */
  parseValueFilter(pathToken: Token, path: AttributePath): ValueFilter {
    if (path.subAttribute !== undefined) {
      this.source.fail(
        `a value filter must follow an attribute without a sub-attribute, but ` +
          `${quote(pathToken.text)} at position ${pathToken.start} has one; filter the ` +
          'multi-valued attribute instead, as in emails[type eq "work"].value',
        pathToken.start,
        pathToken.text,
      );
    }

    const opener = this.next();
    this.enter(opener);
    const scope = { opener, valuePathOf: pathToken };
    // Value paths cannot nest in this scope, so the result is a ValueFilter.
    const filter = this.parseOr(scope) as ValueFilter;
    this.closeScope(scope);
    this.depth -= 1;

    return filter;
  }

  /** Reads the `.subAttr` written directly after `]`, if there is one. */
  readSubAttributeAfterBracket(): { name: string; token: Token } | undefined {
    const token = this.peek();
    const follows = token.kind === 'word' && token.start === this.previous?.end;
    if (!follows || !token.text.startsWith('.')) {
      return undefined;
    }

    this.next();

    return { name: readSubAttribute(token, this.source), token };
  }

  /** Describes `token` for a message: quoted, or as the end of the input. */
  describe(token: Token): string {
    return describeToken(token, this.source);
  }

  /** Returns ` after 'x'` naming the last token read, or nothing at the start. */
  afterPrevious(): string {
    return after(this.previous);
  }

  private parseOr(scope: Scope): Filter {
    let left = this.parseAnd(scope);
    while (isKeyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd(scope) };
    }

    return left;
  }

  private parseAnd(scope: Scope): Filter {
    let left = this.parseTerm(scope);
    while (isKeyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseTerm(scope) };
    }

    return left;
  }

  private parseTerm(scope: Scope): Filter {
    const token = this.peek();
    if (token.kind === '(') {
      return this.parseGroup(scope);
    }

    if (token.kind === 'invalid') {
      failInvalidPath(token, this.source);
    }

    if (token.kind !== 'word') {
      this.failExpected(TERM_EXPECTED, token);
    }

    // `not`, `and` and `or` are also valid attribute names, as in `not pr`.
    const next = this.lexer.peek(1);
    if (isKeyword(token, 'not') && next.kind === '(') {
      return this.parseNot(scope);
    }

    if (isKeyword(token, 'not') && !startsAttributeExpression(next)) {
      this.next();
      this.failExpected(
        "'('",
        next,
        '; RFC 7644 requires parentheses after not, as in not (userName eq "bjensen")',
      );
    }

    if ((isKeyword(token, 'and') || isKeyword(token, 'or')) && !startsAttributeExpression(next)) {
      this.failExpected(TERM_EXPECTED, token);
    }

    return this.parseAttributeTerm(scope);
  }

  private parseGroup(scope: Scope): Filter {
    const opener = this.next();
    this.enter(opener);
    const inner = { ...scope, opener };
    const filter = this.parseOr(inner);
    this.closeScope(inner);
    this.depth -= 1;

    return filter;
  }

  private parseNot(scope: Scope): Filter {
    this.next();

    return { kind: 'not', filter: this.parseGroup(scope) };
  }

  private parseAttributeTerm(scope: Scope): Filter {
    const pathToken = this.next();
    const path = readAttributePath(pathToken, this.source);
    const bracket = this.peek();
    if (bracket.kind !== '[') {
      return this.parseAttributeExpression(path, pathToken);
    }

    if (scope.valuePathOf !== undefined) {
      this.source.fail(
        `value filters cannot nest: '[' at position ${bracket.start} follows ` +
          `${quote(pathToken.text)} inside the value filter of ${quote(scope.valuePathOf.text)}; ` +
          'a value filter compares sub-attributes only, as in emails[type eq "work"]',
        bracket.start,
        '[',
      );
    }

    const filter = this.parseValueFilter(pathToken, path);
    const attribute: AttributeRef = path;
    const subAttribute = this.readSubAttributeAfterBracket();
    if (subAttribute === undefined) {
      return { kind: 'valuePath', path: attribute, filter };
    }

    // Microsoft Entra sends `emails[type eq "work"].value eq "x"`, which RFC 7644 does not
    // allow. It means `emails[type eq "work" and value eq "x"]`.
    const condition = this.parseAttributeExpression(
      { name: subAttribute.name },
      subAttribute.token,
    );

    return {
      kind: 'valuePath',
      path: attribute,
      filter: { kind: 'and', left: filter, right: condition },
    };
  }

  /** Parses `op value` or `pr` after an attribute path. */
  private parseAttributeExpression(path: AttributePath, pathToken: Token): ValueFilter {
    const token = this.peek();
    if (token.kind !== 'word') {
      this.failExpected('an operator', token, `; ${OPERATOR_LIST}`);
    }

    const operator = token.text.toLowerCase();
    if (operator === 'pr') {
      this.next();

      return { kind: 'present', path };
    }

    if (!isCompareOperator(operator)) {
      this.source.fail(
        `unknown operator ${quote(token.text)} after ${quote(pathToken.text)} at position ` +
          `${token.start}; ${OPERATOR_LIST}`,
        token.start,
        token.text,
      );
    }

    this.next();
    const value: FilterValue = readValue(this.next(), token, this.source);

    return { kind: 'compare', path, operator, value };
  }

  /** Consumes what ends the expression of `scope`: `)`, `]` or the end of the input. */
  private closeScope(scope: Scope): void {
    const token = this.peek();
    const closer = closerOf(scope);
    if (token.kind === closer) {
      if (closer !== 'end') {
        this.next();
      }

      return;
    }

    failScopeEnd(token, scope, this.previous, this.source);
  }

  private failExpected(expected: string, found: Token, hint = ''): never {
    return failExpected(expected, found, this.previous, this.source, hint);
  }

  private enter(opener: Token): void {
    this.depth += 1;
    if (this.depth <= this.limits.maxDepth) {
      return;
    }

    this.source.fail(
      `${this.source.subject} nests deeper than the maximum depth of ${this.limits.maxDepth} ` +
        `(${this.limits.names.maxDepth}) at position ${opener.start}; remove redundant ` +
        'parentheses or simplify it',
      opener.start,
      opener.text,
    );
  }
}
