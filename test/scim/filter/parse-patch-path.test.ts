import {
  AttributePathSyntaxError,
  parseAttributePath,
  parseAttributePathList,
  parsePatchPath,
  PatchPathSyntaxError,
  type AttributePath,
  type PatchPath,
  type ScimSyntaxError,
} from '../../../src/scim/filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const NAME_RULE = "a name starts with a letter and contains only letters, digits, '-', '_' and '$'";

/** Returns the error that `parse` throws, failing when it throws none or another type. */
function errorOf<E extends ScimSyntaxError>(
  parse: () => unknown,
  ErrorType: new (...args: never[]) => E,
): E {
  try {
    parse();
  } catch (error) {
    if (error instanceof ErrorType) {
      return error;
    }

    throw error;
  }

  throw new Error(`expected ${ErrorType.name}, but parsing succeeded`);
}

describe('parsePatchPath', () => {
  it.each<[string, PatchPath]>([
    ['displayName', { kind: 'attribute', path: { name: 'displayName' } }],
    ['members', { kind: 'attribute', path: { name: 'members' } }],
    ['name.givenName', { kind: 'attribute', path: { name: 'name', subAttribute: 'givenName' } }],
    [`${ENTERPRISE}:manager`, { kind: 'attribute', path: { schema: ENTERPRISE, name: 'manager' } }],
    [
      `${ENTERPRISE}:manager.value`,
      { kind: 'attribute', path: { schema: ENTERPRISE, name: 'manager', subAttribute: 'value' } },
    ],
    [
      `${ENTERPRISE}:employeeNumber`,
      { kind: 'attribute', path: { schema: ENTERPRISE, name: 'employeeNumber' } },
    ],
    [
      `${CORE_USER}:name.givenName`,
      { kind: 'attribute', path: { schema: CORE_USER, name: 'name', subAttribute: 'givenName' } },
    ],
    [
      'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:tag',
      {
        kind: 'attribute',
        path: {
          schema: 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User',
          name: 'tag',
        },
      },
    ],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      {
        kind: 'valuePath',
        path: { name: 'members' },
        filter: {
          kind: 'compare',
          path: { name: 'value' },
          operator: 'eq',
          value: '2819c223-7f76-453a-919d-413861904646',
        },
      },
    ],
    [
      'emails[type eq "work"].value',
      {
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: { kind: 'compare', path: { name: 'type' }, operator: 'eq', value: 'work' },
        subAttribute: 'value',
      },
    ],
    [
      'addresses[type eq "work"].streetAddress',
      {
        kind: 'valuePath',
        path: { name: 'addresses' },
        filter: { kind: 'compare', path: { name: 'type' }, operator: 'eq', value: 'work' },
        subAttribute: 'streetAddress',
      },
    ],
    [
      'roles[primary eq "True"].value',
      {
        kind: 'valuePath',
        path: { name: 'roles' },
        filter: { kind: 'compare', path: { name: 'primary' }, operator: 'eq', value: 'True' },
        subAttribute: 'value',
      },
    ],
    [
      'phoneNumbers[type eq "mobile" and primary eq true].value',
      {
        kind: 'valuePath',
        path: { name: 'phoneNumbers' },
        filter: {
          kind: 'and',
          left: { kind: 'compare', path: { name: 'type' }, operator: 'eq', value: 'mobile' },
          right: { kind: 'compare', path: { name: 'primary' }, operator: 'eq', value: true },
        },
        subAttribute: 'value',
      },
    ],
    [
      `${CORE_USER}:emails[type eq "work"].value`,
      {
        kind: 'valuePath',
        path: { schema: CORE_USER, name: 'emails' },
        filter: { kind: 'compare', path: { name: 'type' }, operator: 'eq', value: 'work' },
        subAttribute: 'value',
      },
    ],
  ])('parses %s', (text, expected) => {
    expect(parsePatchPath(text)).toStrictEqual(expected);
  });

  it('parses a whole-extension URN as schema and name', () => {
    expect(parsePatchPath(ENTERPRISE)).toStrictEqual({
      kind: 'attribute',
      path: { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', name: 'User' },
    });
  });

  // [case, path, position, token, message]
  it.each<[string, string, number, string, string]>([
    [
      'empty path',
      '',
      0,
      '',
      'path is empty; write an attribute path such as displayName or emails[type eq "work"].value',
    ],
    [
      'unclosed bracket at the end',
      'emails[',
      7,
      '',
      "expected an attribute path, '(' or 'not (' after '[' at position 7, found the end of the path",
    ],
    [
      'missing value',
      'emails[type eq]',
      14,
      ']',
      "expected a value after 'eq' at position 14, found ']'; a value is a string in double quotes, a number, true, false or null",
    ],
    [
      'leading dot',
      '.value',
      0,
      '',
      "missing attribute name in '.value' at position 0; " + NAME_RULE,
    ],
    [
      'empty name between dots',
      'a..b',
      2,
      '',
      "missing attribute name in 'a..b' at position 2; " + NAME_RULE,
    ],
    [
      'filter expression as path',
      'displayName eq "x"',
      12,
      'eq',
      "expected '[' or the end of the path after 'displayName' at position 12, found 'eq'; a PATCH path is an attribute path or a value filter, as in emails[type eq \"work\"].value",
    ],
    [
      'garbage after bracket',
      'emails[type eq "work"] value',
      23,
      'value',
      "expected a sub-attribute such as '.value' or the end of the path after ']' at position 23, found 'value'",
    ],
    [
      'garbage after sub-attribute',
      'emails[type eq "work"].value x',
      29,
      'x',
      "expected the end of the path after '.value' at position 29, found 'x'",
    ],
    [
      'two sub-attributes after bracket',
      'emails[type eq "work"].value.display',
      22,
      '.value.display',
      '\'.value.display\' at position 22 names more than one sub-attribute; a value filter takes at most one, as in emails[type eq "work"].value',
    ],
    [
      'unclosed bracket',
      'emails[type eq "work"',
      21,
      '',
      "missing ']' for the '[' at position 6; the path ends at position 21",
    ],
    [
      'bracket first',
      '[type eq "work"]',
      0,
      '[',
      "expected an attribute path at position 0, found '['",
    ],
    [
      'nested value filter',
      'emails[type[value pr]]',
      11,
      '[',
      "value filters cannot nest: '[' at position 11 follows 'type' inside the value filter of 'emails'; a value filter compares sub-attributes only, as in emails[type eq \"work\"]",
    ],
    [
      'sub-attribute before bracket',
      'name.givenName[value pr]',
      0,
      'name.givenName',
      'a value filter must follow an attribute without a sub-attribute, but \'name.givenName\' at position 0 has one; filter the multi-valued attribute instead, as in emails[type eq "work"].value',
    ],
    [
      'Entra filter form',
      'emails[type eq "work"].value eq "x"',
      29,
      'eq',
      "expected the end of the path after '.value' at position 29, found 'eq'",
    ],
    [
      'invalid character',
      'e-mails/work',
      0,
      'e-mails/work',
      "invalid attribute path 'e-mails/work' at position 0; " + NAME_RULE,
    ],
    [
      'name starting with a digit',
      '2fa',
      0,
      '2fa',
      "invalid attribute name '2fa' at position 0; " + NAME_RULE,
    ],
  ])('rejects %s', (_case, text, position, token, message) => {
    const error = errorOf(() => parsePatchPath(text), PatchPathSyntaxError);

    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
    expect(error.kind).toBe('patchPath');
  });

  it('rejects a path over a configured maximum length', () => {
    const error = errorOf(
      () => parsePatchPath('displayName', { maxLength: 4 }),
      PatchPathSyntaxError,
    );

    expect(error.message).toBe(
      'path is 11 characters long, over the maximum length of 4 (maxLength); shorten it',
    );
  });
});

describe('parseAttributePath', () => {
  it.each<[string, AttributePath]>([
    ['userName', { name: 'userName' }],
    ['name.givenName', { name: 'name', subAttribute: 'givenName' }],
    ['meta.lastModified', { name: 'meta', subAttribute: 'lastModified' }],
    [`${ENTERPRISE}:employeeNumber`, { schema: ENTERPRISE, name: 'employeeNumber' }],
    [`${ENTERPRISE}:manager.value`, { schema: ENTERPRISE, name: 'manager', subAttribute: 'value' }],
    [' displayName ', { name: 'displayName' }],
  ])('parses %s', (text, expected) => {
    expect(parseAttributePath(text)).toStrictEqual(expected);
  });

  // [case, attribute path, position, token, message]
  it.each<[string, string, number, string, string]>([
    [
      'empty attribute path',
      '',
      0,
      '',
      'attribute path is empty; write a name such as userName or name.givenName',
    ],
    [
      'value path as sort key',
      'emails[type eq "work"]',
      6,
      '[',
      "expected the end of the attribute path after 'emails' at position 6, found '['",
    ],
    [
      'two words',
      'userName desc',
      9,
      'desc',
      "expected the end of the attribute path after 'userName' at position 9, found 'desc'",
    ],
    [
      'leading dot',
      '.givenName',
      0,
      '',
      "missing attribute name in '.givenName' at position 0; " + NAME_RULE,
    ],
    [
      'string',
      '"userName"',
      0,
      '"userName"',
      'expected an attribute path at position 0, found \'"userName"\'',
    ],
  ])('rejects %s', (_case, text, position, token, message) => {
    const error = errorOf(() => parseAttributePath(text), AttributePathSyntaxError);

    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
    expect(error.kind).toBe('attributePath');
  });
});

describe('parseAttributePathList', () => {
  it('parses comma-separated paths', () => {
    expect(parseAttributePathList(`userName, name.givenName,${ENTERPRISE}:manager`)).toStrictEqual([
      { name: 'userName' },
      { name: 'name', subAttribute: 'givenName' },
      { schema: ENTERPRISE, name: 'manager' },
    ]);
  });

  it('parses a single path', () => {
    expect(parseAttributePathList('members')).toStrictEqual([{ name: 'members' }]);
  });

  // [case, list, position, token, message]
  it.each<[string, string, number, string, string]>([
    [
      'empty item',
      'userName,,emails',
      9,
      '',
      'attribute path is empty at position 9; write a name such as userName or name.givenName',
    ],
    [
      'trailing comma',
      'userName,',
      9,
      '',
      'attribute path is empty at position 9; write a name such as userName or name.givenName',
    ],
    [
      'invalid item',
      'userName,name.given Name',
      20,
      'Name',
      "expected the end of the attribute path after 'name.given' at position 20, found 'Name'",
    ],
    [
      'empty list',
      '',
      0,
      '',
      'attribute path is empty; write a name such as userName or name.givenName',
    ],
  ])('rejects %s', (_case, text, position, token, message) => {
    const error = errorOf(() => parseAttributePathList(text), AttributePathSyntaxError);

    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
  });

  it('reports positions within the whole list', () => {
    const error = errorOf(
      () => parseAttributePathList('userName,emails,1x'),
      AttributePathSyntaxError,
    );

    expect(error.message).toBe(`invalid attribute name '1x' at position 16; ${NAME_RULE}`);
    expect(error.position).toBe(16);
  });
});
