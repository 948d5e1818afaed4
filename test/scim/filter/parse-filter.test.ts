import {
  COMPARE_OPERATORS,
  parseFilter,
  printFilter,
  type AttributePath,
  type Filter,
  type FilterValue,
} from '../../../src/scim/filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

function compare(name: string, operator: string, value: FilterValue): Filter {
  return { kind: 'compare', path: { name }, operator, value } as Filter;
}

function present(name: string): Filter {
  return { kind: 'present', path: { name } };
}

describe('parseFilter', () => {
  describe('comparisons', () => {
    it.each(COMPARE_OPERATORS)('parses the %s operator', (operator) => {
      expect(parseFilter(`title ${operator} "x"`)).toStrictEqual(compare('title', operator, 'x'));
    });

    it('parses pr', () => {
      expect(parseFilter('title pr')).toStrictEqual(present('title'));
    });

    it('parses true, false and null', () => {
      expect(parseFilter('active eq true')).toStrictEqual(compare('active', 'eq', true));
      expect(parseFilter('active eq false')).toStrictEqual(compare('active', 'eq', false));
      expect(parseFilter('title eq null')).toStrictEqual(compare('title', 'eq', null));
    });

    it.each([
      ['-1', -1],
      ['0', 0],
      ['-0', -0],
      ['2.5', 2.5],
      ['1e3', 1000],
      ['1E-2', 0.01],
      ['-12.5e+2', -1250],
    ])('parses the number %s as a JSON number', (text, value) => {
      expect(parseFilter(`count ge ${text}`)).toStrictEqual(compare('count', 'ge', value));
    });

    it('parses strings with escaped quotes and backslashes', () => {
      const filter = parseFilter(String.raw`displayName eq "say \"hi\" \\ \/ done"`);

      expect(filter).toStrictEqual(compare('displayName', 'eq', 'say "hi" \\ / done'));
    });

    it('parses unicode and control escapes', () => {
      const filter = parseFilter(String.raw`displayName eq "Ren\u00e9e\t\n\r\b\f\uD83D\uDE00"`);

      expect(filter).toStrictEqual(compare('displayName', 'eq', 'Renée\t\n\r\b\f😀'));
    });

    it('keeps characters that need no escape', () => {
      expect(parseFilter('displayName eq "Zoë (ops) [eu] and or"')).toStrictEqual(
        compare('displayName', 'eq', 'Zoë (ops) [eu] and or'),
      );
    });

    it('parses an empty string', () => {
      expect(parseFilter('nickName eq ""')).toStrictEqual(compare('nickName', 'eq', ''));
    });
  });

  describe('case-insensitivity', () => {
    it('accepts keywords and operators in any case', () => {
      expect(parseFilter('userName EQ "x" AND active Eq TRUE')).toStrictEqual({
        kind: 'and',
        left: compare('userName', 'eq', 'x'),
        right: compare('active', 'eq', true),
      });
    });

    it('accepts NOT, OR, PR and NULL in upper case', () => {
      expect(parseFilter('NOT (title PR) OR title EQ NULL')).toStrictEqual({
        kind: 'or',
        left: { kind: 'not', filter: present('title') },
        right: compare('title', 'eq', null),
      });
    });

    it('keeps attribute names as written', () => {
      expect(parseFilter('USERNAME eq "x"')).toStrictEqual(compare('USERNAME', 'eq', 'x'));
    });
  });

  describe('logical operators', () => {
    it('binds and tighter than or', () => {
      expect(parseFilter('a pr or b pr and c pr')).toStrictEqual({
        kind: 'or',
        left: present('a'),
        right: { kind: 'and', left: present('b'), right: present('c') },
      });
    });

    it('binds and tighter than or on the left too', () => {
      expect(parseFilter('a pr and b pr or c pr')).toStrictEqual({
        kind: 'or',
        left: { kind: 'and', left: present('a'), right: present('b') },
        right: present('c'),
      });
    });

    it('nests chains to the left', () => {
      expect(parseFilter('a pr and b pr and c pr')).toStrictEqual({
        kind: 'and',
        left: { kind: 'and', left: present('a'), right: present('b') },
        right: present('c'),
      });
    });

    it('follows parentheses over precedence', () => {
      expect(parseFilter('(a pr or b pr) and c pr')).toStrictEqual({
        kind: 'and',
        left: { kind: 'or', left: present('a'), right: present('b') },
        right: present('c'),
      });
    });

    it('keeps a right-hand group as its own node', () => {
      expect(parseFilter('a pr and (b pr and c pr)')).toStrictEqual({
        kind: 'and',
        left: present('a'),
        right: { kind: 'and', left: present('b'), right: present('c') },
      });
    });

    it('treats redundant parentheses as grouping only', () => {
      expect(parseFilter('((title pr))')).toStrictEqual(present('title'));
    });

    it('parses not with and without a space before the parenthesis', () => {
      const expected = { kind: 'not', filter: compare('title', 'eq', 'x') };

      expect(parseFilter('not (title eq "x")')).toStrictEqual(expected);
      expect(parseFilter('not(title eq "x")')).toStrictEqual(expected);
    });

    it('parses nested and, or and not', () => {
      const filter = parseFilter(
        'userType eq "Employee" and (emails co "example.com" or not (emails.value co "example.org"))',
      );

      expect(filter).toStrictEqual({
        kind: 'and',
        left: compare('userType', 'eq', 'Employee'),
        right: {
          kind: 'or',
          left: compare('emails', 'co', 'example.com'),
          right: {
            kind: 'not',
            filter: {
              kind: 'compare',
              path: { name: 'emails', subAttribute: 'value' },
              operator: 'co',
              value: 'example.org',
            },
          },
        },
      });
    });

    it('accepts keywords as attribute names where an operator follows', () => {
      expect(parseFilter('not pr and or eq 1')).toStrictEqual({
        kind: 'and',
        left: present('not'),
        right: compare('or', 'eq', 1),
      });
    });

    it('accepts tabs and newlines as whitespace', () => {
      expect(parseFilter('\ttitle pr\nand\r\nnickName pr ')).toStrictEqual({
        kind: 'and',
        left: present('title'),
        right: present('nickName'),
      });
    });
  });

  describe('attribute paths', () => {
    it.each<[string, AttributePath]>([
      ['name.givenName', { name: 'name', subAttribute: 'givenName' }],
      [`${CORE_USER}:userName`, { schema: CORE_USER, name: 'userName' }],
      [
        `${CORE_USER}:name.givenName`,
        { schema: CORE_USER, name: 'name', subAttribute: 'givenName' },
      ],
      [`${ENTERPRISE}:employeeNumber`, { schema: ENTERPRISE, name: 'employeeNumber' }],
      [
        `${ENTERPRISE}:manager.value`,
        { schema: ENTERPRISE, name: 'manager', subAttribute: 'value' },
      ],
      [
        'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:tag',
        {
          schema: 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User',
          name: 'tag',
        },
      ],
      ['members.$ref', { name: 'members', subAttribute: '$ref' }],
      ['x-custom_attr2', { name: 'x-custom_attr2' }],
    ])('parses %s', (text, path) => {
      expect(parseFilter(`${text} eq "x"`)).toStrictEqual({
        kind: 'compare',
        path,
        operator: 'eq',
        value: 'x',
      });
    });
  });

  describe('value paths', () => {
    it('parses a value path', () => {
      expect(parseFilter('emails[type eq "work"]')).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: compare('type', 'eq', 'work'),
      });
    });

    it('parses and and or inside a value path', () => {
      expect(
        parseFilter('emails[type eq "work" and value co "@example.com" or primary eq true]'),
      ).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: {
          kind: 'or',
          left: {
            kind: 'and',
            left: compare('type', 'eq', 'work'),
            right: compare('value', 'co', '@example.com'),
          },
          right: compare('primary', 'eq', true),
        },
      });
    });

    it('parses grouping and not inside a value path', () => {
      expect(
        parseFilter('emails[type eq "work" or (type eq "home" and not (value ew ".org"))]'),
      ).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: {
          kind: 'or',
          left: compare('type', 'eq', 'work'),
          right: {
            kind: 'and',
            left: compare('type', 'eq', 'home'),
            right: { kind: 'not', filter: compare('value', 'ew', '.org') },
          },
        },
      });
    });

    it('parses a value path with a schema URN', () => {
      expect(parseFilter(`${CORE_USER}:emails[type eq "work"]`)).toStrictEqual({
        kind: 'valuePath',
        path: { schema: CORE_USER, name: 'emails' },
        filter: compare('type', 'eq', 'work'),
      });
    });

    it('combines value paths with and', () => {
      expect(
        parseFilter('userType eq "Employee" and emails[type eq "work" and value co "@x"]'),
      ).toStrictEqual({
        kind: 'and',
        left: compare('userType', 'eq', 'Employee'),
        right: {
          kind: 'valuePath',
          path: { name: 'emails' },
          filter: {
            kind: 'and',
            left: compare('type', 'eq', 'work'),
            right: compare('value', 'co', '@x'),
          },
        },
      });
    });
  });

  describe('Microsoft Entra forms', () => {
    it.each([
      ['userName eq "5c1d0c2e-8a49-4b4e-9f0c-3c2e1a7b9d10"', 'userName'],
      ['externalId eq "5c1d0c2e-8a49-4b4e-9f0c-3c2e1a7b9d10"', 'externalId'],
      ['displayName eq "5c1d0c2e-8a49-4b4e-9f0c-3c2e1a7b9d10"', 'displayName'],
    ])('parses the lookup %s', (text, name) => {
      expect(parseFilter(text)).toStrictEqual(
        compare(name, 'eq', '5c1d0c2e-8a49-4b4e-9f0c-3c2e1a7b9d10'),
      );
    });

    it('reads attr[filter].sub eq value as a value path with and', () => {
      expect(parseFilter('emails[type eq "work"].value eq "ada@example.com"')).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: {
          kind: 'and',
          left: compare('type', 'eq', 'work'),
          right: compare('value', 'eq', 'ada@example.com'),
        },
      });
    });

    it('reads attr[filter].sub pr as a value path with and', () => {
      expect(parseFilter('emails[type eq "work"].value pr')).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: { kind: 'and', left: compare('type', 'eq', 'work'), right: present('value') },
      });
    });

    it('keeps an or inside the brackets grouped under the and', () => {
      expect(parseFilter('emails[type eq "work" or type eq "home"].value sw "ada"')).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: {
          kind: 'and',
          left: {
            kind: 'or',
            left: compare('type', 'eq', 'work'),
            right: compare('type', 'eq', 'home'),
          },
          right: compare('value', 'sw', 'ada'),
        },
      });
    });

    it('combines the Entra form with other expressions', () => {
      expect(parseFilter('emails[type eq "work"].value eq "x" and active eq true')).toStrictEqual({
        kind: 'and',
        left: {
          kind: 'valuePath',
          path: { name: 'emails' },
          filter: {
            kind: 'and',
            left: compare('type', 'eq', 'work'),
            right: compare('value', 'eq', 'x'),
          },
        },
        right: compare('active', 'eq', true),
      });
    });

    it('keeps the string "True" in roles[primary eq "True"]', () => {
      expect(parseFilter('roles[primary eq "True"]')).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'roles' },
        filter: compare('primary', 'eq', 'True'),
      });
    });

    it('parses the manager check on id and manager', () => {
      expect(
        parseFilter(
          'id eq "2819c223-7f76-453a-919d-413861904646" and ' +
            'manager eq "26118915-6090-4610-87e4-49d8ca9f808d"',
        ),
      ).toStrictEqual({
        kind: 'and',
        left: compare('id', 'eq', '2819c223-7f76-453a-919d-413861904646'),
        right: compare('manager', 'eq', '26118915-6090-4610-87e4-49d8ca9f808d'),
      });
    });

    it('parses an enterprise manager comparison', () => {
      expect(parseFilter(`${ENTERPRISE}:manager.value eq "26118915"`)).toStrictEqual({
        kind: 'compare',
        path: { schema: ENTERPRISE, name: 'manager', subAttribute: 'value' },
        operator: 'eq',
        value: '26118915',
      });
    });
  });

  describe('limits', () => {
    it('accepts a filter of exactly the maximum length', () => {
      const text = `displayName eq "${'x'.repeat(4096 - 17)}"`;

      expect(text.length).toBe(4096);
      expect(parseFilter(text)).toStrictEqual(compare('displayName', 'eq', 'x'.repeat(4079)));
    });

    it('accepts nesting at the maximum depth', () => {
      const text = `${'('.repeat(31)}not (title pr)${')'.repeat(31)}`;

      expect(parseFilter(text)).toStrictEqual({ kind: 'not', filter: present('title') });
    });

    it('parses a 400-operand chain nested to the left', () => {
      const text = Array.from({ length: 400 }, () => 'a pr').join(' or ');
      let filter = parseFilter(text, { maxLength: 10_000 });
      let operands = 1;
      while (filter.kind === 'or') {
        expect(filter.right).toStrictEqual(present('a'));
        filter = filter.left;
        operands += 1;
      }

      expect(filter).toStrictEqual(present('a'));
      expect(operands).toBe(400);
    });

    it('parses and prints nesting at the depth ceiling', () => {
      const text = `${'not ('.repeat(250)}${'('.repeat(249)}emails[type pr]${')'.repeat(499)}`;
      let filter = parseFilter(text, { maxDepth: 500 });
      let nots = 0;
      while (filter.kind === 'not') {
        filter = filter.filter;
        nots += 1;
      }

      expect(nots).toBe(250);
      expect(filter).toStrictEqual({
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: present('type'),
      });
      expect(printFilter(parseFilter(text, { maxDepth: 500 }))).toBe(
        `${'not ('.repeat(250)}emails[type pr]${')'.repeat(250)}`,
      );
    });

    it('takes its limits from the options', () => {
      expect(parseFilter('((a pr))', { maxDepth: 2, maxLength: 8 })).toStrictEqual(present('a'));
    });

    it('rejects options that are not positive whole numbers', () => {
      expect(() => parseFilter('a pr', { maxDepth: 0 })).toThrow(
        new RangeError('parse option maxDepth must be a positive whole number, got 0'),
      );
      expect(() => parseFilter('a pr', { maxLength: 1.5 })).toThrow(
        new RangeError('parse option maxLength must be a positive whole number, got 1.5'),
      );
      expect(() => parseFilter('a pr', { maxDepth: 501 })).toThrow(
        new RangeError('parse option maxDepth must be at most 500, got 501'),
      );
    });
  });
});
