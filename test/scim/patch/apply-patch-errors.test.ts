import { applyPatch } from '../../../src/scim/patch';
import type { ScimObject } from '../../../src/scim/schemas';
import { deepFreeze, patchRequest, registry, scimErrorOf } from './patch-helpers';

const USER = deepFreeze<ScimObject>({
  userName: 'ada@contoso.com',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@contoso.com', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
});

describe('applyPatch', () => {
  describe('errors', () => {
    it('rejects an attribute the schemas do not define', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'add', path: 'favoriteColor', value: 'blue' }]),
      );

      expect(error.scimType).toBe('invalidPath');
      expect(error.message).toBe(
        'Operations[0]: attribute "favoriteColor" is not defined in the User schemas; use an ' +
          'attribute listed by GET /Schemas',
      );
    });

    it('lists the sub-attributes for an unknown sub-attribute', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'add', path: 'name.nick', value: 'x' }]),
      );

      expect(error.scimType).toBe('invalidPath');
      expect(error.message).toBe(
        "Operations[0]: \"name.nick\" names 'nick', which is not a sub-attribute of 'name'; its " +
          'sub-attributes are formatted, familyName, givenName, middleName, honorificPrefix, ' +
          'honorificSuffix',
      );
    });

    it("reports a malformed path with the parser's message", () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }]),
      );

      expect(error.scimType).toBe('invalidPath');
      expect(error.message).toBe(
        'Operations[0]: invalid path "emails[type eq \\"work\\"": missing \']\' for the \'[\' at ' +
          'position 6; the path ends at position 21',
      );
    });

    it('rejects a value filter on a single-valued attribute', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'replace', path: 'name[givenName eq "Ada"]', value: {} }]),
      );

      expect(error.scimType).toBe('invalidPath');
      expect(error.message).toBe(
        'Operations[0]: "name[givenName eq \\"Ada\\"]" puts a value filter on \'name\', which is ' +
          'not multi-valued; value filters select values of multi-valued attributes such as emails',
      );
    });

    it('rejects a value of the wrong type', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'replace', path: 'active', value: 'maybe' }]),
      );

      expect(error.scimType).toBe('invalidValue');
      expect(error.message).toBe(
        'Operations[0]: attribute \'active\' must be a boolean (true or false), got "maybe"',
      );
    });

    it('rejects a non-object value without a path', () => {
      const error = scimErrorOf(() => patchRequest(USER, [{ op: 'replace', value: 'Ada' }]));

      expect(error.scimType).toBe('invalidValue');
      expect(error.message).toBe(
        'Operations[0]: a replace operation without a path needs an object of attributes as ' +
          'its value, such as {"displayName":"Ada"}; got "Ada"',
      );
    });

    it('names the third operation and leaves the input unchanged', () => {
      const before = JSON.stringify(USER);
      const error = scimErrorOf(() =>
        patchRequest(USER, [
          { op: 'replace', path: 'displayName', value: 'Ada King' },
          { op: 'remove', path: 'emails[type eq "home"]' },
          { op: 'replace', path: 'meta.lastModified', value: '2026-01-01T00:00:00Z' },
        ]),
      );

      expect(error.scimType).toBe('mutability');
      expect(error.message).toBe(
        "Operations[2]: 'meta' in path 'meta.lastModified' is readOnly: the service provider " +
          'sets it, and PATCH cannot change it',
      );
      expect(JSON.stringify(USER)).toBe(before);
    });

    it('names operations by their position in the request', () => {
      const error = scimErrorOf(() =>
        applyPatch(USER, [{ op: 'remove', path: 'id' }], {
          registry,
          resourceType: 'User',
          acceptUndeclaredExtensions: false,
          operationIndexes: [4],
        }),
      );

      expect(error.message).toBe(
        "Operations[4]: 'id' in path 'id' is readOnly: the service provider sets it, and PATCH " +
          'cannot change it',
      );
    });
  });
});
