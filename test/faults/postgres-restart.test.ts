import { DATABASE_UNAVAILABLE_MESSAGE } from '../../src/db/database-unavailable';
import { startOwnPostgres, type OwnPostgres } from '../helpers/own-postgres';
import { ERROR_SCHEMA, SCIM_CONTENT_TYPE } from '../helpers/scim-client';
import {
  connectScim,
  createGroup,
  createUser,
  readMemberIds,
  type ScimHttp,
} from '../helpers/scim-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Folder of PostgreSQL's programs (initdb, pg_ctl). The CI script sets it; without it this
 * file is skipped, because stopping a server needs one that no other test uses.
 */
const binDir = process.env.ROSTER_TEST_POSTGRES_BIN;
const describeWithPostgres = binDir ? describe : describe.skip;

async function waitUntilReady(server: TestServer, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/readyz`);
    await response.arrayBuffer();
    if (response.status === 200) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  throw new Error(`/readyz did not return 200 within ${timeoutMs} ms`);
}

describeWithPostgres('PostgreSQL restart', () => {
  let postgres: OwnPostgres;
  let server: TestServer;
  let scim: ScimHttp;
  let memberIds: string[];

  beforeAll(async () => {
    postgres = await startOwnPostgres(binDir!);
    server = await startTestServer({
      database: { url: postgres.url, poolSize: 5, kind: 'server', drop: async () => undefined },
    });
    scim = await connectScim(server);
    memberIds = [(await createUser(scim)).id, (await createUser(scim)).id];
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    postgres?.destroy();
  });

  it('returns 503 while stopped and resumes after start', async () => {
    const before = await createGroup(scim, { members: [{ value: memberIds[0] }] });

    postgres.stop('fast');
    const during = await scim.get(`/Groups/${before.id}`);
    const ready = await fetch(`${server.url}/readyz`);
    postgres.start();
    await waitUntilReady(server);
    const after = await createGroup(scim, { members: [{ value: memberIds[1] }] });

    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.headers.get('content-type')).toBe(SCIM_CONTENT_TYPE);
    expect(during.body).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '503',
      detail: DATABASE_UNAVAILABLE_MESSAGE,
    });
    expect(ready.status).toBe(503);
    expect(await readMemberIds(scim, before.id)).toEqual([memberIds[0]]);
    expect(await readMemberIds(scim, after.id)).toEqual([memberIds[1]]);
  });

  it('keeps acknowledged writes through a server crash', async () => {
    const created = [];
    for (let index = 0; index < 5; index += 1) {
      created.push(await createGroup(scim, { members: memberIds.map((value) => ({ value })) }));
    }

    postgres.stop('immediate');
    postgres.start();
    await waitUntilReady(server);

    for (const group of created) {
      expect(await readMemberIds(scim, group.id)).toEqual([...memberIds].sort());
    }
  });
});
