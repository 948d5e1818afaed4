import { FilterSyntaxError, parseFilter, type ParseOptions } from '../../../src/scim/filter';

/** Returns the FilterSyntaxError that parsing `text` throws, failing when it throws none. */
function syntaxErrorOf(text: string, options?: ParseOptions): FilterSyntaxError {
  try {
    parseFilter(text, options);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      return error;
    }

    throw error;
  }

  throw new Error(`parseFilter accepted ${JSON.stringify(text)}`);
}

const OPERATORS = 'operators are eq, ne, co, sw, ew, pr, gt, ge, lt, le';
const NAME_RULE = "a name starts with a letter and contains only letters, digits, '-', '_' and '$'";

describe('parseFilter with malformed input', () => {
  // [case, filter, position, token, message]
  it.each<[string, string, number, string, string]>([
    [
      'empty filter',
      '',
      0,
      '',
      'filter is empty; write an expression such as userName eq "bjensen"',
    ],
    [
      'blank filter',
      '   ',
      0,
      '',
      'filter is empty; write an expression such as userName eq "bjensen"',
    ],
    [
      'unterminated string',
      'userName eq "bjensen',
      12,
      '"bjensen',
      "unterminated string starting at position 12; end it with '\"'",
    ],
    [
      'missing operator',
      'userName "bob"',
      9,
      '"bob"',
      "expected an operator after 'userName' at position 9, found '\"bob\"'; operators are eq, ne, co, sw, ew, pr, gt, ge, lt, le",
    ],
    [
      'unknown operator',
      'userName is "bob"',
      9,
      'is',
      "unknown operator 'is' after 'userName' at position 9; operators are eq, ne, co, sw, ew, pr, gt, ge, lt, le",
    ],
    [
      'missing value',
      'userName eq',
      11,
      '',
      "expected a value after 'eq' at position 11, found the end of the filter; a value is a string in double quotes, a number, true, false or null",
    ],
    [
      'missing value before and',
      'userName eq and active eq true',
      12,
      'and',
      "expected a value after 'eq' at position 12, found 'and'; put text in double quotes (\"and\"), or write a number, true, false or null",
    ],
    [
      'unquoted text value',
      'userName eq bob',
      12,
      'bob',
      "expected a value after 'eq' at position 12, found 'bob'; put text in double quotes (\"bob\"), or write a number, true, false or null",
    ],
    [
      'single-quoted value',
      "userName eq 'bob'",
      12,
      "'bob'",
      "expected a value after 'eq' at position 12, found ''bob''; put text in double quotes (\"'bob'\"), or write a number, true, false or null",
    ],
    [
      'unquoted e-mail value',
      'emails.value eq ada@example.com',
      16,
      'ada@example.com',
      "expected a value after 'eq' at position 16, found 'ada@example.com'; put text in double quotes (\"ada@example.com\"), or write a number, true, false or null",
    ],
    [
      'number with leading zero',
      'count eq 007',
      9,
      '007',
      "invalid number '007' after 'eq' at position 9; write a JSON number such as -1, 2.5 or 1e3, or put text in double quotes (\"007\")",
    ],
    [
      'number out of range',
      'count gt 1e400',
      9,
      '1e400',
      "number '1e400' after 'gt' at position 9 is too large; the maximum is about 1.8e308",
    ],
    [
      'dangling and',
      'userName eq "x" and',
      19,
      '',
      "expected an attribute path, '(' or 'not (' after 'and' at position 19, found the end of the filter",
    ],
    [
      'dangling or',
      'userName eq "x" or ',
      19,
      '',
      "expected an attribute path, '(' or 'not (' after 'or' at position 19, found the end of the filter",
    ],
    [
      'leading and',
      'and userName eq "x"',
      0,
      'and',
      "expected an attribute path, '(' or 'not (' at position 0, found 'and'",
    ],
    [
      'double and',
      'title pr and and nickName pr',
      13,
      'and',
      "expected an attribute path, '(' or 'not (' after 'and' at position 13, found 'and'",
    ],
    [
      'unclosed parenthesis',
      '(userName eq "x"',
      16,
      '',
      "missing ')' for the '(' at position 0; the filter ends at position 16",
    ],
    [
      'extra closing parenthesis',
      'userName eq "x")',
      15,
      ')',
      "unexpected ')' at position 15; no '(' is open",
    ],
    [
      'unclosed bracket',
      'emails[type eq "work"',
      21,
      '',
      "missing ']' for the '[' at position 6; the filter ends at position 21",
    ],
    [
      'extra closing bracket',
      'userName pr]',
      11,
      ']',
      "unexpected ']' at position 11; no '[' is open",
    ],
    [
      'bracket closed by parenthesis',
      'emails[type eq "work")',
      21,
      ')',
      "expected 'and', 'or' or ']' after '\"work\"' at position 21, found ')'",
    ],
    [
      'empty parentheses',
      '()',
      1,
      ')',
      "expected an attribute path, '(' or 'not (' after '(' at position 1, found ')'",
    ],
    [
      'empty brackets',
      'emails[]',
      7,
      ']',
      "expected an attribute path, '(' or 'not (' after '[' at position 7, found ']'",
    ],
    [
      'not without parentheses',
      'not userName eq "x"',
      4,
      'userName',
      "expected '(' after 'not' at position 4, found 'userName'; RFC 7644 requires parentheses after not, as in not (userName eq \"bjensen\")",
    ],
    [
      'not at the end',
      'title pr and not',
      16,
      '',
      "expected '(' after 'not' at position 16, found the end of the filter; RFC 7644 requires parentheses after not, as in not (userName eq \"bjensen\")",
    ],
    [
      'nested value paths',
      'emails[type[value eq 1]]',
      11,
      '[',
      "value filters cannot nest: '[' at position 11 follows 'type' inside the value filter of 'emails'; a value filter compares sub-attributes only, as in emails[type eq \"work\"]",
    ],
    [
      'value path after a sub-attribute',
      'name.givenName[value pr]',
      0,
      'name.givenName',
      'a value filter must follow an attribute without a sub-attribute, but \'name.givenName\' at position 0 has one; filter the multi-valued attribute instead, as in emails[type eq "work"].value',
    ],
    [
      'pr with a value',
      'title pr "x"',
      9,
      '"x"',
      "'pr' takes no value, but '\"x\"' follows it at position 9; remove the value, or use an operator such as eq",
    ],
    [
      'pr with a number',
      'title pr 1',
      9,
      '1',
      "'pr' takes no value, but '1' follows it at position 9; remove the value, or use an operator such as eq",
    ],
    [
      'trailing garbage',
      'userName eq "x" garbage',
      16,
      'garbage',
      "expected 'and', 'or' or the end of the filter after '\"x\"' at position 16, found 'garbage'",
    ],
    [
      'attribute name starting with a digit',
      '1userName eq "x"',
      0,
      '1userName',
      "invalid attribute name '1userName' at position 0; " + NAME_RULE,
    ],
    [
      'attribute name with an invalid character',
      'user#name eq "x"',
      0,
      'user#name',
      "invalid attribute path 'user#name' at position 0; " + NAME_RULE,
    ],
    [
      'two sub-attributes',
      'name.givenName.first eq "x"',
      0,
      'name.givenName.first',
      "attribute path 'name.givenName.first' at position 0 has more than one sub-attribute; a path names an attribute and at most one sub-attribute, as in name.givenName",
    ],
    [
      'empty name between dots',
      'name..givenName eq "x"',
      5,
      '',
      "missing attribute name in 'name..givenName' at position 5; " + NAME_RULE,
    ],
    [
      'invalid schema URN',
      'urn::User:userName eq "x"',
      0,
      'urn::User',
      "invalid schema URN 'urn::User' in attribute path 'urn::User:userName' at position 0; write a URN such as urn:ietf:params:scim:schemas:core:2.0:User",
    ],
    [
      'schema URN without attribute',
      'urn:ietf:params:scim:schemas:core:2.0:User: eq "x"',
      43,
      '',
      "missing attribute name in 'urn:ietf:params:scim:schemas:core:2.0:User:' at position 43; " +
        NAME_RULE,
    ],
    [
      'bad escape',
      'userName eq "a\\qb"',
      14,
      '\\q',
      "invalid escape '\\q' in string at position 14; the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
    ],
    [
      'short unicode escape',
      'userName eq "a\\u12G4"',
      14,
      '\\u12G4',
      "invalid escape '\\u12G4' in string at position 14; \\u takes four hex digits, as in \\u00e9",
    ],
    [
      'raw control character in a string',
      'userName eq "a\nb"',
      14,
      '\n',
      'unescaped control character U+000A in string at position 14; write it as an escape such as \\n or \\u000A',
    ],
    [
      'sub-attribute after value path without operator',
      'emails[type eq "work"].value',
      28,
      '',
      "expected an operator after '.value' at position 28, found the end of the filter; operators are eq, ne, co, sw, ew, pr, gt, ge, lt, le",
    ],
    [
      'two sub-attributes after value path',
      'emails[type eq "work"].value.x eq "y"',
      22,
      '.value.x',
      '\'.value.x\' at position 22 names more than one sub-attribute; a value filter takes at most one, as in emails[type eq "work"].value',
    ],
    [
      'operator without attribute',
      'eq "x"',
      3,
      '"x"',
      "expected an operator after 'eq' at position 3, found '\"x\"'; operators are eq, ne, co, sw, ew, pr, gt, ge, lt, le",
    ],
    [
      'string in attribute position',
      '"userName" eq "x"',
      0,
      '"userName"',
      "expected an attribute path, '(' or 'not (' at position 0, found '\"userName\"'",
    ],
    [
      'value path without operator inside',
      'emails[type]',
      11,
      ']',
      "expected an operator after 'type' at position 11, found ']'; operators are eq, ne, co, sw, ew, pr, gt, ge, lt, le",
    ],
  ])('rejects %s', (_case, text, position, token, message) => {
    const error = syntaxErrorOf(text);

    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
  });

  it('reports the kind and name of the error', () => {
    const error = syntaxErrorOf('userName eq');

    expect(error.kind).toBe('filter');
    expect(error.name).toBe('FilterSyntaxError');
  });

  it('reports the first mistake when there are several', () => {
    const error = syntaxErrorOf('userName eq bob and title eq "unterminated');

    expect(error.position).toBe(12);
    expect(error.token).toBe('bob');
  });

  it('shortens long tokens in the message but not in the token', () => {
    const long = 'x'.repeat(150);
    const error = syntaxErrorOf(`userName eq ${long}`);

    expect(error.token).toBe(long);
    expect(error.message).toBe(
      `expected a value after 'eq' at position 12, found '${'x'.repeat(100)}…'; put text in ` +
        `double quotes ("${long}"), or write a number, true, false or null`,
    );
  });

  describe('limits', () => {
    it('rejects a filter over the default maximum length', () => {
      const error = syntaxErrorOf(`displayName eq "${'x'.repeat(4080)}"`);

      expect(error.message).toBe(
        'filter is 4097 characters long, over the maximum length of 4096 (maxLength); shorten it',
      );
      expect(error.position).toBe(4096);
      expect(error.token).toBe('');
    });

    it('rejects a filter over a configured maximum length', () => {
      const error = syntaxErrorOf('title pr', { maxLength: 5 });

      expect(error.message).toBe(
        'filter is 8 characters long, over the maximum length of 5 (maxLength); shorten it',
      );
      expect(error.position).toBe(5);
    });

    it.each([
      ['parentheses', `${'('.repeat(33)}title pr${')'.repeat(33)}`, 32, '('],
      ['not', `${'not ('.repeat(33)}title pr${')'.repeat(33)}`, 164, '('],
      ['a value path', `${'('.repeat(32)}emails[type pr]${')'.repeat(32)}`, 38, '['],
    ])('rejects %s nested past the default maximum depth', (_case, text, position, token) => {
      const error = syntaxErrorOf(text);

      expect(error.message).toBe(
        `filter nests deeper than the maximum depth of 32 (maxDepth) at position ${position}; ` +
          'remove redundant parentheses or simplify it',
      );
      expect(error.position).toBe(position);
      expect(error.token).toBe(token);
    });

    it('rejects nesting past a configured maximum depth', () => {
      const error = syntaxErrorOf('not (((title pr)))', { maxDepth: 2 });

      expect(error.message).toBe(
        'filter nests deeper than the maximum depth of 2 (maxDepth) at position 6; ' +
          'remove redundant parentheses or simplify it',
      );
      expect(error.position).toBe(6);
    });
  });
});
