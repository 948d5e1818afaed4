import {
  classifyRequest,
  type RequestFacts,
} from '../../../src/scim/provisioning/classify-request';

const GUID = '5c1d2e3f-1111-4222-8333-944455556666';

function facts(overrides: Partial<RequestFacts>): RequestFacts {
  return {
    method: 'GET',
    path: '/Users',
    requestBody: undefined,
    status: 200,
    responseBody: undefined,
    ...overrides,
  };
}

const emptyList = { totalResults: 0, Resources: [] };

function patch(resource: string, operations: unknown[], status = 200): RequestFacts {
  return facts({
    method: 'PATCH',
    path: `/${resource}/abc`,
    requestBody: { Operations: operations },
    status,
  });
}

describe('classifyRequest', () => {
  it.each<[string, Partial<RequestFacts>, string]>([
    [
      'a GUID probe that found nothing',
      { filter: `userName eq "${GUID}"`, responseBody: emptyList },
      'TEST_CONNECTION',
    ],
    [
      'a probe on externalId',
      { filter: `externalId eq "${GUID}"`, responseBody: emptyList },
      'TEST_CONNECTION',
    ],
    ['a GUID lookup that failed', { filter: `userName eq "${GUID}"`, status: 500 }, 'LOOKUP'],
    [
      'a lookup of a name',
      { filter: 'userName eq "ada@x.test"', responseBody: emptyList },
      'LOOKUP',
    ],
    [
      'a filter with and',
      { filter: 'userName eq "a" and active eq true', responseBody: emptyList },
      'LIST',
    ],
    ['an unparsable filter', { filter: 'userName eq', status: 400 }, 'LIST'],
    ['no filter', {}, 'LIST'],
    ['a read', { path: '/Users/abc' }, 'READ'],
    ['discovery', { path: '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User' }, 'READ'],
    ['a create', { method: 'POST', status: 201 }, 'CREATE'],
    ['a replace', { method: 'PUT', path: '/Users/abc' }, 'UPDATE'],
    ['a delete', { method: 'DELETE', path: '/Groups/abc', status: 204 }, 'DELETE'],
    ['an unknown endpoint', { path: '/Widgets', status: 404 }, 'OTHER'],
    ['a read of an invalid escape', { path: '/Users/%E0%A4%A', status: 404 }, 'READ'],
  ])('classifies %s', (_name, overrides, operation) => {
    expect(classifyRequest(facts(overrides)).operation).toBe(operation);
  });

  it('reads the looked-up value and the one match', () => {
    const summary = classifyRequest(
      facts({
        filter: 'userName eq "ada@x.test"',
        responseBody: {
          totalResults: 1,
          Resources: [{ id: 'u1', userName: 'ada@x.test', externalId: 'ada' }],
        },
      }),
    );

    expect(summary).toEqual({
      operation: 'LOOKUP',
      resourceType: 'User',
      resourceId: 'u1',
      externalId: 'ada',
      resourceName: 'ada@x.test',
    });
  });

  it('classifies a search by its body filter', () => {
    const summary = classifyRequest(
      facts({
        method: 'POST',
        path: '/.search',
        requestBody: { filter: 'externalId eq "ada"' },
        responseBody: emptyList,
      }),
    );

    expect(summary.operation).toBe('LOOKUP');
    expect(summary.resourceType).toBeNull();
    expect(summary.externalId).toBe('ada');
  });

  it('takes the identity of a failed create from its body', () => {
    const summary = classifyRequest(
      facts({
        method: 'POST',
        path: '/Groups',
        requestBody: { displayName: 'Staff', externalId: 'g1' },
        status: 409,
      }),
    );

    expect(summary.resourceName).toBe('Staff');
    expect(summary.externalId).toBe('g1');
  });

  it.each<[string, unknown[], string]>([
    ['active set to "False"', [{ op: 'Replace', path: 'active', value: 'False' }], 'DISABLE'],
    ['active in a value', [{ op: 'replace', value: { Active: true } }], 'ENABLE'],
    ['another attribute', [{ op: 'replace', path: 'displayName', value: 'A' }], 'UPDATE'],
  ])('classifies a user PATCH of %s', (_name, operations, operation) => {
    expect(classifyRequest(patch('Users', operations)).operation).toBe(operation);
  });

  it.each<[string, unknown[], string]>([
    [
      'member additions',
      [{ op: 'Add', path: 'members', value: [{ value: 'u1' }] }],
      'MEMBERSHIP_ADD',
    ],
    ['a member removal', [{ op: 'remove', path: 'members[value eq "u1"]' }], 'MEMBERSHIP_REMOVE'],
    [
      'members in a value',
      [{ op: 'add', value: { members: [{ value: 'u1' }] } }],
      'MEMBERSHIP_ADD',
    ],
    [
      'additions and removals',
      [
        { op: 'add', path: 'members', value: [{ value: 'u1' }] },
        { op: 'remove', path: 'members[value eq "u2"]' },
      ],
      'UPDATE',
    ],
    ['a rename', [{ op: 'replace', path: 'displayName', value: 'B' }], 'UPDATE'],
  ])('classifies a group PATCH of %s', (_name, operations, operation) => {
    expect(classifyRequest(patch('Groups', operations)).operation).toBe(operation);
  });
});
