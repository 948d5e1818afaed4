import {
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  ScimClient,
  SCIM_CONTENT_TYPE,
  USER_SCHEMA,
  withQuery,
} from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/* eslint-disable @typescript-eslint/no-explicit-any -- SCIM bodies are checked field by field. */

const DEPARTMENT = `${ENTERPRISE_SCHEMA}:department`;

/** Leaves the bootstrap admin out, so that only the users below are sorted. */
const FILTER = 'userName ne "admin@example.com"';

describe('SCIM sorting (RFC 7644 §3.4.2.3)', () => {
  let server: TestServer;
  let client: ScimClient;
  let alpha: any;
  let bravo: any;
  let charlie: any;
  let delta: any;

  beforeAll(async () => {
    server = await startTestServer();
    client = await ScimClient.create(server);

    const create = (resource: Record<string, unknown>) =>
      client.createUser({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], ...resource });

    delta = await create({
      userName: 'delta@example.com',
      name: { familyName: 'Zeta' },
      // The primary email sorts, not the first one.
      emails: [
        { value: 'b@x.test', type: 'work' },
        { value: 'z@x.test', type: 'home', primary: true },
      ],
      [ENTERPRISE_SCHEMA]: { department: 'Ops' },
    });
    alpha = await create({
      userName: 'Alpha@example.com',
      name: { familyName: 'young' },
      emails: [
        { value: 'y@x.test', type: 'work' },
        { value: 'c@x.test', type: 'home' },
      ],
      [ENTERPRISE_SCHEMA]: { department: 'accounting' },
    });
    charlie = await create({
      userName: 'charlie@example.com',
      name: { familyName: 'Adams' },
      emails: [{ value: 'A@x.test', type: 'work', primary: true }],
    });
    bravo = await create({
      userName: 'bravo@example.com',
      [ENTERPRISE_SCHEMA]: { department: 'Marketing' },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  async function order(query: Record<string, string>): Promise<string[]> {
    return client.listIds('/Users', { filter: FILTER, ...query });
  }

  const ids = (...users: any[]) => users.map((user) => user.id);

  it('sorts by userName without regard to case', async () => {
    expect(await order({ sortBy: 'userName' })).toEqual(ids(alpha, bravo, charlie, delta));
  });

  it('sorts ascending when sortOrder is absent and accepts it in any case', async () => {
    expect(await order({ sortBy: 'userName', sortOrder: 'Ascending' })).toEqual(
      ids(alpha, bravo, charlie, delta),
    );
  });

  it('sorts descending', async () => {
    expect(await order({ sortBy: 'userName', sortOrder: 'descending' })).toEqual(
      ids(delta, charlie, bravo, alpha),
    );
  });

  it('sorts by the primary email, or the first when none is primary', async () => {
    expect(await order({ sortBy: 'emails' })).toEqual(ids(charlie, alpha, delta, bravo));
    expect(await order({ sortBy: 'emails.value' })).toEqual(ids(charlie, alpha, delta, bravo));
  });

  it('sorts by name.familyName without regard to case, missing values last', async () => {
    expect(await order({ sortBy: 'name.familyName' })).toEqual(ids(charlie, alpha, delta, bravo));
  });

  it('sorts by an enterprise extension attribute', async () => {
    expect(await order({ sortBy: DEPARTMENT })).toEqual(ids(alpha, bravo, delta, charlie));
  });

  it('puts users without a value first when descending', async () => {
    expect(await order({ sortBy: DEPARTMENT, sortOrder: 'descending' })).toEqual(
      ids(charlie, delta, bravo, alpha),
    );
    expect(await order({ sortBy: 'name.familyName', sortOrder: 'descending' })).toEqual(
      ids(bravo, delta, alpha, charlie),
    );
  });

  it('sorts by meta.created', async () => {
    expect(await order({ sortBy: 'meta.created' })).toEqual(ids(delta, alpha, charlie, bravo));
    expect(await order({ sortBy: 'meta.created', sortOrder: 'descending' })).toEqual(
      ids(bravo, charlie, alpha, delta),
    );
  });

  it('sorts groups by displayName', async () => {
    const names = ['gamma', 'Beta', 'alpha'];
    const groups = [];
    for (const displayName of names) {
      groups.push(await client.createGroup({ schemas: [GROUP_SCHEMA], displayName }));
    }

    const sortedIds = await client.listIds('/Groups', { sortBy: 'displayName' });

    expect(sortedIds).toEqual([groups[2].id, groups[1].id, groups[0].id]);
  });

  it('rejects sortBy on an unknown attribute with 400 naming sortBy', async () => {
    const response = await client.get(withQuery('/Users', { sortBy: 'shoeSize' }));

    expect(response.status).toBe(400);
    expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(response.body.detail).toContain("'shoeSize'");
    expect(response.body.detail).toContain('sortBy');
  });

  it('rejects sortBy on a complex attribute with 400 invalidValue', async () => {
    const response = await client.get(withQuery('/Users', { sortBy: 'name' }));

    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
    expect(response.body.detail).toBe("cannot sort by 'name'; sort by a single-valued attribute");
  });

  it('rejects an unknown sortOrder with 400 invalidValue', async () => {
    const response = await client.get(
      withQuery('/Users', { sortBy: 'userName', sortOrder: 'sideways' }),
    );

    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
    expect(response.body.detail).toBe("sortOrder must be ascending or descending, got 'sideways'");
  });
});
