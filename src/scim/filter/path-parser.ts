import type { AttributePath, PatchPath } from './ast';
import { failInvalidPath, readAttributePath } from './attribute-path';
import {
  AttributePathSyntaxError,
  createSource,
  PatchPathSyntaxError,
  quote,
  type ParseSource,
} from './errors';
import { FilterParser } from './filter-parser';
import { Lexer } from './lexer';
import { checkLength, resolveLimits, type ParseOptions } from './limits';

/**
 * Parses the `path` of a PATCH operation (RFC 7644 §3.5.2): `attrPath`, such as `name.givenName`
 * or `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`, or
 * `valuePath [subAttr]`, such as `emails[type eq "work"].value`.
 *
 * @throws PatchPathSyntaxError when the text is not a valid path or exceeds a limit of `options`.
 */
export function parsePatchPath(text: string, options?: ParseOptions): PatchPath {
  const limits = resolveLimits(options);
  const source = createSource(text, 'path', PatchPathSyntaxError);
  checkLength(source, limits);

  const parser = new FilterParser(source, limits);
  const pathToken = parser.peek();
  if (pathToken.kind === 'end') {
    source.fail(
      'path is empty; write an attribute path such as displayName or emails[type eq "work"].value',
      0,
      '',
    );
  }

  if (pathToken.kind === 'invalid') {
    failInvalidPath(pathToken, source);
  }

  if (pathToken.kind !== 'word') {
    source.fail(
      `expected an attribute path at position ${pathToken.start}, found ` +
        `${parser.describe(pathToken)}`,
      pathToken.start,
      pathToken.text,
    );
  }

  parser.next();
  const path = readAttributePath(pathToken, source);
  const bracket = parser.peek();
  if (bracket.kind === 'end') {
    return { kind: 'attribute', path };
  }

  if (bracket.kind !== '[') {
    source.fail(
      `expected '[' or the end of the path${parser.afterPrevious()} at position ` +
        `${bracket.start}, found ${parser.describe(bracket)}; a PATCH path is an attribute ` +
        'path or a value filter, as in emails[type eq "work"].value',
      bracket.start,
      bracket.text,
    );
  }

  const filter = parser.parseValueFilter(pathToken, path);
  const subAttribute = parser.readSubAttributeAfterBracket();
  const end = parser.peek();
  if (end.kind !== 'end') {
    const expected = subAttribute === undefined ? "a sub-attribute such as '.value' or " : '';
    source.fail(
      `expected ${expected}the end of the path${parser.afterPrevious()} at position ` +
        `${end.start}, found ${parser.describe(end)}`,
      end.start,
      end.text,
    );
  }

  if (subAttribute === undefined) {
    return { kind: 'valuePath', path, filter };
  }

  return { kind: 'valuePath', path, filter, subAttribute: subAttribute.name };
}

/**
 * Parses a bare attribute path: `userName`, `name.givenName`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`. It serves
 * `sortBy` and the keys of a PATCH value object without `path`.
 *
 * @throws AttributePathSyntaxError when the text is not one attribute path.
 */
export function parseAttributePath(text: string, options?: ParseOptions): AttributePath {
  const limits = resolveLimits(options);
  const source = createSource(text, 'attribute path', AttributePathSyntaxError);
  checkLength(source, limits);

  return readOnePath(source, 0, text.length);
}

/**
 * Parses a comma-separated list of attribute paths, as in the `attributes` and
 * `excludedAttributes` parameters (RFC 7644 §3.4.2.5): `userName,name.givenName,emails`.
 *
 * @throws AttributePathSyntaxError when an item is empty or not an attribute path.
 */
export function parseAttributePathList(text: string, options?: ParseOptions): AttributePath[] {
  const limits = resolveLimits(options);
  const source = createSource(text, 'attribute path', AttributePathSyntaxError);
  checkLength(source, limits);

  const paths: AttributePath[] = [];
  let start = 0;
  for (const item of text.split(',')) {
    paths.push(readOnePath(source, start, start + item.length));
    start += item.length + 1;
  }

  return paths;
}

/** Reads the one attribute path between `start` and `end`, with nothing else around it. */
function readOnePath(source: ParseSource, start: number, end: number): AttributePath {
  const lexer = new Lexer(source, start, end);
  const token = lexer.next();
  if (token.kind === 'end') {
    const where = start === 0 && end === source.text.length ? '' : ` at position ${start}`;
    source.fail(
      `attribute path is empty${where}; write a name such as userName or name.givenName`,
      start,
      '',
    );
  }

  if (token.kind === 'invalid') {
    failInvalidPath(token, source);
  }

  if (token.kind !== 'word') {
    source.fail(
      `expected an attribute path at position ${token.start}, found ${quote(token.text)}`,
      token.start,
      token.text,
    );
  }

  const path = readAttributePath(token, source);
  const rest = lexer.next();
  if (rest.kind !== 'end') {
    source.fail(
      `expected the end of the attribute path after ${quote(token.text)} at position ` +
        `${rest.start}, found ${quote(rest.text)}`,
      rest.start,
      rest.text,
    );
  }

  return path;
}
