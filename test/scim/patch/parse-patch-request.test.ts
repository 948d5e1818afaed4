import { parsePatchRequest } from '../../../src/scim/patch';
import { PATCH_OP_SCHEMA } from '../../../src/scim/schemas';
import { patchBody, scimErrorOf } from './patch-helpers';

const LIMITS = { maxOperations: 3 };

describe('parsePatchRequest', () => {
  it('returns the operations with op in lower case', () => {
    const operations = parsePatchRequest(
      patchBody([
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'ADD', path: 'nickName', value: 'Babs' },
        { op: 'remove', path: 'title' },
      ]),
      LIMITS,
    );

    expect(operations).toEqual([
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'add', path: 'nickName', value: 'Babs' },
      { op: 'remove', path: 'title' },
    ]);
  });

  it('matches member names and the PatchOp URN without regard to case', () => {
    const operations = parsePatchRequest(
      {
        SCHEMAS: [PATCH_OP_SCHEMA.toUpperCase()],
        operations: [{ OP: 'add', Path: 'displayName', VALUE: 'Ada' }],
      },
      LIMITS,
    );

    expect(operations).toEqual([{ op: 'add', path: 'displayName', value: 'Ada' }]);
  });

  it('keeps an operation without a path', () => {
    const operations = parsePatchRequest(
      patchBody([{ op: 'replace', value: { displayName: 'Ada', 'name.givenName': 'Ada' } }]),
      LIMITS,
    );

    expect(operations).toEqual([
      { op: 'replace', value: { displayName: 'Ada', 'name.givenName': 'Ada' } },
    ]);
  });

  it('keeps the value list of a remove, as Entra ID sends for members', () => {
    const operations = parsePatchRequest(
      patchBody([{ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }]),
      LIMITS,
    );

    expect(operations).toEqual([{ op: 'remove', path: 'members', value: [{ value: 'u1' }] }]);
  });

  it('keeps a null value as null', () => {
    const operations = parsePatchRequest(
      patchBody([{ op: 'replace', path: 'title', value: null }]),
      LIMITS,
    );

    expect(operations).toEqual([{ op: 'replace', path: 'title', value: null }]);
  });

  it('rejects a body that is not an object', () => {
    const error = scimErrorOf(() => parsePatchRequest([], LIMITS));

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      'the PATCH request body must be a JSON object such as ' +
        `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"replace","path":"displayName",` +
        '"value":"Ada"}]}, got []',
    );
  });

  it('rejects a body without the PatchOp schema', () => {
    const error = scimErrorOf(() =>
      parsePatchRequest(
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] },
        LIMITS,
      ),
    );

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      `the "schemas" of a PATCH request must contain "${PATCH_OP_SCHEMA}", ` +
        'got ["urn:ietf:params:scim:schemas:core:2.0:User"]',
    );
  });

  it('rejects a body without Operations', () => {
    const error = scimErrorOf(() => parsePatchRequest({ schemas: [PATCH_OP_SCHEMA] }, LIMITS));

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      'the PATCH request must have an "Operations" array; it has none. Send ' +
        `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"replace","path":"displayName",` +
        '"value":"Ada"}]}',
    );
  });

  it('rejects an empty Operations array', () => {
    const error = scimErrorOf(() => parsePatchRequest(patchBody([]), LIMITS));

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      'the "Operations" array of the PATCH request is empty; send at least one operation',
    );
  });

  it('rejects more operations than the maximum', () => {
    const operation = { op: 'remove', path: 'title' };
    const error = scimErrorOf(() =>
      parsePatchRequest(patchBody([operation, operation, operation, operation]), LIMITS),
    );

    expect(error.scimType).toBe('invalidValue');
    expect(error.message).toBe(
      'the PATCH request has 4 operations, more than the maximum of 3 ' +
        '(SCIM_MAX_PATCH_OPERATIONS); split the changes into ' +
        'several PATCH requests',
    );
  });

  it('rejects an unknown op, naming the operation', () => {
    const error = scimErrorOf(() =>
      parsePatchRequest(
        patchBody([
          { op: 'add', path: 'nickName', value: 'Babs' },
          { op: 'move', path: 'title' },
        ]),
        LIMITS,
      ),
    );

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      'Operations[1]: "op" must be "add", "replace" or "remove" (in any case); got "move"',
    );
  });

  it('rejects an operation without op', () => {
    const error = scimErrorOf(() => parsePatchRequest(patchBody([{ path: 'title' }]), LIMITS));

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      'Operations[0]: "op" must be "add", "replace" or "remove" (in any case); it has none',
    );
  });

  it('rejects an operation that is not an object', () => {
    const error = scimErrorOf(() => parsePatchRequest(patchBody(['add']), LIMITS));

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      'Operations[0]: an operation must be an object with "op", "path" and "value", got "add"',
    );
  });

  it('rejects an add without a value', () => {
    const error = scimErrorOf(() =>
      parsePatchRequest(patchBody([{ op: 'Add', path: 'nickName' }]), LIMITS),
    );

    expect(error.scimType).toBe('invalidValue');
    expect(error.message).toBe(
      'Operations[0]: an add operation needs a "value" for path "nickName"',
    );
    expect(error.attributePath).toBe('nickName');
  });

  it('rejects a replace without path or value', () => {
    const error = scimErrorOf(() => parsePatchRequest(patchBody([{ op: 'replace' }]), LIMITS));

    expect(error.scimType).toBe('invalidValue');
    expect(error.message).toBe('Operations[0]: a replace operation needs a "value"');
  });

  it('rejects a remove without a path with noTarget', () => {
    const error = scimErrorOf(() =>
      parsePatchRequest(
        patchBody([
          { op: 'add', path: 'title', value: 'x' },
          { op: 'remove', value: [] },
        ]),
        LIMITS,
      ),
    );

    expect(error.scimType).toBe('noTarget');
    expect(error.message).toBe(
      'Operations[1]: a remove operation needs a "path" naming what to remove, such as ' +
        '"nickName" or "members[value eq \\"<id>\\"]"',
    );
  });

  it('rejects a path that is not a string', () => {
    const error = scimErrorOf(() =>
      parsePatchRequest(patchBody([{ op: 'remove', path: ['title'] }]), LIMITS),
    );

    expect(error.scimType).toBe('invalidPath');
    expect(error.message).toBe(
      'Operations[0]: "path" must be a string such as "emails[type eq \\"work\\"].value", ' +
        'got ["title"]',
    );
  });

  it('rejects member names that differ only in case', () => {
    const error = scimErrorOf(() =>
      parsePatchRequest(
        patchBody([{ op: 'add', Op: 'remove', path: 'title', value: 'x' }]),
        LIMITS,
      ),
    );

    expect(error.scimType).toBe('invalidSyntax');
    expect(error.message).toBe(
      'Operations[0]: the operation has both "op" and "Op"; member names are case-insensitive, ' +
        'so send only one of them',
    );
  });
});
