import fc from 'fast-check';

import type { PatchOperation } from '../../../src/scim/patch';
import { ScimInputError, type ScimObject, type ScimValue } from '../../../src/scim/schemas';
import { CUSTOM, deepFreeze, ENTERPRISE, patchRequest, patchUser } from './patch-helpers';

/** `fc.record` with ordinary prototypes, as JSON.parse builds objects. */
function record<T>(
  model: { [K in keyof T]: fc.Arbitrary<T[K]> },
  requiredKeys: (keyof T)[],
): fc.Arbitrary<Partial<T>> {
  return fc.record(model, { requiredKeys, noNullPrototype: true }) as fc.Arbitrary<Partial<T>>;
}

const text = fc.string({ maxLength: 10 });
const label = fc.constantFrom('work', 'home', 'other', 'Work', 'mobile');

const multiValue = record({ value: text, type: label, primary: fc.boolean(), display: text }, [
  'value',
]);

const address = record(
  { type: label, streetAddress: text, locality: text, primary: fc.boolean() },
  ['type'],
);

const userDocument: fc.Arbitrary<ScimObject> = record(
  {
    userName: fc.string({ minLength: 1, maxLength: 12 }),
    active: fc.boolean(),
    displayName: text,
    nickName: text,
    name: record({ givenName: text, familyName: text }, ['givenName']),
    emails: fc.array(multiValue, { minLength: 1, maxLength: 3 }),
    phoneNumbers: fc.array(multiValue, { minLength: 1, maxLength: 2 }),
    roles: fc.array(multiValue, { minLength: 1, maxLength: 2 }),
    addresses: fc.array(address, { minLength: 1, maxLength: 2 }),
    [ENTERPRISE]: record(
      { employeeNumber: text, department: text, manager: record({ value: text }, ['value']) },
      ['employeeNumber'],
    ),
    [CUSTOM]: record({ tag: text }, ['tag']),
  },
  ['userName'],
) as fc.Arbitrary<ScimObject>;

const ATTRIBUTE_PATHS = [
  'userName',
  'displayName',
  'nickName',
  'active',
  'title',
  'name',
  'name.givenName',
  'NAME.familyname',
  'emails',
  'phoneNumbers',
  'roles',
  'addresses',
  'emails.value',
  'addresses.locality',
  'externalId',
  'password',
  'manager',
  ENTERPRISE,
  `${ENTERPRISE}:employeeNumber`,
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:manager.value`,
  `${CUSTOM}:tag`,
  CUSTOM,
  'urn:ietf:params:scim:schemas:core:2.0:User:displayName',
];

/** Paths that every operation on them rejects: readOnly or undefined attributes. */
const REJECTED_PATHS = ['id', 'meta.created', 'groups', 'favoriteColor', 'name[givenName pr]'];

const filterPath = fc
  .tuple(
    fc.constantFrom('emails', 'phoneNumbers', 'roles', 'addresses'),
    fc.constantFrom('type', 'type', 'primary', 'value', 'display', 'streetAddress'),
    fc.constantFrom('eq', 'eq', 'eq', 'ne', 'co', 'sw', 'gt', 'pr'),
    fc.oneof(
      fc.constantFrom('"work"', '"True"', 'true', 'null', '1'),
      text.map((t) => JSON.stringify(t)),
    ),
    fc.option(fc.constantFrom('value', 'display', 'type', 'primary', 'locality'), {
      nil: undefined,
    }),
  )
  .map(([attribute, sub, operator, value, after]) => {
    const comparison = operator === 'pr' ? `${sub} pr` : `${sub} ${operator} ${value}`;
    return `${attribute}[${comparison}]${after === undefined ? '' : `.${after}`}`;
  });

const path = fc.oneof(
  { arbitrary: fc.constantFrom(...ATTRIBUTE_PATHS), weight: 12 },
  { arbitrary: filterPath, weight: 6 },
  { arbitrary: fc.constantFrom(...REJECTED_PATHS), weight: 1 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);

const leafValue = fc.oneof(
  text,
  fc.constantFrom('True', 'False', 'false', '', '{"value":"admin","primary":"True"}'),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
);

const value = fc.oneof(
  { arbitrary: leafValue, weight: 4 },
  { arbitrary: multiValue, weight: 2 },
  { arbitrary: fc.array(fc.oneof(multiValue, leafValue), { maxLength: 3 }), weight: 2 },
  {
    arbitrary: fc.dictionary(fc.constantFrom(...ATTRIBUTE_PATHS, 'schemas'), leafValue, {
      maxKeys: 3,
      noNullPrototype: true,
    }),
    weight: 2,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

/** Generates values of the type that `target` expects, for paths the engine accepts. */
function compatibleValue(target: string): fc.Arbitrary<unknown> {
  const lower = target.toLowerCase();

  if (lower.includes('manager')) {
    return fc.oneof(
      text,
      record({ value: text }, ['value']),
      text.map((id) => [{ $ref: null, value: id }]),
    );
  }
  if (lower === 'active') {
    return fc.oneof(fc.boolean(), fc.constantFrom('True', 'False', 'false'));
  }
  if (lower === 'name') {
    return record({ givenName: text, familyName: text }, []);
  }
  if (lower === 'addresses') {
    return fc.array(address, { maxLength: 2 });
  }
  if (['emails', 'phonenumbers', 'roles'].includes(lower)) {
    return fc.oneof(fc.array(multiValue, { maxLength: 3 }), multiValue);
  }
  if (lower === ENTERPRISE.toLowerCase()) {
    return record({ employeeNumber: text, department: text }, []);
  }
  if (lower === CUSTOM.toLowerCase()) {
    return record({ tag: text, level: fc.integer() }, []);
  }
  if (target.endsWith(']')) {
    return target.startsWith('addresses') ? address : multiValue;
  }

  return text;
}

const pathAndValue = path.chain((target) =>
  fc
    .oneof({ arbitrary: compatibleValue(target), weight: 4 }, { arbitrary: value, weight: 1 })
    .map((item) => ({ path: target, value: item })),
);

/** Mostly well-formed operations, so that most requests reach the engine's semantics. */
const rawOperation = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom('add', 'replace', 'Add', 'Replace'), pathAndValue)
      .map(([op, target]) => ({ op, ...target })),
    weight: 14,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('add', 'replace'), compatibleValue('name'), compatibleValue('emails'))
      .map(([op, name, emails]) => ({ op, value: { name, emails, 'name.givenName': 'Ada' } })),
    weight: 3,
  },
  {
    arbitrary: record({ op: fc.constantFrom('remove', 'Remove'), path }, ['op', 'path']),
    weight: 8,
  },
  { arbitrary: record({ op: fc.string({ maxLength: 8 }), path, value }, ['op']), weight: 1 },
);

/** Fails on null, and on empty objects and arrays, which canonical documents never contain. */
function expectCanonical(value: ScimValue, where: string): void {
  if (value === null || value === undefined) {
    throw new Error(`${where} is ${String(value)}`);
  }

  if (Array.isArray(value)) {
    expect(value.length).toBeGreaterThan(0);
    value.forEach((item, index) => expectCanonical(item, `${where}[${index}]`));
    return;
  }

  if (typeof value === 'object') {
    expect(Object.keys(value).length).toBeGreaterThan(0);
    Object.entries(value).forEach(([key, item]) => expectCanonical(item, `${where}.${key}`));
  }
}

const RUNS = 3000;

describe('applyPatch properties', () => {
  it('throws only ScimInputError, never mutates its input and keeps documents canonical', () => {
    let applied = 0;
    fc.assert(
      fc.property(
        userDocument,
        fc.array(rawOperation, { minLength: 1, maxLength: 3 }),
        (document, operations) => {
          const input = deepFreeze(document);
          const snapshot = JSON.stringify(input);

          try {
            const result = patchRequest(input, operations);

            expectCanonical(result.document, 'document');
            applied += 1;
            if (!result.changed) {
              expect(result.document).toStrictEqual(JSON.parse(snapshot));
            }
          } catch (error) {
            if (!(error instanceof ScimInputError)) {
              throw error;
            }
          }

          expect(JSON.stringify(input)).toBe(snapshot);
        },
      ),
      { numRuns: RUNS },
    );

    // Guards the generators: most requests must reach the engine, not fail on their shape.
    expect(applied).toBeGreaterThan(RUNS / 4);
  });

  // Filters select on type or primary and the operations write other sub-attributes, because a
  // replace that changes what its own filter tests selects nothing the second time (noTarget).
  const replaceOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
    fc
      .tuple(fc.constantFrom(...ATTRIBUTE_PATHS), value)
      .map(([target, item]) => ({ op: 'replace' as const, path: target, value: item })),
    fc
      .tuple(
        fc.constantFrom('emails', 'phoneNumbers', 'roles', 'addresses'),
        fc.constantFrom(
          'type eq "work"',
          'type eq "Home"',
          'primary eq "True"',
          'primary eq false',
        ),
        fc.constantFrom('.value', '.display', '.locality', ''),
        fc.oneof(text, fc.constant(null), record({ value: text, display: text }, ['value'])),
      )
      .map(([attribute, filter, sub, item]) => ({
        op: 'replace' as const,
        path: `${attribute}[${filter}]${sub}`,
        value: item,
      })),
    fc
      .dictionary(fc.constantFrom(...ATTRIBUTE_PATHS), value, { maxKeys: 4, noNullPrototype: true })
      .map((item) => ({ op: 'replace' as const, value: item })),
  );

  it('changes nothing when the same replace is applied again', () => {
    let repeated = 0;
    fc.assert(
      fc.property(userDocument, replaceOperation, (document, operation) => {
        let first;
        try {
          first = patchUser(document, [operation]);
        } catch (error) {
          if (error instanceof ScimInputError) {
            return;
          }
          throw error;
        }

        const second = patchUser(first.document, [operation]);
        repeated += 1;

        expect(second.document).toStrictEqual(first.document);
        expect(second.changed).toBe(false);
      }),
      { numRuns: RUNS },
    );

    expect(repeated).toBeGreaterThan(RUNS / 4);
  });
});
