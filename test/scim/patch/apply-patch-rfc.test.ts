import { splitMemberOperations } from '../../../src/scim/patch';
import type { ScimObject } from '../../../src/scim/schemas';
import { patchRequest, registry } from './patch-helpers';

// The examples of RFC 7644 §3.5.2.1 to §3.5.2.3, with their ids and values.
const BABS = '2819c223-7f76-453a-919d-413861904646';
const JAMES = '902c246b-6245-4190-8e05-00816be7344a';
const BABS_REF = `https://example.com/v2/Users/${BABS}`;
const JAMES_REF = `https://example.com/v2/Users/${JAMES}`;

const GROUP: ScimObject = {
  displayName: 'Tour Guides',
  members: [{ value: BABS, $ref: BABS_REF }],
};

const USER: ScimObject = {
  userName: 'bjensen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      primary: true,
    },
    { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood' },
  ],
};

function patchGroup(operations: unknown[]): ScimObject {
  return patchRequest(GROUP, operations, { resourceType: 'Group' }).document;
}

describe('applyPatch on the RFC 7644 examples', () => {
  it('adds a member', () => {
    const operations = [
      {
        op: 'add',
        path: 'members',
        value: [{ display: 'James Smith', $ref: JAMES_REF, value: JAMES }],
      },
    ];

    expect(patchGroup(operations)).toStrictEqual({
      displayName: 'Tour Guides',
      members: [
        { value: BABS, $ref: BABS_REF },
        { $ref: JAMES_REF, value: JAMES },
      ],
    });
  });

  it('adds an email and a nickname without a path', () => {
    const result = patchRequest({ userName: 'bjensen' }, [
      {
        op: 'add',
        value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' },
      },
    ]);

    expect(result.document).toStrictEqual({
      userName: 'bjensen',
      emails: [{ value: 'babs@jensen.org', type: 'home' }],
      nickName: 'Babs',
    });
  });

  it('removes a single member', () => {
    expect(patchGroup([{ op: 'remove', path: `members[value eq "${BABS}"]` }])).toStrictEqual({
      displayName: 'Tour Guides',
    });
  });

  it('removes all members', () => {
    expect(patchGroup([{ op: 'remove', path: 'members' }])).toStrictEqual({
      displayName: 'Tour Guides',
    });
  });

  it('removes a value of a complex multi-valued attribute', () => {
    const result = patchRequest(USER, [
      { op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' },
    ]);

    expect(result.document.emails).toStrictEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });

  it('replaces all members by a remove and an add', () => {
    const operations = [
      { op: 'remove', path: 'members' },
      {
        op: 'add',
        path: 'members',
        value: [{ display: 'James Smith', $ref: JAMES_REF, value: JAMES }],
      },
    ];

    expect(patchGroup(operations)).toStrictEqual({
      displayName: 'Tour Guides',
      members: [{ $ref: JAMES_REF, value: JAMES }],
    });
  });

  it('replaces all members with replace', () => {
    const operations = [
      {
        op: 'replace',
        path: 'members',
        value: [
          { display: 'Babs Jensen', $ref: BABS_REF, value: BABS },
          { display: 'James Smith', $ref: JAMES_REF, value: JAMES },
        ],
      },
    ];

    expect(patchGroup(operations)).toStrictEqual({
      displayName: 'Tour Guides',
      members: [
        { $ref: BABS_REF, value: BABS },
        { $ref: JAMES_REF, value: JAMES },
      ],
    });
  });

  it("replaces a user's entire work address and moves primary to it", () => {
    const document: ScimObject = {
      ...USER,
      addresses: [
        { type: 'home', streetAddress: '456 Hollywood Blvd', primary: true },
        { type: 'work', streetAddress: '100 Universal City Plaza' },
      ],
    };
    const result = patchRequest(document, [
      {
        op: 'replace',
        path: 'addresses[type eq "work"]',
        value: {
          type: 'work',
          streetAddress: '911 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'US',
          formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
          primary: true,
        },
      },
    ]);

    expect(result.document.addresses).toStrictEqual([
      { type: 'home', streetAddress: '456 Hollywood Blvd', primary: false },
      {
        type: 'work',
        streetAddress: '911 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'US',
        formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
        primary: true,
      },
    ]);
  });

  it('replaces the street address of the work address', () => {
    const result = patchRequest(USER, [
      {
        op: 'replace',
        path: 'addresses[type eq "work"].streetAddress',
        value: '1010 Broadway Ave',
      },
    ]);

    expect(result.document.addresses).toStrictEqual([
      { type: 'work', streetAddress: '1010 Broadway Ave', locality: 'Hollywood', primary: true },
      { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood' },
    ]);
  });

  it('replaces several attributes without a path', () => {
    const result = patchRequest({ userName: 'bjensen', emails: [{ value: 'old@example.com' }] }, [
      {
        op: 'replace',
        value: {
          emails: [
            { value: 'bjensen@example.com', type: 'work', primary: true },
            { value: 'babs@jensen.org', type: 'home' },
          ],
          nickname: 'Babs',
        },
      },
    ]);

    expect(result.document).toStrictEqual({
      userName: 'bjensen',
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      nickName: 'Babs',
    });
  });
});

describe('splitMemberOperations on the RFC 7644 examples', () => {
  it('turns each member operation into a membership step', () => {
    const steps = splitMemberOperations(
      [
        {
          op: 'add',
          path: 'members',
          value: [{ display: 'James', $ref: JAMES_REF, value: JAMES }],
        },
        { op: 'remove', path: `members[value eq "${BABS}"]` },
        { op: 'remove', path: 'members' },
        { op: 'replace', path: 'members', value: [{ value: BABS }, { value: JAMES }] },
      ],
      registry,
    );

    expect(steps).toStrictEqual([
      { kind: 'addMembers', ids: [JAMES], index: 0 },
      { kind: 'removeMembers', ids: [BABS], index: 1 },
      { kind: 'removeAllMembers', index: 2 },
      { kind: 'replaceMembers', ids: [BABS, JAMES], index: 3 },
    ]);
  });
});
