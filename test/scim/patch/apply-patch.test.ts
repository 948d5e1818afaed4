import type { ScimObject } from '../../../src/scim/schemas';
import {
  CUSTOM,
  deepFreeze,
  ENTERPRISE,
  MANAGER_ID,
  patchRequest,
  scimErrorOf,
} from './patch-helpers';

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
  describe('add', () => {
    it('appends values that are not present yet', () => {
      const result = patchRequest(USER, [
        { op: 'add', path: 'emails', value: [{ value: 'ada@other.example', type: 'other' }] },
      ]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', type: 'work', primary: true },
        { value: 'ada@home.example', type: 'home' },
        { value: 'ada@other.example', type: 'other' },
      ]);
      expect(result.changed).toBe(true);
    });

    it('skips a value that is present, ignoring primary and case', () => {
      const result = patchRequest(USER, [
        {
          op: 'add',
          path: 'emails',
          value: [{ value: 'ADA@home.example', type: 'Home', primary: false }],
        },
      ]);

      expect(result.document).toStrictEqual(USER);
      expect(result.changed).toBe(false);
    });

    it('makes a present value primary and clears primary on the others', () => {
      const result = patchRequest(USER, [
        {
          op: 'add',
          path: 'emails',
          value: { value: 'ada@home.example', type: 'home', primary: true },
        },
      ]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', type: 'work', primary: false },
        { value: 'ada@home.example', type: 'home', primary: true },
      ]);
    });

    it('merges the sub-attributes of a complex attribute', () => {
      const result = patchRequest(USER, [
        { op: 'add', path: 'name', value: { middleName: 'Augusta', givenName: 'Ada A.' } },
      ]);

      expect(result.document.name).toStrictEqual({
        givenName: 'Ada A.',
        familyName: 'Lovelace',
        middleName: 'Augusta',
      });
    });

    it('sets a writeOnly password', () => {
      const result = patchRequest(USER, [{ op: 'add', path: 'password', value: 's3cret!' }]);

      expect(result.document.password).toBe('s3cret!');
    });

    it('accepts paths qualified with the core schema URN', () => {
      const result = patchRequest(USER, [
        {
          op: 'add',
          path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName',
          value: 'Augusta',
        },
      ]);

      expect(result.document.name).toStrictEqual({ givenName: 'Augusta', familyName: 'Lovelace' });
    });

    it('merges the given sub-attributes into every value the filter selects', () => {
      const result = patchRequest(USER, [
        { op: 'add', path: 'emails[type eq "home"]', value: { display: 'Home', primary: true } },
      ]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', type: 'work', primary: false },
        { value: 'ada@home.example', type: 'home', display: 'Home', primary: true },
      ]);
    });

    it('sets a sub-attribute on every value for a path without a filter', () => {
      const result = patchRequest(USER, [{ op: 'add', path: 'emails.display', value: 'Ada' }]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', type: 'work', primary: true, display: 'Ada' },
        { value: 'ada@home.example', type: 'home', display: 'Ada' },
      ]);
    });

    it('reads a core schema URN key as an object of core attributes', () => {
      const result = patchRequest(USER, [
        {
          op: 'add',
          value: {
            'urn:ietf:params:scim:schemas:core:2.0:User': {
              nickName: 'Ada',
              'name.middleName': 'A',
            },
          },
        },
      ]);

      expect(result.document).toStrictEqual({
        ...USER,
        nickName: 'Ada',
        name: { givenName: 'Ada', familyName: 'Lovelace', middleName: 'A' },
      });
    });

    it('merges an object under a path that names the enterprise extension', () => {
      const document = { ...USER, [ENTERPRISE]: { employeeNumber: '100' } };
      const result = patchRequest(document, [
        { op: 'add', path: ENTERPRISE, value: { department: 'Research', manager: MANAGER_ID } },
      ]);

      expect(result.document[ENTERPRISE]).toStrictEqual({
        employeeNumber: '100',
        department: 'Research',
        manager: { value: MANAGER_ID },
      });
    });
  });

  describe('replace', () => {
    it('replaces all values of a multi-valued attribute without a filter', () => {
      const result = patchRequest(USER, [
        { op: 'replace', path: 'emails', value: [{ value: 'a@x.example', type: 'work' }] },
      ]);

      expect(result.document.emails).toStrictEqual([{ value: 'a@x.example', type: 'work' }]);
    });

    it('updates every value the filter selects', () => {
      const result = patchRequest(USER, [
        {
          op: 'replace',
          path: 'emails[value ew ".example" or type eq "WORK"].display',
          value: 'Ada',
        },
      ]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', type: 'work', primary: true, display: 'Ada' },
        { value: 'ada@home.example', type: 'home', display: 'Ada' },
      ]);
    });

    it('clears primary on the other values when one becomes primary', () => {
      const result = patchRequest(USER, [
        { op: 'replace', path: 'emails[type eq "home"].primary', value: 'True' },
      ]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', type: 'work', primary: false },
        { value: 'ada@home.example', type: 'home', primary: true },
      ]);
    });

    it('removes the attribute when the value is null', () => {
      const result = patchRequest(USER, [{ op: 'replace', path: 'name', value: null }]);

      expect(result.document).toStrictEqual({
        userName: 'ada@contoso.com',
        active: true,
        emails: USER.emails,
      });
    });

    it('reports no change when the value is already there', () => {
      const result = patchRequest(USER, [
        { op: 'replace', path: 'name.givenName', value: 'Ada' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'ada@contoso.com' },
      ]);

      expect(result.document).toStrictEqual(USER);
      expect(result.changed).toBe(false);
    });

    it('creates no value for a filter that is not only eq comparisons', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [
          { op: 'replace', path: 'emails[type ne "work" and type ne "home"].value', value: 'x' },
        ]),
      );

      expect(error.scimType).toBe('noTarget');
      expect(error.message).toBe(
        'Operations[0]: no value of \'emails\' matches the filter in "emails[type ne \\"work\\" ' +
          'and type ne \\"home\\"].value", and a new value is created only for a filter of eq ' +
          'comparisons joined by and, such as [type eq "work"]',
      );
    });

    it('creates no value that the filter would not select', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [
          { op: 'replace', path: 'emails[type eq "other"].type', value: 'home' },
        ]),
      );

      expect(error.scimType).toBe('noTarget');
      expect(error.message).toBe(
        'Operations[0]: no value of \'emails\' matches the filter in "emails[type eq \\"other\\"]' +
          '.type", and the new value {"type":"home"} would not match the filter',
      );
    });
  });

  describe('remove', () => {
    it('removes an attribute', () => {
      const result = patchRequest(USER, [{ op: 'remove', path: 'emails' }]);

      expect(result.document).toStrictEqual({
        userName: 'ada@contoso.com',
        active: true,
        name: { givenName: 'Ada', familyName: 'Lovelace' },
      });
    });

    it('removes the values the filter selects', () => {
      const result = patchRequest(USER, [{ op: 'remove', path: 'emails[type eq "home"]' }]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', type: 'work', primary: true },
      ]);
    });

    it('removes a sub-attribute of the values the filter selects', () => {
      const result = patchRequest(USER, [{ op: 'remove', path: 'emails[primary eq "True"].type' }]);

      expect(result.document.emails).toStrictEqual([
        { value: 'ada@contoso.com', primary: true },
        { value: 'ada@home.example', type: 'home' },
      ]);
    });

    it('removes only the listed values of a value list', () => {
      const result = patchRequest(USER, [
        {
          op: 'remove',
          path: 'emails',
          value: [{ value: 'ADA@contoso.com' }, { value: 'nobody@x' }],
        },
      ]);

      expect(result.document.emails).toStrictEqual([{ value: 'ada@home.example', type: 'home' }]);
    });

    it('removes the complex attribute with its last sub-attribute', () => {
      const document = { ...USER, name: { givenName: 'Ada' } };
      const result = patchRequest(document, [{ op: 'remove', path: 'name.givenName' }]);

      expect(Object.keys(result.document)).toStrictEqual(['userName', 'active', 'emails']);
    });

    it('removes a whole extension named by its URN', () => {
      const document = { ...USER, [ENTERPRISE]: { employeeNumber: '100', department: 'R' } };
      const result = patchRequest(document, [{ op: 'remove', path: ENTERPRISE }]);

      expect(result.document).toStrictEqual(USER);
    });

    it('removes a whole undeclared extension named by its URN', () => {
      const document = { ...USER, [CUSTOM]: { tag: 'blue' } };
      const result = patchRequest(document, [{ op: 'remove', path: CUSTOM.toUpperCase() }]);

      expect(result.document).toStrictEqual(USER);
    });

    it('succeeds without a change for an attribute that has no value', () => {
      const result = patchRequest(USER, [{ op: 'remove', path: 'nickName' }]);

      expect(result.document).toStrictEqual(USER);
      expect(result.changed).toBe(false);
    });

    it('fails with noTarget when the filter selects nothing', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'remove', path: 'emails[type eq "other"]' }]),
      );

      expect(error.scimType).toBe('noTarget');
      expect(error.message).toBe(
        'Operations[0]: no value of \'emails\' matches the filter in "emails[type eq \\"other\\"]", ' +
          'so there is nothing to remove',
      );
      expect(error.attributePath).toBe('emails[type eq "other"]');
    });
  });
});
