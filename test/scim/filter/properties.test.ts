import fc from 'fast-check';

import {
  COMPARE_OPERATORS,
  FilterSyntaxError,
  parseFilter,
  parsePatchPath,
  PatchPathSyntaxError,
  printFilter,
  printPatchPath,
  type AttributePath,
  type AttributeRef,
  type Filter,
  type FilterValue,
  type PatchPath,
  type ScimSyntaxError,
  type ValueFilter,
} from '../../../src/scim/filter';

/** `fc.record` with ordinary prototypes, as the parser builds its objects. */
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true });
}

/** Printed trees can exceed the default 4096 characters; the property is about structure. */
const LARGE = { maxLength: 1_000_000 };

const SCHEMAS = [
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:core:2.0:Group',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
];

const name = fc.oneof(
  fc.stringMatching(/^\$?[A-Za-z][A-Za-z0-9_$-]{0,10}$/),
  fc.constantFrom('not', 'and', 'or', 'pr', 'eq', 'true', 'null', 'NOT', 'Or', 'value', 'type'),
);

const schema = fc.oneof(
  fc.constantFrom(...SCHEMAS),
  fc
    .stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/)
    .map((extension) => `urn:ietf:params:scim:schemas:extension:${extension}:2.0:User`),
);

const attributeRef: fc.Arbitrary<AttributeRef> = fc
  .tuple(fc.option(schema, { nil: undefined }), name)
  .map(([schemaUrn, attribute]) =>
    schemaUrn === undefined ? { name: attribute } : { schema: schemaUrn, name: attribute },
  );

const attributePath: fc.Arbitrary<AttributePath> = fc
  .tuple(attributeRef, fc.option(name, { nil: undefined }))
  .map(([ref, subAttribute]) => (subAttribute === undefined ? ref : { ...ref, subAttribute }));

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const value: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string({ unit: codeUnit }),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

const attributeExpression: fc.Arbitrary<ValueFilter> = fc.oneof(
  record({
    kind: fc.constant('compare' as const),
    path: attributePath,
    operator: fc.constantFrom(...COMPARE_OPERATORS),
    value,
  }),
  record({ kind: fc.constant('present' as const), path: attributePath }),
);

const trees = fc.letrec<{ filter: Filter; valueFilter: ValueFilter }>((tie) => ({
  filter: fc.oneof(
    { maxDepth: 6, depthSize: 'small' },
    attributeExpression,
    record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      left: tie('filter'),
      right: tie('filter'),
    }),
    record({ kind: fc.constant('not' as const), filter: tie('filter') }),
    record({
      kind: fc.constant('valuePath' as const),
      path: attributeRef,
      filter: tie('valueFilter'),
    }),
  ),
  valueFilter: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    attributeExpression,
    record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      left: tie('valueFilter'),
      right: tie('valueFilter'),
    }),
    record({ kind: fc.constant('not' as const), filter: tie('valueFilter') }),
  ),
}));

const patchPath: fc.Arbitrary<PatchPath> = fc.oneof(
  record({ kind: fc.constant('attribute' as const), path: attributePath }),
  fc
    .tuple(attributeRef, trees.valueFilter, fc.option(name, { nil: undefined }))
    .map(([path, filter, subAttribute]) =>
      subAttribute === undefined
        ? { kind: 'valuePath' as const, path, filter }
        : { kind: 'valuePath' as const, path, filter, subAttribute },
    ),
);

const FRAGMENTS = [
  ' ',
  '  ',
  '(',
  ')',
  '[',
  ']',
  '"',
  '\\',
  '.',
  ':',
  ',',
  '-',
  '@',
  'and',
  'or',
  'not',
  'pr',
  'eq',
  'EQ',
  'sw',
  'gt',
  'true',
  'null',
  'userName',
  'emails',
  'type',
  'value',
  '"work"',
  '"a\\"b"',
  '"\\u00e9"',
  '"\\q"',
  '1',
  '-2.5e3',
  '01',
  '1e999',
  'urn:ietf:params:scim:',
  'schemas:core:2.0:User:',
  'name.givenName',
  '].value',
  '\t',
  '\n',
  '\u0000',
  'é',
  '\ud800',
];

/** Pieces of filters and a few random characters, to be joined into mostly invalid text. */
const fragment = fc.oneof(
  { arbitrary: fc.constantFrom(...FRAGMENTS), weight: 6 },
  { arbitrary: fc.string({ unit: codeUnit, maxLength: 3 }), weight: 1 },
);

/** Fragments joined mostly by spaces, so that the parser gets past the first word. */
const tokenSoup = fc
  .array(fc.tuple(fragment, fc.constantFrom(' ', ' ', ' ', '')), { maxLength: 30 })
  .map((parts) => parts.map(([part, separator]) => part + separator).join(''));

const mutation = record({
  at: fc.nat(),
  action: fc.constantFrom('insert', 'delete', 'replace'),
  text: fc.oneof(fragment, fc.constant('')),
});

/** Applies edits at positions taken modulo the current length. */
function mutate(text: string, edits: readonly { at: number; action: string; text: string }[]) {
  let result = text;
  for (const edit of edits) {
    const at = result.length === 0 ? 0 : edit.at % result.length;
    const keepFrom = edit.action === 'insert' ? at : at + 1;
    const inserted = edit.action === 'delete' ? '' : edit.text;
    result = result.slice(0, at) + inserted + result.slice(keepFrom);
  }

  return result;
}

/**
 * Parses `text`, which must either succeed with a tree that prints and parses back to itself,
 * or fail with `ErrorType` whose token appears in the text at the reported position.
 */
function checkParse<T>(
  text: string,
  parse: (text: string, options?: { maxLength: number }) => T,
  print: (tree: T) => string,
  ErrorType: new (...args: never[]) => ScimSyntaxError,
): void {
  let tree: T;
  try {
    tree = parse(text);
  } catch (error) {
    if (!(error instanceof ErrorType)) {
      throw error;
    }

    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(text.length);
    expect(text.startsWith(error.token, error.position)).toBe(true);

    return;
  }

  expect(parse(print(tree), LARGE)).toStrictEqual(tree);
}

describe('filter properties', () => {
  it('parses every printed tree back to the same tree', () => {
    fc.assert(
      fc.property(trees.filter, (filter) => {
        const text = printFilter(filter);

        expect(parseFilter(text, LARGE)).toStrictEqual(filter);
        expect(printFilter(parseFilter(text, LARGE))).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('parses every printed PATCH path back to the same path', () => {
    fc.assert(
      fc.property(patchPath, (path) => {
        expect(parsePatchPath(printPatchPath(path), LARGE)).toStrictEqual(path);
      }),
      { numRuns: 1500 },
    );
  });

  it('returns a tree or a FilterSyntaxError for glued fragments', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        checkParse(text, parseFilter, printFilter, FilterSyntaxError);
      }),
      { numRuns: 3000 },
    );
  });

  it('returns a tree or a FilterSyntaxError for mutated filters', () => {
    fc.assert(
      fc.property(trees.filter, fc.array(mutation, { minLength: 1, maxLength: 4 }), (f, edits) => {
        checkParse(mutate(printFilter(f), edits), parseFilter, printFilter, FilterSyntaxError);
      }),
      { numRuns: 3000 },
    );
  });

  it('returns a path or a PatchPathSyntaxError for mutated paths', () => {
    fc.assert(
      fc.property(patchPath, fc.array(mutation, { minLength: 1, maxLength: 3 }), (path, edits) => {
        const text = mutate(printPatchPath(path), edits);
        checkParse(text, parsePatchPath, printPatchPath, PatchPathSyntaxError);
      }),
      { numRuns: 1500 },
    );
  });

  it('returns a tree or a FilterSyntaxError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 60 }), (text) => {
        checkParse(text, parseFilter, printFilter, FilterSyntaxError);
      }),
      { numRuns: 1000 },
    );
  });
});
