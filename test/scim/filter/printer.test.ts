import {
  parseFilter,
  parsePatchPath,
  printAttributePath,
  printFilter,
  printPatchPath,
  printValue,
  type Filter,
} from '../../../src/scim/filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function present(name: string): Filter {
  return { kind: 'present', path: { name } };
}

describe('printFilter', () => {
  it.each([
    ['userName EQ "x" AND active Eq TRUE', 'userName eq "x" and active eq true'],
    ['  title   pr  ', 'title pr'],
    ['NOT(title pr)', 'not (title pr)'],
    ['((a pr))', 'a pr'],
    ['a pr or b pr and c pr', 'a pr or b pr and c pr'],
    ['(a pr or b pr) and c pr', '(a pr or b pr) and c pr'],
    ['a pr and (b pr or c pr)', 'a pr and (b pr or c pr)'],
    ['(a pr and b pr) or c pr', 'a pr and b pr or c pr'],
    ['a pr and (b pr and c pr)', 'a pr and (b pr and c pr)'],
    ['(a pr and b pr) and c pr', 'a pr and b pr and c pr'],
    ['a pr or (b pr or c pr)', 'a pr or (b pr or c pr)'],
    ['not (a pr or b pr) and c pr', 'not (a pr or b pr) and c pr'],
    ['emails[type eq "work" or (type eq "home")]', 'emails[type eq "work" or type eq "home"]'],
    ['emails[type eq "work"].value eq "x"', 'emails[type eq "work" and value eq "x"]'],
    [
      'emails[type eq "a" or type eq "b"].value pr',
      'emails[(type eq "a" or type eq "b") and value pr]',
    ],
    ['count ge 1E3', 'count ge 1000'],
    ['count ge -0', 'count ge -0'],
    ['count ge 1e21', 'count ge 1e+21'],
    ['title eq NULL', 'title eq null'],
    [`${ENTERPRISE}:manager.value eq "x"`, `${ENTERPRISE}:manager.value eq "x"`],
  ])('prints %s as %s', (input, canonical) => {
    expect(printFilter(parseFilter(input))).toBe(canonical);
  });

  it('escapes strings as JSON', () => {
    const filter: Filter = {
      kind: 'compare',
      path: { name: 'displayName' },
      operator: 'eq',
      value: 'say "hi"\\\n\u0001\ud800/é',
    };

    expect(printFilter(filter)).toBe(String.raw`displayName eq "say \"hi\"\\\n\u0001\ud800/é"`);
  });

  it('parenthesizes a left operand that binds more loosely', () => {
    const filter: Filter = {
      kind: 'and',
      left: { kind: 'or', left: present('a'), right: present('b') },
      right: present('c'),
    };

    expect(printFilter(filter)).toBe('(a pr or b pr) and c pr');
  });

  it('prints a long chain without growing the stack per operand', () => {
    let filter: Filter = present('a');
    for (let index = 0; index < 50_000; index += 1) {
      filter = { kind: 'and', left: filter, right: present('a') };
    }

    const text = printFilter(filter);

    expect(text.length).toBe(50_001 * 4 + 50_000 * 5);
    expect(text.startsWith('a pr and a pr and a pr')).toBe(true);
  });
});

describe('printPatchPath', () => {
  it.each([
    'displayName',
    'name.givenName',
    `${ENTERPRISE}:manager.value`,
    'members[value eq "2819c223"]',
    'emails[type eq "work"].value',
    'emails[type eq "work" and primary eq true].display',
  ])('prints %s unchanged', (text) => {
    expect(printPatchPath(parsePatchPath(text))).toBe(text);
  });
});

describe('printAttributePath', () => {
  it('prints schema, name and sub-attribute as written', () => {
    expect(printAttributePath({ schema: ENTERPRISE, name: 'Manager', subAttribute: 'Value' })).toBe(
      `${ENTERPRISE}:Manager.Value`,
    );
  });

  it('prints a bare name', () => {
    expect(printAttributePath({ name: 'userName' })).toBe('userName');
  });
});

describe('printValue', () => {
  it.each<[string | number | boolean | null, string]>([
    ['x', '"x"'],
    [2.5, '2.5'],
    [-0, '-0'],
    [true, 'true'],
    [false, 'false'],
    [null, 'null'],
  ])('prints %p as %s', (value, text) => {
    expect(printValue(value)).toBe(text);
  });
});
