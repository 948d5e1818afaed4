import type { PatchOperation } from '../../../src/scim/patch';
import { customExtensionSchemas, SchemaRegistry } from '../../../src/scim/schemas';
import { writesUndeclaredAttribute } from '../../../src/domain/extensions/patch-discovery';

const ACME = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const registry = SchemaRegistry.create(
  customExtensionSchemas([
    {
      schemaUrn: ACME,
      name: 'level',
      type: 'integer',
      description: '',
      required: false,
      caseExact: false,
    },
  ]),
);

describe('writesUndeclaredAttribute', () => {
  it.each<[string, PatchOperation, boolean]>([
    ['a declared path', { op: 'add', path: `${ACME}:level`, value: 1 }, false],
    ['a declared path in other case', { op: 'add', path: `${ACME.toLowerCase()}:LEVEL` }, false],
    ['an undeclared path', { op: 'add', path: `${ACME}:badge`, value: 'x' }, true],
    ['a malformed extension URN', { op: 'replace', path: `${ACME}x:level`, value: 1 }, false],
    [
      'a path into another extension',
      { op: 'add', path: `${ACME.replace('Acme', 'Zed')}:a` },
      true,
    ],
    ['the URN with new names', { op: 'add', path: ACME, value: { badge: 'x' } }, true],
    ['the URN with declared names', { op: 'add', path: ACME, value: { level: 2 } }, false],
    ['a key with a new name', { op: 'replace', value: { [`${ACME}:badge`]: 'x' } }, true],
    ['a URN key with a new name', { op: 'replace', value: { [ACME]: { badge: 'x' } } }, true],
    ['core attributes', { op: 'replace', value: { displayName: 'Ada' } }, false],
    ['the enterprise extension', { op: 'add', path: `${ENTERPRISE}:department` }, false],
    ['a remove', { op: 'remove', path: `${ACME}:badge` }, false],
  ])('classifies %s', (_case, operation, expected) => {
    expect(writesUndeclaredAttribute([operation], registry)).toBe(expected);
  });
});
