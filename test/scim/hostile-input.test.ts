import fc from 'fast-check';

import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../../src/scim/schemas/urns';
import { ERROR_SCHEMA } from '../helpers/scim-client';
import {
  connectScim,
  createGroup,
  createUser,
  patchRequest,
  readResource,
  type ScimHttp,
  type ScimJson,
} from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** Time after which a request counts as hung, far above any normal response here. */
const HANG_MS = 10_000;

const FRAGMENTS = [
  ' ',
  '(',
  ')',
  '[',
  ']',
  '"',
  '\\',
  '.',
  ':',
  'and',
  'or',
  'not',
  'pr',
  'eq',
  'co',
  'sw',
  'gt',
  'true',
  'null',
  'userName',
  'displayName',
  'emails',
  'members',
  'manager',
  'type',
  'value',
  '"work"',
  '"%"',
  '"_"',
  "\"' or '1'='1\"",
  '"\\u0000"',
  '1',
  '-2.5e3',
  '1e999',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:',
  'meta.lastModified',
  '"2026-12-04T00:00:00Z"',
  'é',
  '\ud800',
];

/** Fragments of filters glued mostly by spaces: a few parse, most do not. */
const filterSoup = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(' ', ' ', '')), {
    maxLength: 12,
  })
  .map((parts) => parts.map(([part, separator]) => part + separator).join(''));

const comparison = fc
  .tuple(
    fc.constantFrom(
      'userName',
      'displayName',
      'title',
      'externalId',
      'active',
      'emails.value',
      'emails[type eq "work"].value',
      'members.value',
      'manager.value',
      'meta.lastModified',
    ),
    fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'le'),
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("' or '1'='1", '%', '_', '\\', '2026-12-04T00:00:00Z'),
      fc.boolean(),
      fc.integer(),
      fc.constant(null),
    ),
  )
  .map(([path, operator, value]) => `${path} ${operator} ${JSON.stringify(value)}`);

/** Well-formed filters of one to three comparisons, which reach the query compiler. */
const filterExpression = fc
  .array(fc.tuple(comparison, fc.constantFrom('and', 'or')), { minLength: 1, maxLength: 3 })
  .map((terms) =>
    terms.map(([term, joiner], index) => (index === 0 ? term : `${joiner} ${term}`)).join(' '),
  );

const filterText = fc.oneof(filterExpression, filterSoup);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  {
    arbitrary: fc.constantFrom('True', 'False', '', "' or 1=1 --", '\u0000', 'x'.repeat(5000)),
    weight: 2,
  },
);

const patchPath = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'displayName',
      'title',
      'active',
      'name.givenName',
      'emails',
      'emails[type eq "work"].value',
      'phoneNumbers[type eq "mobile"]',
      `${ENTERPRISE_USER_SCHEMA}:department`,
      `${ENTERPRISE_USER_SCHEMA}:manager`,
      'members',
      'members[value eq "x"]',
      'id',
      'meta.created',
      'groups',
      'userName',
    ),
  },
  { weight: 1, arbitrary: filterText },
);

const operation = fc.record(
  {
    op: fc.oneof(
      {
        arbitrary: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove'),
        weight: 9,
      },
      { arbitrary: fc.string(), weight: 1 },
    ),
    path: patchPath,
    value: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('True', 'False'), anyValue),
  },
  { requiredKeys: ['op'], noNullPrototype: true },
);

const userKey = fc.constantFrom(
  'userName',
  'displayName',
  'active',
  'emails',
  'name',
  'title',
  'externalId',
  'id',
  'groups',
  'password',
  ENTERPRISE_USER_SCHEMA,
  'unknownThing',
);

/**
 * Percent-encodes a query value. encodeURIComponent rejects a lone surrogate, so it is sent as
 * the bytes that UTF-8 would give it (ED A0 80), which are invalid UTF-8 for the server.
 */
function encodeQueryValue(text: string): string {
  return text.split('\ud800').map(encodeURIComponent).join('%ED%A0%80');
}

describe('hostile input over HTTP', () => {
  let server: TestServer;
  let scim: ScimHttp;
  let targetUser: ScimJson;
  let targetGroup: ScimJson;
  let bystanderUser: ScimJson;
  let bystanderGroup: ScimJson;
  let statuses: number[];

  beforeAll(async () => {
    server = await startTestServer();
    scim = await connectScim(server);

    targetUser = await createUser(scim, { displayName: 'Target' });
    bystanderUser = await createUser(scim, { displayName: 'Bystander', title: 'Unchanged' });
    targetGroup = await createGroup(scim, { members: [{ value: targetUser.id }] });
    bystanderGroup = await createGroup(scim, { members: [{ value: bystanderUser.id }] });
    bystanderUser = await readResource(scim, `/Users/${bystanderUser.id}`);
    bystanderGroup = await readResource(scim, `/Groups/${bystanderGroup.id}`);
    statuses = [];
  });

  afterAll(async () => {
    await server.close();
  });

  /** Sends a request, failing the property on a hang, a 5xx or a malformed error body. */
  async function send(method: string, path: string, body?: unknown): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${method} ${path} hung for ${HANG_MS} ms`)),
        HANG_MS,
      );
    });
    const response = await Promise.race([scim.request(method, path, { body }), hung]);
    clearTimeout(timer);
    statuses.push(response.status);

    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) {
      expect(response.body?.schemas).toEqual([ERROR_SCHEMA]);
      expect(typeof response.body?.detail).toBe('string');
    }
    return response.status;
  }

  it('returns no 5xx for random filters', async () => {
    await fc.assert(
      fc.asyncProperty(filterText, fc.constantFrom('Users', 'Groups'), async (filter, type) => {
        await send('GET', `/${type}?filter=${encodeQueryValue(filter)}`);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 120_000 },
    );
  }, 150_000);

  it('returns no 5xx for random user PATCHes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 4 }), async (operations) => {
        await send('PATCH', `/Users/${targetUser.id}`, patchRequest(operations));
      }),
      { numRuns: 200, interruptAfterTimeLimit: 120_000 },
    );
  }, 150_000);

  it('returns no 5xx for random group PATCHes', async () => {
    const member = fc.oneof(
      fc.constant(targetUser.id as string),
      fc.uuid(),
      fc.string({ maxLength: 40 }),
    );
    const membersOperation = fc.record(
      {
        op: fc.constantFrom('add', 'remove', 'replace', 'Add', 'Remove'),
        path: fc.constantFrom('members', 'displayName', 'members[value eq "x"]', 'externalId'),
        value: fc.oneof(
          fc.array(fc.record({ value: member }, { noNullPrototype: true }), { maxLength: 3 }),
          anyValue,
        ),
      },
      { requiredKeys: ['op'], noNullPrototype: true },
    );

    await fc.assert(
      fc.asyncProperty(fc.array(membersOperation, { minLength: 1, maxLength: 3 }), async (ops) => {
        await send('PATCH', `/Groups/${targetGroup.id}`, patchRequest(ops));
      }),
      { numRuns: 150, interruptAfterTimeLimit: 120_000 },
    );
  }, 150_000);

  it('returns no 5xx for random resource bodies', async () => {
    const userBody = fc
      .dictionary(userKey, anyValue, { maxKeys: 6, noNullPrototype: true })
      .map((body) => ({ schemas: [USER_SCHEMA], ...body }));
    const groupBody = fc
      .dictionary(fc.constantFrom('displayName', 'members', 'externalId', 'id'), anyValue, {
        maxKeys: 4,
        noNullPrototype: true,
      })
      .map((body) => ({ schemas: [GROUP_SCHEMA], ...body }));

    await fc.assert(
      fc.asyncProperty(userBody, groupBody, async (user, group) => {
        await send('POST', '/Users', user);
        await send('PUT', `/Users/${targetUser.id}`, user);
        await send('POST', '/Groups', group);
      }),
      { numRuns: 100, interruptAfterTimeLimit: 120_000 },
    );
  }, 150_000);

  it('leaves the bystander user and group unchanged', async () => {
    const user = await readResource(scim, `/Users/${bystanderUser.id}`);
    const group = await readResource(scim, `/Groups/${bystanderGroup.id}`);

    expect(statuses.length).toBeGreaterThan(500);
    expect(user).toEqual(bystanderUser);
    expect(group).toEqual(bystanderGroup);
  });
});
