import fc from 'fast-check';

import { ScimInputError, type ScimObject } from '../../../src/scim/schemas';
import { CUSTOM, deepFreeze, ENTERPRISE, patchRequest } from './patch-helpers';

const text = fc.string({ maxLength: 8 });
const label = fc.constantFrom('work', 'home', 'other');

const multiValue = fc.record(
  { value: text, type: label, primary: fc.boolean() },
  { requiredKeys: ['value'], noNullPrototype: true },
);

const document: fc.Arbitrary<ScimObject> = fc.record(
  {
    userName: fc.string({ minLength: 1, maxLength: 8 }),
    name: fc.record({ givenName: text, familyName: text }, { noNullPrototype: true }),
    emails: fc.array(multiValue, { minLength: 1, maxLength: 3 }),
    roles: fc.array(multiValue, { minLength: 1, maxLength: 2 }),
    [ENTERPRISE]: fc.record(
      { department: text, manager: fc.record({ value: text }, { noNullPrototype: true }) },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
  { requiredKeys: ['userName'], noNullPrototype: true },
) as fc.Arbitrary<ScimObject>;

/** Operations whose values are objects and arrays, the values a careless engine would alias. */
const operation = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('add', 'replace'),
      fc.constantFrom('emails', 'roles', 'phoneNumbers'),
      fc.array(multiValue, { maxLength: 2 }),
    )
    .map(([op, path, value]) => ({ op, path, value })),
  fc
    .tuple(
      fc.constantFrom('add', 'replace'),
      fc.record({ givenName: text, familyName: text }, { noNullPrototype: true }),
    )
    .map(([op, value]) => ({ op, path: 'name', value })),
  fc
    .tuple(fc.constantFrom('add', 'replace'), fc.array(multiValue, { maxLength: 2 }), text)
    .map(([op, emails, department]) => ({
      op,
      value: { emails, [ENTERPRISE]: { department, manager: { value: department } } },
    })),
  fc
    .tuple(fc.constantFrom('add', 'replace'), fc.record({ tag: text }, { noNullPrototype: true }))
    .map(([op, value]) => ({ op, path: CUSTOM, value })),
  fc
    .constantFrom('emails[type eq "work"]', 'roles', 'name.givenName', ENTERPRISE)
    .map((path) => ({ op: 'remove', path })),
);

/** Collects every object and array reachable from `value`. */
function objectsIn(value: unknown, found = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null && !found.has(value)) {
    found.add(value);
    Object.values(value).forEach((item) => objectsIn(item, found));
  }

  return found;
}

describe('applyPatch aliasing properties', () => {
  it('returns a document sharing no object with the request', () => {
    let applied = 0;

    fc.assert(
      fc.property(document, fc.array(operation, { minLength: 1, maxLength: 4 }), (doc, ops) => {
        const operations = deepFreeze(ops);
        const snapshot = JSON.stringify(operations);
        let result;
        try {
          result = patchRequest(deepFreeze(doc), operations);
        } catch (error) {
          if (error instanceof ScimInputError) {
            return;
          }
          throw error;
        }
        applied += 1;

        const requestObjects = objectsIn(operations);
        const shared = [...objectsIn(result.document)].filter((item) => requestObjects.has(item));

        expect(shared).toEqual([]);
        expect(JSON.stringify(operations)).toBe(snapshot);
      }),
      { numRuns: 2000 },
    );

    expect(applied).toBeGreaterThan(500);
  });
});
