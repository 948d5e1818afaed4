import { defaultAdminSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { createToken, ScimClient, USER_SCHEMA } from '../helpers/scim-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const METRICS_TOKEN = 'metrics-secret-for-redaction-test-42';
const USER_PASSWORD = 'user-password-for-redaction-test-7';
const UNKNOWN_TOKEN = 'unknown-token-for-redaction-test-0123456789';

describe('log redaction', () => {
  let server: TestServer;
  let admin: AdminSession;
  let scimSecret: string;
  let apiSecret: string;
  let records: Record<string, any>[];

  beforeAll(async () => {
    server = await startTestServer({
      env: { LOG_LEVEL: 'debug', METRICS_TOKEN, ROSTER_EVENT_FLUSH_INTERVAL_MS: '50' },
    });
    admin = await defaultAdminSession(server);
    scimSecret = (await createToken(server)).secret;
    apiSecret = (await createToken(server, { scope: 'API' })).secret;

    const scim = new ScimClient(server, scimSecret);
    const created = await scim.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: 'redaction@example.com',
      password: USER_PASSWORD,
    });
    expect(created.status).toBe(201);
    const rejected = await new ScimClient(server, UNKNOWN_TOKEN).get('/Users');
    expect(rejected.status).toBe(401);

    const viewer = await graphql(server, '{ viewer { id } }', {}, { token: apiSecret });
    expect(viewer.errors).toBeUndefined();
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    const exported = await fetch(`${server.url}/exports/provisioning-events`, {
      headers: { cookie: admin.cookie },
    });
    expect(exported.status).toBe(200);
    await exported.text();

    records = server.logLines.map((line) => JSON.parse(line));
  });

  afterAll(async () => {
    await server.close();
  });

  it('keeps every secret out of the log', () => {
    const secrets = {
      scimToken: scimSecret,
      apiToken: apiSecret,
      unknownToken: UNKNOWN_TOKEN,
      metricsToken: METRICS_TOKEN,
      sessionCookie: admin.cookie.split('=')[1],
      oneTimePassword: server.bootstrap.oneTimePassword,
      adminPassword: admin.password,
      userPassword: USER_PASSWORD,
    };

    for (const [name, secret] of Object.entries(secrets)) {
      const leaks = server.logLines.filter((line) => line.includes(secret));
      expect({ name, leaks }).toEqual({ name, leaks: [] });
    }
  });

  it('logs headers with credentials replaced', () => {
    const completed = records.filter((record) => record.msg === 'request completed');
    const requestHeaders = completed.map((record) => record.requestHeaders ?? {});
    const responseHeaders = completed.map((record) => record.responseHeaders ?? {});

    const authorizations = requestHeaders.filter((headers) => 'authorization' in headers);
    expect(authorizations.length).toBeGreaterThanOrEqual(4);
    expect(new Set(authorizations.map((headers) => headers.authorization))).toEqual(
      new Set(['[redacted]']),
    );

    const cookies = requestHeaders.filter((headers) => 'cookie' in headers);
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cookies.map((headers) => headers.cookie))).toEqual(new Set(['[redacted]']));

    const setCookies = responseHeaders.filter((headers) => 'set-cookie' in headers);
    expect(setCookies.length).toBeGreaterThanOrEqual(1);
    expect(new Set(setCookies.map((headers) => headers['set-cookie']))).toEqual(
      new Set(['[redacted]']),
    );
  });

  it('logs a rejected SCIM request', () => {
    const rejected = records.find((record) => record.msg === 'SCIM request rejected');

    expect(rejected?.status).toBe(401);
    expect(rejected?.requestId).toEqual(expect.any(String));
  });
});
