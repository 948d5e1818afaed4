import { diffDocuments } from '../../../src/domain/provisioning/attribute-diff';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('diffDocuments', () => {
  it('lists changed, added and removed attributes', () => {
    const changes = diffDocuments(
      { userName: 'a@x.test', displayName: 'A', nickName: 'Al', name: { givenName: 'A' } },
      { userName: 'b@x.test', displayName: 'A', title: 'Dr', name: { givenName: 'A' } },
    );

    expect(changes).toEqual([
      { attribute: 'userName', oldValue: 'a@x.test', newValue: 'b@x.test' },
      { attribute: 'title', oldValue: null, newValue: 'Dr' },
      { attribute: 'nickName', oldValue: 'Al', newValue: null },
    ]);
  });

  it('names extension attributes by URN and sub-attributes by dots', () => {
    const changes = diffDocuments(
      { [ENTERPRISE]: { department: 'Maths', manager: { value: 'm1' } } },
      { [ENTERPRISE]: { department: 'Computing', manager: { value: 'm2' } } },
    );

    expect(changes).toEqual([
      { attribute: `${ENTERPRISE}:department`, oldValue: 'Maths', newValue: 'Computing' },
      { attribute: `${ENTERPRISE}:manager.value`, oldValue: 'm1', newValue: 'm2' },
    ]);
  });

  it('compares multi-valued attributes whole', () => {
    const before = { emails: [{ type: 'work', value: 'a@x.test' }] };
    const after = { emails: [{ type: 'work', value: 'b@x.test' }] };

    expect(diffDocuments(before, after)).toEqual([
      { attribute: 'emails', oldValue: before.emails, newValue: after.emails },
    ]);
    expect(diffDocuments(before, { emails: [{ value: 'a@x.test', type: 'work' }] })).toEqual([]);
  });

  it('skips schemas, meta and id', () => {
    const changes = diffDocuments(
      { id: '1', schemas: ['a'], meta: { version: 'W/"1"' } },
      { id: '2', schemas: ['b'], meta: { version: 'W/"2"' } },
    );

    expect(changes).toEqual([]);
  });

  it('redacts attributes named like secrets', () => {
    const changes = diffDocuments(
      { 'urn:example:custom:1.0:User': { apiToken: 'old-token' } },
      { password: 'p4ss', 'urn:example:custom:1.0:User': { apiToken: 'new-token' } },
    );

    expect(changes).toEqual([
      { attribute: 'password', oldValue: null, newValue: '[redacted]' },
      {
        attribute: 'urn:example:custom:1.0:User:apiToken',
        oldValue: '[redacted]',
        newValue: '[redacted]',
      },
    ]);
  });
});
