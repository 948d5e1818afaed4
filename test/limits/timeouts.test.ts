import { Client } from 'pg';

import { graphql } from '../helpers/graphql-client';
import { createToken, errorBody, ScimClient, SCIM_CONTENT_TYPE } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Holds a lock from a connection of the test's own until `release()`: on the whole users table,
 * so that every statement reading users waits, or on one user's row, so that only writes to
 * that user wait.
 */
async function lockUsers(server: TestServer, userId?: string) {
  const client = new Client({ connectionString: server.database.url });
  await client.connect();
  await client.query('begin');
  if (userId) {
    await client.query('select id from users where id = $1 for update', [userId]);
  } else {
    await client.query('lock table users in access exclusive mode');
  }

  return {
    release: async () => {
      await client.query('rollback');
      await client.end();
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('statement_timeout on database connections', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { DATABASE_STATEMENT_TIMEOUT_MS: '1500' } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('sets DATABASE_STATEMENT_TIMEOUT_MS on the connections', async () => {
    const rows = await server.orm.em
      .fork()
      .execute<{ statement_timeout: string }[]>('show statement_timeout');

    expect(rows[0].statement_timeout).toBe('1500ms');
  });

  // PGlite serves one connection at a time, so a second connection cannot hold a lock there.
  const onServer = process.env.DATABASE_URL ? it : it.skip;

  onServer('answers 503 when a statement runs past the timeout', async () => {
    const scim = await ScimClient.create(server);
    const lock = await lockUsers(server);

    let response;
    try {
      response = await scim.get('/Users?filter=userName%20eq%20%22nobody%22');
    } finally {
      await lock.release();
    }

    expect(response.status).toBe(503);
    expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body).toEqual(
      errorBody(
        503,
        undefined,
        'a database statement ran longer than DATABASE_STATEMENT_TIMEOUT_MS and was ' +
          'cancelled; retry after 5 seconds',
      ),
    );
  });
});

describe('per-request deadline', () => {
  let server: TestServer;
  let scim: ScimClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { ROSTER_REQUEST_TIMEOUT_MS: '400' } });
    scim = await ScimClient.create(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers requests that finish in time', async () => {
    const response = await scim.get('/Users');

    expect(response.status).toBe(200);
  });

  const onServer = process.env.DATABASE_URL ? it : it.skip;

  onServer('answers 503 naming ROSTER_REQUEST_TIMEOUT_MS when a read is late', async () => {
    const lock = await lockUsers(server);

    let response;
    try {
      response = await scim.get('/Users');
    } finally {
      await lock.release();
    }

    expect(response.status).toBe(503);
    expect(response.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body).toEqual(
      errorBody(
        503,
        undefined,
        'the request did not finish within 400 ms (ROSTER_REQUEST_TIMEOUT_MS); retry after ' +
          '5 seconds',
      ),
    );
  });

  onServer('answers a late GraphQL request with UNAVAILABLE', async () => {
    const { secret } = await createToken(server, { scope: 'API' });
    const lock = await lockUsers(server);

    let response;
    try {
      response = await graphql(server, '{ users { totalResults } }', {}, { token: secret });
    } finally {
      await lock.release();
    }

    expect(response.status).toBe(503);
    expect(response.errors).toEqual([
      {
        message:
          'the request did not finish within 400 ms (ROSTER_REQUEST_TIMEOUT_MS); retry after ' +
          '5 seconds',
        extensions: { code: 'UNAVAILABLE' },
      },
    ]);
  });

  onServer('rolls back a write answered with 503', async () => {
    const user = await scim.createUser({ userName: 'late-write@example.com', title: 'Before' });
    const lock = await lockUsers(server, user.id);

    const pending = scim.request('PATCH', `/Users/${user.id}`, {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'title', value: 'After' }],
      },
    });
    await delay(600);
    await lock.release();
    const response = await pending;
    await delay(500);
    const read = await scim.get(`/Users/${user.id}`);

    expect(response.status).toBe(503);
    expect(read.body.title).toBe('Before');
    expect(read.body.meta.version).toBe(user.meta.version);
  });
});
