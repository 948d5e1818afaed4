import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

import { createApp, type RosterApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { SIGN_IN } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { errorBody, ScimClient } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The Redis server that CI starts; override with TEST_REDIS_URL. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Starts a second Roster instance on the same database and configuration as `server`. */
async function startSecondInstance(server: TestServer) {
  const app: RosterApp = await createApp({
    config: server.config,
    logger: createLogger('silent'),
    orm: server.orm,
  });
  const http: Server = createServer(app.koa.callback());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    // Same database, other URL: a client of this view reaches the second instance.
    view: { ...server, url: `http://127.0.0.1:${port}` } as TestServer,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await app.stop();
    },
  };
}

describe('rate limits shared through Redis', () => {
  let server: TestServer;
  let second: Awaited<ReturnType<typeof startSecondInstance>>;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        REDIS_URL,
        // A prefix of this run's own, so that parallel and earlier runs count apart.
        RATE_LIMIT_KEY_PREFIX: `roster-test-${randomBytes(6).toString('hex')}`,
        SCIM_RATE_LIMIT_PER_SECOND: '1',
        SCIM_RATE_LIMIT_BURST: '3',
        AUTH_FAILURE_MAX: '2',
        SIGN_IN_MAX_FAILURES: '2',
      },
    });
    second = await startSecondInstance(server);
  });

  afterAll(async () => {
    await second.close();
    await server.close();
  });

  it('logs the connection to Redis', () => {
    expect(server.logLines.some((line) => line.includes('rate limits: connected to Redis'))).toBe(
      true,
    );
  });

  it('spends one token budget across two instances', async () => {
    const first = await ScimClient.create(server);
    const other = new ScimClient(second.view, first.secret);

    // One budget of 1 a second plus 3 per 10 seconds rejects the fifth request, or a later
    // one when the requests span more than a second. Two budgets would allow twice as many.
    const statuses: number[] = [];
    for (let index = 0; index < 8 && !statuses.includes(429); index += 1) {
      const client = index % 2 === 0 ? first : other;
      statuses.push((await client.get('/Users?count=0')).status);
    }
    const rejectedBySecond = await other.get('/Users?count=0');
    const rejectedByFirst = await first.get('/Users?count=0');

    expect(statuses.length).toBeGreaterThanOrEqual(5);
    expect(statuses.length).toBeLessThan(8);
    expect(statuses[statuses.length - 1]).toBe(429);
    expect(rejectedBySecond.status).toBe(429);
    expect(rejectedBySecond.headers.get('retry-after')).toBe('1');
    expect(rejectedBySecond.body).toEqual(
      errorBody(429, undefined, expect.stringContaining('(SCIM_RATE_LIMIT_PER_SECOND)')),
    );
    expect(rejectedByFirst.status).toBe(429);
  });

  it('shares failed password sign-ins between instances', async () => {
    const input = (password: string) => ({
      input: { organization: 'default', email: server.bootstrap.adminEmail, password },
    });

    const onFirst = await graphql(server, SIGN_IN, input('wrong-1'));
    const onSecond = await graphql(second.view, SIGN_IN, input('wrong-2'));
    const blocked = await graphql(server, SIGN_IN, input(server.bootstrap.oneTimePassword));

    expect(onFirst.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(onSecond.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(blocked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(blocked.errors?.[0].message).toMatch(
      /^too many failed sign-ins \(SIGN_IN_MAX_FAILURES within SIGN_IN_WINDOW_SECONDS\); try again in \d+ seconds$/,
    );
  });

  it('blocks an address on one instance after failures on the other', async () => {
    const valid = await ScimClient.create(server);
    const wrongOnFirst = new ScimClient(server, 'wrong-token-0123456789abcdefghijklmnop');

    const failures = [(await wrongOnFirst.get('/Users')).status];
    failures.push((await wrongOnFirst.get('/Groups')).status);
    const onSecond = await new ScimClient(second.view, valid.secret).get('/Users');

    expect(failures).toEqual([401, 401]);
    expect(onSecond.status).toBe(429);
    expect(onSecond.body.detail).toMatch(
      /^too many failed authentications from this address: the limit is 2 \(AUTH_FAILURE_MAX\)/,
    );
  });
});
