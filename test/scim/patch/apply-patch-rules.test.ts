import { attribute, SchemaRegistry, type ScimObject } from '../../../src/scim/schemas';
import { CUSTOM, deepFreeze, ENTERPRISE, patchRequest, scimErrorOf } from './patch-helpers';

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
  describe('mutability', () => {
    it.each([
      ['id', 'id', 'id'],
      ['meta', 'meta.version', 'meta.version'],
      ['groups', 'groups', 'groups'],
      ['displayName', `${ENTERPRISE}:manager.displayName`, `${ENTERPRISE}:manager.displayName`],
      ['$ref', 'manager.$ref', 'manager.$ref'],
    ])("rejects the readOnly '%s'", (name, path, quoted) => {
      const error = scimErrorOf(() => patchRequest(USER, [{ op: 'replace', path, value: 'x' }]));

      expect(error.scimType).toBe('mutability');
      expect(error.message).toBe(
        `Operations[0]: '${name}' in path '${quoted}' is readOnly: the service provider sets it, ` +
          'and PATCH cannot change it',
      );
    });

    it('rejects a readOnly attribute named in a value object', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'replace', value: { displayName: 'A', id: 'x' } }]),
      );

      expect(error.scimType).toBe('mutability');
      expect(error.message).toBe(
        "Operations[0]: 'id' in path 'id' is readOnly: the service provider sets it, and PATCH " +
          'cannot change it',
      );
    });

    it('rejects removing the required userName', () => {
      const error = scimErrorOf(() => patchRequest(USER, [{ op: 'remove', path: 'userName' }]));

      expect(error.scimType).toBe('mutability');
      expect(error.message).toBe(
        "Operations[0]: 'userName' is required and cannot be removed; replace it with a new " +
          'value instead',
      );
    });

    it('rejects changing an immutable sub-attribute that has a value', () => {
      const group = { displayName: 'G', members: [{ value: 'u1' }] };
      const error = scimErrorOf(() =>
        patchRequest(
          group,
          [{ op: 'replace', path: 'members[value eq "u1"].value', value: 'u2' }],
          {
            resourceType: 'Group',
          },
        ),
      );

      expect(error.scimType).toBe('mutability');
      expect(error.message).toBe(
        'Operations[0]: \'members.value\' is immutable and already has the value "u1"; it ' +
          'cannot be changed or removed through \'members[value eq "u1"].value\'',
      );
    });

    it('rejects removing an immutable sub-attribute that has a value', () => {
      const group = { displayName: 'G', members: [{ value: 'u1', type: 'User' }] };
      const error = scimErrorOf(() =>
        patchRequest(group, [{ op: 'remove', path: 'members[value eq "u1"].type' }], {
          resourceType: 'Group',
        }),
      );

      expect(error.scimType).toBe('mutability');
      expect(error.message).toBe(
        'Operations[0]: \'members.type\' is immutable and already has the value "User"; it ' +
          'cannot be changed or removed through \'members[value eq "u1"].type\'',
      );
    });

    it('allows removing a whole value with immutable sub-attributes', () => {
      const group = { displayName: 'G', members: [{ value: 'u1' }, { value: 'u2' }] };
      const result = patchRequest(group, [{ op: 'remove', path: 'members[value eq "u1"]' }], {
        resourceType: 'Group',
      });

      expect(result.document).toStrictEqual({ displayName: 'G', members: [{ value: 'u2' }] });
    });

    it('allows giving an immutable sub-attribute its first value', () => {
      const group = { displayName: 'G', members: [{ value: 'u1' }] };
      const result = patchRequest(
        group,
        [{ op: 'add', path: 'members[value eq "u1"].type', value: 'User' }],
        { resourceType: 'Group' },
      );

      expect(result.document).toStrictEqual({
        displayName: 'G',
        members: [{ value: 'u1', type: 'User' }],
      });
    });
  });

  describe('custom extensions', () => {
    const declared = SchemaRegistry.create([
      {
        id: CUSTOM,
        name: 'CustomExtensionName',
        description: 'Custom attributes',
        attributes: [
          attribute('level', 'integer', 'Seniority level.'),
          attribute('badge', 'string', 'Badge number, set once.', { mutability: 'immutable' }),
        ],
      },
    ]);

    it('converts values of a declared extension to their types', () => {
      const result = patchRequest(USER, [{ op: 'Add', path: `${CUSTOM}:level`, value: '5' }], {
        registry: declared,
      });

      expect(result.document[CUSTOM]).toStrictEqual({ level: 5 });
    });

    it('stores an attribute that a declared extension lacks as a string', () => {
      const document = { ...USER, [CUSTOM]: { level: 2 } };
      const result = patchRequest(document, [{ op: 'Add', path: `${CUSTOM}:tag`, value: 7 }], {
        registry: declared,
      });

      expect(result.document[CUSTOM]).toStrictEqual({ level: 2, tag: '7' });
    });

    it('rejects a sub-attribute of a declared simple attribute', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'Add', path: `${CUSTOM}:level.x`, value: 1 }], {
          registry: declared,
        }),
      );

      expect(error.scimType).toBe('invalidPath');
      expect(error.message).toBe(
        `Operations[0]: "${CUSTOM}:level.x" names 'x', which is not a sub-attribute of ` +
          "'level'; 'level' has no sub-attributes",
      );
    });

    it('rejects an attribute that a declared extension lacks unless accepted', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'Add', path: `${CUSTOM}:tag`, value: 'x' }], {
          registry: declared,
          acceptUndeclaredExtensions: false,
        }),
      );

      expect(error.scimType).toBe('invalidPath');
      expect(error.message).toBe(
        `Operations[0]: "${CUSTOM}:tag" is not an attribute of the extension schema ` +
          `'${CUSTOM}'; declare it in the SCIM settings first`,
      );
    });

    it('rejects changing an immutable attribute that has a value', () => {
      const document = { ...USER, [CUSTOM]: { badge: 'B1' } };
      const error = scimErrorOf(() =>
        patchRequest(document, [{ op: 'replace', path: `${CUSTOM}:badge`, value: 'B2' }], {
          registry: declared,
        }),
      );

      expect(error.scimType).toBe('mutability');
      expect(error.message).toBe(
        `Operations[0]: 'badge' is immutable and already has the value "B1"; it cannot be ` +
          `changed or removed through '${CUSTOM}:badge'`,
      );
    });

    it('rejects an undeclared extension unless accepted', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'Add', path: `${CUSTOM}:tag`, value: 'x' }], {
          acceptUndeclaredExtensions: false,
        }),
      );

      expect(error.scimType).toBe('invalidPath');
      expect(error.message).toBe(
        `Operations[0]: "${CUSTOM}:tag" uses the extension schema '${CUSTOM}', which is not ` +
          'declared for this organization; declare its attributes in the SCIM settings first',
      );
    });

    it('rejects a complex value for an undeclared extension attribute', () => {
      const error = scimErrorOf(() =>
        patchRequest(USER, [{ op: 'Add', path: `${CUSTOM}:tag`, value: ['a', 'b'] }]),
      );

      expect(error.scimType).toBe('invalidValue');
      expect(error.message).toBe(
        `Operations[0]: '${CUSTOM}:tag' is not a declared attribute, so it takes one string, ` +
          'number or boolean; got ["a","b"]. Declare the attribute with its type in the SCIM ' +
          'settings to store other values',
      );
    });

    it('matches undeclared URNs and names without regard to case', () => {
      const document = { ...USER, [CUSTOM]: { tag: 'blue', level: '1' } };
      const result = patchRequest(document, [
        { op: 'replace', path: `${CUSTOM.toLowerCase()}:TAG`, value: 'green' },
        { op: 'remove', path: `${CUSTOM}:Level` },
      ]);

      expect(result.document[CUSTOM]).toStrictEqual({ tag: 'green' });
    });
  });
});
