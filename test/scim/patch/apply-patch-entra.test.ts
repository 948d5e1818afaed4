import type { ScimObject } from '../../../src/scim/schemas';
import { CUSTOM, ENTERPRISE, MANAGER_ID, patchRequest } from './patch-helpers';

/** A user as Entra ID creates it, in canonical form. */
const USER: ScimObject = {
  userName: 'ada@contoso.com',
  externalId: 'ada',
  active: true,
  displayName: 'Ada Lovelace',
  name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
  emails: [{ type: 'work', value: 'ada@contoso.com', primary: true }],
  [ENTERPRISE]: { employeeNumber: '100' },
};

interface EntraForm {
  name: string;
  document: ScimObject;
  /** Operations as Entra ID sends them by default. */
  withoutFlag: unknown[];
  /** Operations as Entra ID sends them with `aadOptscim062020` in the tenant URL. */
  withFlag: unknown[];
  expected: ScimObject;
}

const FORMS: EntraForm[] = [
  {
    name: 'update of several attributes',
    document: USER,
    withoutFlag: [
      { op: 'Replace', path: 'displayName', value: 'Ada King' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada.king@contoso.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Augusta' },
      { op: 'Replace', path: 'name.familyName', value: 'King' },
      { op: 'Replace', path: 'externalId', value: 'ada.king' },
      { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '200' },
    ],
    withFlag: [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'ada.king@contoso.com' },
      {
        op: 'replace',
        value: {
          displayName: 'Ada King',
          'name.givenName': 'Augusta',
          'name.familyName': 'King',
          externalId: 'ada.king',
          [`${ENTERPRISE}:employeeNumber`]: '200',
        },
      },
    ],
    expected: {
      ...USER,
      externalId: 'ada.king',
      displayName: 'Ada King',
      name: { formatted: 'Ada Lovelace', familyName: 'King', givenName: 'Augusta' },
      emails: [{ type: 'work', value: 'ada.king@contoso.com', primary: true }],
      [ENTERPRISE]: { employeeNumber: '200' },
    },
  },
  {
    name: 'add of a single-valued attribute',
    document: USER,
    withoutFlag: [{ op: 'Add', path: 'nickName', value: 'Babs' }],
    withFlag: [{ op: 'add', path: 'nickName', value: 'Babs' }],
    expected: { ...USER, nickName: 'Babs' },
  },
  {
    name: 'userName rename',
    document: USER,
    withoutFlag: [{ op: 'Replace', path: 'userName', value: 'ada.king@contoso.com' }],
    withFlag: [{ op: 'replace', value: { userName: 'ada.king@contoso.com' } }],
    expected: { ...USER, userName: 'ada.king@contoso.com' },
  },
  {
    name: 'disable',
    document: USER,
    withoutFlag: [{ op: 'Replace', path: 'active', value: 'False' }],
    withFlag: [{ op: 'replace', path: 'active', value: false }],
    expected: { ...USER, active: false },
  },
  {
    name: 'disable with a lower-case string',
    document: USER,
    withoutFlag: [{ op: 'Replace', path: 'active', value: 'false' }],
    withFlag: [{ op: 'replace', value: { active: 'false' } }],
    expected: { ...USER, active: false },
  },
  {
    name: 're-enable',
    document: { ...USER, active: false },
    withoutFlag: [{ op: 'Replace', path: 'active', value: 'True' }],
    withFlag: [{ op: 'replace', path: 'active', value: true }],
    expected: USER,
  },
  {
    name: 'work email, phone and address that do not exist yet',
    document: { userName: 'ada@contoso.com', active: true },
    withoutFlag: [
      { op: 'Add', path: 'emails[type eq "work"].value', value: 'ada@contoso.com' },
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
      { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Redmond' },
    ],
    withFlag: [
      { op: 'add', path: 'emails[type eq "work"].value', value: 'ada@contoso.com' },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      { op: 'add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
      { op: 'add', path: 'addresses[type eq "work"].locality', value: 'Redmond' },
    ],
    expected: {
      userName: 'ada@contoso.com',
      active: true,
      emails: [{ type: 'work', value: 'ada@contoso.com' }],
      phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
      addresses: [{ type: 'work', streetAddress: '1 Main St', locality: 'Redmond' }],
    },
  },
  {
    name: 'primary role selected by a string boolean',
    document: USER,
    withoutFlag: [{ op: 'Add', path: 'roles[primary eq "True"].value', value: 'Admin' }],
    withFlag: [{ op: 'add', path: 'roles[primary eq true].value', value: 'Admin' }],
    expected: { ...USER, roles: [{ primary: true, value: 'Admin' }] },
  },
  {
    name: 'role sent as JSON text',
    document: USER,
    withoutFlag: [
      {
        op: 'Add',
        path: 'roles',
        value: [{ value: '{"id":"06b07648","value":"Admin","displayName":"Administrator"}' }],
      },
    ],
    withFlag: [{ op: 'add', path: 'roles', value: [{ value: 'Admin' }] }],
    expected: { ...USER, roles: [{ value: 'Admin' }] },
  },
  {
    name: 'role with a string primary',
    document: USER,
    withoutFlag: [
      {
        op: 'Add',
        path: 'roles',
        value: '{"value":"Admin","primary":"True","type":"WindowsAzureActiveDirectoryRole"}',
      },
    ],
    withFlag: [
      {
        op: 'add',
        path: 'roles',
        value: [{ primary: 'True', type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }],
      },
    ],
    expected: {
      ...USER,
      roles: [{ value: 'Admin', primary: true, type: 'WindowsAzureActiveDirectoryRole' }],
    },
  },
  {
    name: 'manager as a bare id and as an object',
    document: USER,
    withoutFlag: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: MANAGER_ID }],
    withFlag: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: MANAGER_ID } }],
    expected: { ...USER, [ENTERPRISE]: { employeeNumber: '100', manager: { value: MANAGER_ID } } },
  },
  {
    name: 'manager in the legacy form without the URN',
    document: USER,
    withoutFlag: [{ op: 'Add', path: 'manager', value: [{ $ref: null, value: MANAGER_ID }] }],
    withFlag: [{ op: 'replace', path: `${ENTERPRISE}:manager.value`, value: MANAGER_ID }],
    expected: { ...USER, [ENTERPRISE]: { employeeNumber: '100', manager: { value: MANAGER_ID } } },
  },
  {
    name: 'manager removal',
    document: { ...USER, [ENTERPRISE]: { manager: { value: MANAGER_ID } } },
    withoutFlag: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }],
    withFlag: [{ op: 'remove', path: `${ENTERPRISE}:manager` }],
    expected: { ...USER, [ENTERPRISE]: undefined } as unknown as ScimObject,
  },
  {
    name: 'manager cleared with an empty id',
    document: { ...USER, [ENTERPRISE]: { employeeNumber: '100', manager: { value: MANAGER_ID } } },
    withoutFlag: [{ op: 'Replace', path: `${ENTERPRISE}:manager`, value: '' }],
    withFlag: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: '' } }],
    expected: USER,
  },
  {
    name: 'custom extension attribute',
    document: USER,
    withoutFlag: [{ op: 'Add', path: `${CUSTOM}:tag`, value: 'blue' }],
    withFlag: [{ op: 'add', value: { [`${CUSTOM}:tag`]: 'blue' } }],
    expected: { ...USER, [CUSTOM]: { tag: 'blue' } },
  },
  {
    name: 'custom extension object with and without its URN in schemas',
    document: USER,
    withoutFlag: [{ op: 'Replace', value: { [CUSTOM]: { tag: 'blue', level: 3 } } }],
    withFlag: [
      {
        op: 'replace',
        value: { schemas: [CUSTOM], [CUSTOM]: { tag: 'blue', level: 3 } },
      },
    ],
    expected: { ...USER, [CUSTOM]: { tag: 'blue', level: '3' } },
  },
];

describe('applyPatch on Entra ID requests', () => {
  describe.each(FORMS)('$name', ({ document, withoutFlag, withFlag, expected }) => {
    const exact = JSON.parse(JSON.stringify(expected)) as ScimObject;

    it('applies the default form', () => {
      const result = patchRequest(document, withoutFlag);

      expect(result.document).toStrictEqual(exact);
      expect(result.changed).toBe(true);
    });

    it('applies the aadOptscim062020 form', () => {
      const result = patchRequest(document, withFlag);

      expect(result.document).toStrictEqual(exact);
      expect(result.changed).toBe(true);
    });
  });
});

describe('applyPatch on Entra ID group requests', () => {
  const GROUP: ScimObject = { displayName: 'Engineering', externalId: 'e1' };

  it.each([
    ['Replace with a path', [{ op: 'Replace', path: 'displayName', value: 'Research' }]],
    ['replace without a path', [{ op: 'replace', value: { displayName: 'Research' } }]],
  ])('renames the group (%s)', (_form, operations) => {
    const result = patchRequest(GROUP, operations, { resourceType: 'Group' });

    expect(result.document).toStrictEqual({ displayName: 'Research', externalId: 'e1' });
    expect(result.changed).toBe(true);
  });

  it('replaces externalId without a path', () => {
    const result = patchRequest(GROUP, [{ op: 'replace', value: { externalId: 'e2' } }], {
      resourceType: 'Group',
    });

    expect(result.document).toStrictEqual({ displayName: 'Engineering', externalId: 'e2' });
  });
});
