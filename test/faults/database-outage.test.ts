import { DATABASE_UNAVAILABLE_MESSAGE } from '../../src/db/database-unavailable';
import { graphql } from '../helpers/graphql-client';
import {
  createRestartableDatabase,
  hostOf,
  type RestartableDatabase,
} from '../helpers/restartable-database';
import { createToken, ERROR_SCHEMA, GROUP_SCHEMA, SCIM_CONTENT_TYPE } from '../helpers/scim-client';
import {
  connectScim,
  createGroup,
  createUser,
  findIds,
  readMemberIds,
  readResource,
  uniqueName,
  type ScimHttp,
  type ScimResponse,
} from '../helpers/scim-http';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startTestServer, type TestServer } from '../helpers/test-server';

const UNAVAILABLE_BODY = {
  schemas: [ERROR_SCHEMA],
  status: '503',
  detail: DATABASE_UNAVAILABLE_MESSAGE,
};

/** Calls `check` every 100 ms until it returns true, failing after `timeoutMs`. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  throw new Error(`condition not met within ${timeoutMs} ms`);
}

async function readyStatus(server: TestServer): Promise<number> {
  const response = await fetch(`${server.url}/readyz`);
  await response.arrayBuffer();
  return response.status;
}

function expectUnavailable(response: ScimResponse): void {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  expect(response.headers.get('content-type')).toBe(SCIM_CONTENT_TYPE);
  expect(response.body).toEqual(UNAVAILABLE_BODY);
}

function groupBody(displayName: string, memberIds: string[]) {
  return {
    schemas: [GROUP_SCHEMA],
    displayName,
    members: memberIds.map((value) => ({ value })),
  };
}

describe('database outage', () => {
  let database: RestartableDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  let scim: ScimHttp;
  let apiToken: string;
  let memberIds: string[];

  beforeAll(async () => {
    database = await createRestartableDatabase();
    proxy = await startTcpProxy(hostOf(database.url));
    server = await startTestServer({
      database,
      databaseUrl: proxy.urlFor(database.url),
      env: { DATABASE_ACQUIRE_TIMEOUT_MS: '1000' },
    });
    scim = await connectScim(server);
    apiToken = (await createToken(server, { scope: 'API' })).secret;

    const users = [await createUser(scim), await createUser(scim), await createUser(scim)];
    memberIds = users.map((user) => user.id as string);
  });

  afterAll(async () => {
    await server.close();
    await proxy.close();
  });

  afterEach(async () => {
    proxy.restore();
    await waitUntil(async () => (await readyStatus(server)) === 200);
  });

  it('SCIM returns 503 while cut off', async () => {
    proxy.cut();

    const list = await scim.get('/Users?filter=userName%20eq%20%22nobody%22');
    const create = await scim.post('/Groups', groupBody(uniqueName('Cut'), []));

    expectUnavailable(list);
    expectUnavailable(create);
  });

  it('readyz returns 503 while cut off', async () => {
    proxy.cut();

    const response = await fetch(`${server.url}/readyz`);

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      status: 'unavailable',
      reason: 'database unreachable',
    });
  });

  it('GraphQL returns UNAVAILABLE while cut off', async () => {
    proxy.cut();

    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
      body: JSON.stringify({ query: '{ users(count: 1) { totalResults } }' }),
    });
    const body = await response.json();

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAVAILABLE', retryAfterSeconds: 5 });
  });

  it('SAML metadata returns 503 while cut off', async () => {
    proxy.cut();

    const response = await fetch(`${server.url}/sso/default/metadata`);
    const body = await response.json();

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(body).toEqual({
      error: DATABASE_UNAVAILABLE_MESSAGE,
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('SCIM returns 503 while the host is unreachable', async () => {
    proxy.blackhole();
    // The first request may fail on a pooled connection that the proxy closed; the second
    // must open a new connection, which waits for the connection timeout.
    const first = await scim.get('/Users?count=1');
    const second = await scim.get('/Users?count=1');

    expectUnavailable(first);
    expectUnavailable(second);
  });

  it('GraphQL mutation cut midway returns UNAVAILABLE', async () => {
    const displayName = uniqueName('GraphQLCut');
    const cut = proxy.cutWhenClientSends('insert into group_members');

    const response = await graphql(
      server,
      'mutation ($input: GroupInput!) { createGroup(input: $input) { id } }',
      { input: { displayName, memberIds: memberIds.slice(0, 2) } },
      { token: apiToken },
    );
    await cut;

    expect(response.status).toBe(503);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      {
        message: DATABASE_UNAVAILABLE_MESSAGE,
        path: ['createGroup'],
        extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 5 },
      },
    ]);
    await waitUntil(async () => (await readyStatus(server)) === 200);
    expect(await findIds(scim, 'Groups', `displayName eq "${displayName}"`)).toEqual([]);
  });

  it('service resumes after reconnecting', async () => {
    proxy.cut();
    expect(await readyStatus(server)).toBe(503);

    proxy.restore();
    await waitUntil(async () => (await readyStatus(server)) === 200);
    const group = await createGroup(scim, { members: [{ value: memberIds[0] }] });
    const graphqlResponse = await graphql(
      server,
      '{ users(count: 1) { totalResults } }',
      {},
      { token: apiToken },
    );

    expect(await readMemberIds(scim, group.id)).toEqual([memberIds[0]]);
    expect(graphqlResponse.status).toBe(200);
    expect(graphqlResponse.errors).toBeUndefined();
  });

  it('group create cut midway leaves nothing', async () => {
    const displayName = uniqueName('Half');
    const cut = proxy.cutWhenClientSends('insert into group_members');

    const response = await scim.post('/Groups', groupBody(displayName, memberIds));
    await cut;

    expectUnavailable(response);
    await waitUntil(async () => (await readyStatus(server)) === 200);
    expect(await findIds(scim, 'Groups', `displayName eq "${displayName}"`)).toEqual([]);
  });

  it('lost commit reply keeps whole group', async () => {
    const displayName = uniqueName('Lost');
    const cut = proxy.cutAfterClientSends('COMMIT;');

    const response = await scim.post('/Groups', groupBody(displayName, memberIds));
    await cut;

    expectUnavailable(response);
    await waitUntil(async () => (await readyStatus(server)) === 200);
    const ids = await findIds(scim, 'Groups', `displayName eq "${displayName}"`);
    expect(ids).toHaveLength(1);
    expect(await readMemberIds(scim, ids[0])).toEqual([...memberIds].sort());
  });

  it('PATCH cut midway changes nothing', async () => {
    const group = await createGroup(scim, { members: [{ value: memberIds[0] }] });
    // The members are inserted before the group's row is updated, which is cut off.
    const cut = proxy.cutWhenClientSends('update "groups"');

    const response = await scim.patch(`/Groups/${group.id}`, [
      { op: 'replace', path: 'displayName', value: uniqueName('Renamed') },
      { op: 'add', path: 'members', value: [{ value: memberIds[1] }, { value: memberIds[2] }] },
    ]);
    await cut;

    expectUnavailable(response);
    const after = await readResource(scim, `/Groups/${group.id}`);
    expect(after.displayName).toBe(group.displayName);
    expect(await readMemberIds(scim, group.id)).toEqual([memberIds[0]]);
  });

  it('busy pool returns 503', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: database.poolSize }, () =>
      server.orm.em.fork().transactional(() => released),
    );

    try {
      const response = await scim.get('/Users?count=1');
      expectUnavailable(response);
    } finally {
      release();
      await Promise.all(holders);
    }

    const after = await scim.get('/Users?count=1');
    expect(after.status).toBe(200);
  });

  const embeddedOnly = process.env.DATABASE_URL ? it.skip : it;

  embeddedOnly('killed embedded database recovers', async () => {
    const group = await createGroup(scim, { members: [{ value: memberIds[1] }] });

    const target = await database.crashAndRestart();
    const during = await scim.get(`/Groups/${group.id}`);
    proxy.restore(target);
    await waitUntil(async () => (await readyStatus(server)) === 200);

    expectUnavailable(during);
    expect(await readMemberIds(scim, group.id)).toEqual([memberIds[1]]);
  });
});
