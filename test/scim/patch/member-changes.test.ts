import { applyPatch, parsePatchRequest, splitMemberOperations } from '../../../src/scim/patch';
import type { PatchOperation, PatchStep } from '../../../src/scim/patch';
import { patchBody, registry, scimErrorOf } from './patch-helpers';

const U1 = 'c2b9bd26-4d5f-4a6b-8b8d-0a4f7f2b1c01';
const U2 = 'c2b9bd26-4d5f-4a6b-8b8d-0a4f7f2b1c02';
const U3 = 'c2b9bd26-4d5f-4a6b-8b8d-0a4f7f2b1c03';

/** Parses a request body as Entra ID sends it, then splits it. */
function split(operations: unknown[]): PatchStep[] {
  return splitMemberOperations(
    parsePatchRequest(patchBody(operations), { maxOperations: 50 }),
    registry,
  );
}

describe('splitMemberOperations', () => {
  it('adds members sent with "$ref": null', () => {
    const steps = split([
      {
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: U1 },
          { $ref: null, value: U2 },
        ],
      },
    ]);

    expect(steps).toStrictEqual([{ kind: 'addMembers', ids: [U1, U2], index: 0 }]);
  });

  it('removes only the listed members in the default Entra ID form', () => {
    const steps = split([{ op: 'Remove', path: 'members', value: [{ value: U1 }] }]);

    expect(steps).toStrictEqual([{ kind: 'removeMembers', ids: [U1], index: 0 }]);
  });

  it('removes the member of a value filter in the aadOptscim062020 form', () => {
    const steps = split([{ op: 'remove', path: `members[value eq "${U1}"]` }]);

    expect(steps).toStrictEqual([{ kind: 'removeMembers', ids: [U1], index: 0 }]);
  });

  it('removes every member of an or-chain of value comparisons', () => {
    const steps = split([
      { op: 'remove', path: `members[value eq "${U1}" or VALUE eq "${U2}" or value eq "${U1}"]` },
    ]);

    expect(steps).toStrictEqual([{ kind: 'removeMembers', ids: [U1, U2], index: 0 }]);
  });

  it('removes all members for a remove without a value', () => {
    expect(split([{ op: 'remove', path: 'members' }])).toStrictEqual([
      { kind: 'removeAllMembers', index: 0 },
    ]);
  });

  it('removes no member for an empty or null value list', () => {
    const steps = split([
      { op: 'remove', path: 'members', value: [] },
      { op: 'remove', path: 'members', value: null },
    ]);

    expect(steps).toStrictEqual([
      { kind: 'removeMembers', ids: [], index: 0 },
      { kind: 'removeMembers', ids: [], index: 1 },
    ]);
  });

  it('accepts bare member ids and the core schema URN', () => {
    const steps = split([
      {
        op: 'replace',
        path: 'urn:ietf:params:scim:schemas:core:2.0:Group:members',
        value: [U1, { value: U2 }],
      },
      { op: 'add', path: 'Members', value: U3 },
    ]);

    expect(steps).toStrictEqual([
      { kind: 'replaceMembers', ids: [U1, U2], index: 0 },
      { kind: 'addMembers', ids: [U3], index: 1 },
    ]);
  });

  it('splits members off an operation without a path', () => {
    const steps = split([
      { op: 'replace', value: { displayName: 'Research', members: [{ value: U1 }] } },
      { op: 'add', value: { members: [{ value: U2 }] } },
    ]);

    expect(steps).toStrictEqual([
      {
        kind: 'document',
        operation: { op: 'replace', value: { displayName: 'Research' } },
        index: 0,
      },
      { kind: 'replaceMembers', ids: [U1], index: 0 },
      { kind: 'addMembers', ids: [U2], index: 1 },
    ]);
  });

  it('keeps other operations as document steps in order', () => {
    const rename: PatchOperation = { op: 'replace', path: 'displayName', value: 'Research' };
    const steps = split([
      { op: 'Add', path: 'members', value: [{ value: U1 }] },
      { op: 'Replace', path: 'displayName', value: 'Research' },
      { op: 'Remove', path: 'members', value: [{ value: U2 }] },
    ]);

    expect(steps).toStrictEqual([
      { kind: 'addMembers', ids: [U1], index: 0 },
      { kind: 'document', operation: rename, index: 1 },
      { kind: 'removeMembers', ids: [U2], index: 2 },
    ]);
  });

  it('lets applyPatch report document errors at their request position', () => {
    const steps = split([
      { op: 'add', path: 'members', value: [{ value: U1 }] },
      { op: 'replace', path: 'displayName', value: 'Research' },
      { op: 'replace', path: 'owner', value: 'x' },
    ]);
    const documentSteps = steps.filter((step) => step.kind === 'document');

    const error = scimErrorOf(() =>
      applyPatch(
        { displayName: 'Engineering' },
        documentSteps.map((step) => step.operation),
        {
          registry,
          resourceType: 'Group',
          acceptUndeclaredExtensions: false,
          operationIndexes: documentSteps.map((step) => step.index),
        },
      ),
    );

    expect(error.message).toBe(
      'Operations[2]: attribute "owner" is not defined in the Group schemas; use an attribute ' +
        'listed by GET /Schemas',
    );
  });

  it('rejects filters other than value eq', () => {
    const error = scimErrorOf(() =>
      split([
        { op: 'add', path: 'displayName', value: 'x' },
        { op: 'remove', path: 'members[display eq "Ada"]' },
      ]),
    );

    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toBe(
      'Operations[1]: the filter in "members[display eq \\"Ada\\"]" is not supported on members; ' +
        'only "value eq" comparisons, joined by "or", can select members, as in ' +
        'members[value eq "<id1>" or value eq "<id2>"]',
    );
  });

  it('rejects an and of value comparisons', () => {
    const error = scimErrorOf(() =>
      split([{ op: 'remove', path: `members[value eq "${U1}" and value eq "${U2}"]` }]),
    );

    expect(error.scimType).toBe('invalidFilter');
  });

  it('rejects a member without an id', () => {
    const error = scimErrorOf(() =>
      split([{ op: 'add', path: 'members', value: [{ value: U1 }, { display: 'Ada' }] }]),
    );

    expect(error.scimType).toBe('invalidValue');
    expect(error.message).toBe(
      'Operations[0]: members[1] has no member id; send members as [{"value":"<id>"}], got ' +
        '{"display":"Ada"}',
    );
  });

  it('rejects a path to a member sub-attribute', () => {
    const error = scimErrorOf(() =>
      split([{ op: 'remove', path: `members[value eq "${U1}"].display` }]),
    );

    expect(error.scimType).toBe('mutability');
    expect(error.message).toBe(
      `Operations[0]: "members[value eq \\"${U1}\\"].display" targets 'display' of members, and ` +
        'member sub-attributes are immutable or readOnly; add or remove whole members instead',
    );
  });

  it('rejects an unknown member sub-attribute as invalidPath', () => {
    const error = scimErrorOf(() =>
      split([{ op: 'replace', path: 'members.nickName', value: 'x' }]),
    );

    expect(error.scimType).toBe('invalidPath');
    expect(error.message).toBe(
      `Operations[0]: "members.nickName" names 'nickName', which is not a sub-attribute of ` +
        "'members'; its sub-attributes are value, $ref, type, display",
    );
  });

  it('rejects a value filter on members for add', () => {
    const error = scimErrorOf(() =>
      split([{ op: 'add', path: `members[value eq "${U1}"]`, value: { value: U1 } }]),
    );

    expect(error.scimType).toBe('invalidPath');
    expect(error.message).toBe(
      'Operations[0]: add cannot use a filter on members; send the members as the value, as in ' +
        '{"op":"add","path":"members","value":[{"value":"<id>"}]}',
    );
  });
});
