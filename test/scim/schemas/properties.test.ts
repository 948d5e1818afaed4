import fc from 'fast-check';

import {
  coerceValue,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  normalizeResource,
  SchemaRegistry,
  ScimInputError,
  USER_SCHEMA,
  type AttributeDefinition,
  type ResourceTypeName,
  type ScimValue,
} from '../../../src/scim/schemas';
import { deepFreeze } from '../patch/patch-helpers';

const registry = SchemaRegistry.create();
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

/** Any JSON value, with strings that look like the values Entra sends. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'True',
      'false',
      '',
      ' ',
      '2026-12-04T10:00:00Z',
      '2026-13-45T99:00:00Z',
      '{"value":"x","primary":"True"}',
      '[1,2]',
      '1e999',
      '-0',
      '\u0000',
      '\ud800',
    ),
    weight: 2,
  },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), weight: 1 },
);

/** Attribute names of the resource type, in random case, plus unknown and read-only ones. */
function keyFor(resourceType: ResourceTypeName): fc.Arbitrary<string> {
  const core = registry.coreSchema(resourceType).attributes.map((attribute) => attribute.name);
  const extensions = registry.extensionSchemas(resourceType).map((schema) => schema.id);
  const known = [...core, ...extensions, 'schemas', 'id', 'meta', 'groups', 'unknownThing'];
  if (resourceType === 'User') {
    known.push(CUSTOM);
  }

  return fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 8 },
    {
      arbitrary: fc
        .constantFrom(...known)
        .map((key) => (key.length % 2 === 0 ? key.toUpperCase() : key.toLowerCase())),
      weight: 2,
    },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  );
}

/** Generates bodies shaped like a resource: known keys, values of any JSON type. */
function resourceBody(resourceType: ResourceTypeName): fc.Arbitrary<unknown> {
  const schemas = resourceType === 'User' ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [GROUP_SCHEMA];

  return fc.oneof(
    {
      arbitrary: fc
        .dictionary(keyFor(resourceType), anyValue, { maxKeys: 8, noNullPrototype: true })
        .map((body) => ({ schemas, ...body })),
      weight: 8,
    },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
  );
}

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

/** Returns every attribute and sub-attribute definition of the registry's schemas. */
function allDefinitions(): AttributeDefinition[] {
  const definitions: AttributeDefinition[] = [];
  const visit = (definition: AttributeDefinition) => {
    definitions.push(definition);
    definition.subAttributes?.forEach(visit);
  };
  registry.schemas.forEach((schema) => schema.attributes.forEach(visit));

  return definitions;
}

const RUNS = 1500;

describe('resource validator properties', () => {
  for (const resourceType of ['User', 'Group'] as const) {
    it(`normalizes ${resourceType} bodies or raises ScimInputError`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(resourceBody(resourceType), (body) => {
          const input = deepFreeze(body);
          const snapshot = JSON.stringify(input);

          try {
            const { document } = normalizeResource(input, registry, resourceType);
            accepted += 1;

            Object.entries(document).forEach(([key, value]) => expectCanonical(value, key));
            expect(JSON.parse(JSON.stringify(document))).toStrictEqual(document);
          } catch (error) {
            if (!(error instanceof ScimInputError)) {
              throw error;
            }
          }

          expect(JSON.stringify(input)).toBe(snapshot);
        }),
        { numRuns: RUNS },
      );

      // Guards the generator: a good share of bodies must get past the shape checks.
      expect(accepted).toBeGreaterThan(RUNS / 10);
    });

    it(`normalizes a normalized ${resourceType} to itself`, () => {
      fc.assert(
        fc.property(resourceBody(resourceType), (body) => {
          let document;
          try {
            document = normalizeResource(body, registry, resourceType).document;
          } catch (error) {
            if (error instanceof ScimInputError) {
              return;
            }
            throw error;
          }

          const again = normalizeResource(document, registry, resourceType).document;
          expect(again).toStrictEqual(document);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('coerces values of every attribute idempotently or raises ScimInputError', () => {
    const definitions = allDefinitions();
    let coerced = 0;

    fc.assert(
      fc.property(fc.constantFrom(...definitions), anyValue, (definition, value) => {
        const options = { dropReadOnly: true };
        let first: ScimValue | undefined;
        try {
          first = coerceValue(definition, deepFreeze(value), definition.name, options);
        } catch (error) {
          if (error instanceof ScimInputError) {
            expect(error.message).toContain(definition.name);
            return;
          }
          throw error;
        }

        coerced += 1;
        if (first !== undefined) {
          expect(coerceValue(definition, first, definition.name, options)).toStrictEqual(first);
        }
      }),
      { numRuns: 3000 },
    );

    expect(coerced).toBeGreaterThan(300);
  });
});
