import { loadConfig } from '../../src/config';
import { graphql } from '../helpers/graphql-client';
import { defaultAdminSession } from '../helpers/admin-session';
import { createToken, errorBody, ScimClient, SCIM_CONTENT_TYPE } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN_LIMIT_MESSAGE =
  'too many SCIM requests with this token: the limit is 1 a second (SCIM_RATE_LIMIT_PER_SECOND) ' +
  'plus 3 more per 10 seconds (SCIM_RATE_LIMIT_BURST); retry after 1 seconds';

/**
 * Sends requests until one is rejected, at most `max`, and returns every response. With a
 * budget of 1 a second plus 3 per 10 seconds, the fifth request is rejected, or a later one
 * when the requests span more than one second.
 */
async function requestUntilRejected(scim: ScimClient, max: number) {
  const responses = [];
  for (let index = 0; index < max; index += 1) {
    const response = await scim.get('/Users?count=0');
    responses.push(response);
    if (response.status !== 200) {
      break;
    }
  }

  return responses;
}

/** The 429 message for AUTH_FAILURE_MAX=3 over a 60-second window, any wait. */
const AUTH_FAILURE_MESSAGE =
  /^too many failed authentications from this address: the limit is 3 \(AUTH_FAILURE_MAX\) per 60 seconds \(AUTH_FAILURE_WINDOW_SECONDS\); retry after (\d+) seconds$/;

describe('default rate limits', () => {
  it('allow Entra at least 25 requests a second per token, with a burst', () => {
    const config = loadConfig({});

    expect(config.scimRateLimitPerSecond).toBeGreaterThanOrEqual(25);
    expect(config.scimRateLimitBurst).toBeGreaterThan(0);
  });

  describe('over HTTP', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer();
    });

    afterAll(async () => {
      await server.close();
    });

    it('answer 60 concurrent requests of one token', async () => {
      const scim = await ScimClient.create(server);

      const responses = await Promise.all(
        Array.from({ length: 60 }, () => scim.get('/ServiceProviderConfig')),
      );

      expect(responses.map((response) => response.status)).toEqual(Array(60).fill(200));
    });
  });
});

describe('SCIM request budget per token', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      env: { SCIM_RATE_LIMIT_PER_SECOND: '1', SCIM_RATE_LIMIT_BURST: '3' },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers 429 with Retry-After once rate and burst are spent', async () => {
    const scim = await ScimClient.create(server);

    const responses = await requestUntilRejected(scim, 8);
    const rejected = responses[responses.length - 1];

    expect(responses.length).toBeGreaterThanOrEqual(5);
    expect(responses.length).toBeLessThan(8);
    expect(rejected.status).toBe(429);
    expect(rejected.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(rejected.headers.get('retry-after')).toBe('1');
    expect(rejected.body).toEqual(errorBody(429, undefined, TOKEN_LIMIT_MESSAGE));
  });

  it('counts each token on its own', async () => {
    const first = await ScimClient.create(server);
    const second = await ScimClient.create(server);
    const spent = await requestUntilRejected(first, 8);

    const response = await second.get('/Users?count=0');

    expect(spent[spent.length - 1].status).toBe(429);
    expect(response.status).toBe(200);
  });
});

describe('failed authentications per client address', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_FAILURE_MAX: '3' } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('blocks SCIM and GraphQL bearer requests after failures on both', async () => {
    const valid = await ScimClient.create(server);
    const apiToken = (await createToken(server, { scope: 'API' })).secret;
    const session = await defaultAdminSession(server);
    const wrong = new ScimClient(server, 'not-a-valid-token-0123456789abcdef');

    const failures = [
      (await wrong.get('/Users')).status,
      (await new ScimClient(server, undefined).get('/Users')).status,
    ];
    const graphqlFailure = await graphql(server, '{ viewer { id } }', {}, { token: 'wrong' });
    const scimBlocked = await valid.get('/Users');
    const graphqlBlocked = await graphql(server, '{ viewer { id } }', {}, { token: apiToken });
    const cookieRequest = await graphql(
      server,
      '{ viewer { userName } }',
      {},
      { cookie: session.cookie },
    );

    expect(failures).toEqual([401, 401]);
    expect(graphqlFailure.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    expect(scimBlocked.status).toBe(429);
    expect(scimBlocked.contentType).toBe(SCIM_CONTENT_TYPE);
    expect(scimBlocked.body).toEqual(
      errorBody(429, undefined, expect.stringMatching(AUTH_FAILURE_MESSAGE)),
    );
    const scimWait = Number(AUTH_FAILURE_MESSAGE.exec(scimBlocked.body.detail)![1]);
    expect(scimWait).toBeGreaterThan(50);
    expect(scimWait).toBeLessThanOrEqual(60);
    expect(scimBlocked.headers.get('retry-after')).toBe(String(scimWait));

    expect(graphqlBlocked.status).toBe(429);
    expect(graphqlBlocked.data).toBeUndefined();
    expect(graphqlBlocked.errors).toEqual([
      {
        message: expect.stringMatching(AUTH_FAILURE_MESSAGE),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      },
    ]);

    expect(cookieRequest.errors).toBeUndefined();
    expect(cookieRequest.data?.viewer.userName).toBe(session.email);
  });
});

describe('client address behind a reverse proxy', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { AUTH_FAILURE_MAX: '2', TRUST_PROXY_HOPS: '1' } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('counts failures by the address the proxy appended to X-Forwarded-For', async () => {
    const valid = await ScimClient.create(server);
    const wrong = new ScimClient(server, 'wrong-token-0123456789abcdefghijklmnop');
    const from = (chain: string) => ({ 'x-forwarded-for': chain });

    await wrong.get('/Users', from('203.0.113.5'));
    await wrong.get('/Users', from('203.0.113.5'));
    const blocked = await valid.get('/Users', from('203.0.113.5'));
    const spoofed = await valid.get('/Users', from('203.0.113.6, 203.0.113.5'));
    const otherClient = await valid.get('/Users', from('203.0.113.6'));

    expect(blocked.status).toBe(429);
    expect(spoofed.status).toBe(429);
    expect(otherClient.status).toBe(200);
  });
});
