import { defaultAdminSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ALLOWED_ORIGIN = 'https://console.example.com';
const OTHER_ORIGIN = 'https://evil.example.net';
const VIEWER = '{ viewer { userName } }';

/** POSTs a raw body to `/graphql` with the given headers. */
function postGraphQL(server: TestServer, body: string, headers: Record<string, string>) {
  return fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
}

describe('browser-facing safety', () => {
  let server: TestServer;
  let admin: AdminSession;

  beforeAll(async () => {
    server = await startTestServer({ env: { CORS_ALLOWED_ORIGINS: ALLOWED_ORIGIN } });
    admin = await defaultAdminSession(server);
  });

  afterAll(async () => {
    await server.close();
  });

  describe('security headers', () => {
    it('locks down /graphql responses', async () => {
      const response = await postGraphQL(server, JSON.stringify({ query: VIEWER }), {
        'content-type': 'application/json',
        'x-roster-csrf': '1',
        cookie: admin.cookie,
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it("keeps the landing page's own Content-Security-Policy", async () => {
      const response = await fetch(`${server.url}/graphql`, {
        headers: { accept: 'text/html' },
      });
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBeNull();
      expect(html).toContain('http-equiv="Content-Security-Policy"');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('applies a same-origin policy below /admin', async () => {
      const response = await fetch(`${server.url}/admin/`);

      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('CORS', () => {
    it('grants no CORS to an origin outside CORS_ALLOWED_ORIGINS', async () => {
      const preflight = await fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: OTHER_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-roster-csrf',
        },
      });

      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      expect(preflight.status).toBe(403);
    });

    it('grants CORS with credentials to an allowed origin', async () => {
      const preflight = await fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-roster-csrf',
        },
      });
      const actual = await postGraphQL(server, JSON.stringify({ query: VIEWER }), {
        'content-type': 'application/json',
        'x-roster-csrf': '1',
        origin: ALLOWED_ORIGIN,
        cookie: admin.cookie,
      });
      const body = await actual.json();

      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      expect(preflight.headers.get('access-control-allow-headers')).toBe(
        'Authorization,Content-Type,X-Roster-CSRF',
      );
      expect(actual.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(body.data.viewer.userName).toBe(admin.email);
    });

    it('is closed by default', async () => {
      const closed = await startTestServer();
      try {
        const preflight = await fetch(`${closed.url}/graphql`, {
          method: 'OPTIONS',
          headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
        });

        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      } finally {
        await closed.close();
      }
    });
  });

  describe('cross-site requests with the session cookie', () => {
    const CSRF_MESSAGE =
      'requests without an Authorization header must send the header "X-Roster-CSRF: 1" to ' +
      'prove they do not come from another site';

    it.each([
      ['an HTML form post', 'application/x-www-form-urlencoded', 'query=mutation%7BsignOut%7D'],
      ['a text/plain form post', 'text/plain', JSON.stringify({ query: 'mutation { signOut }' })],
      ['a JSON post', 'application/json', JSON.stringify({ query: 'mutation { signOut }' })],
    ])('rejects %s without the CSRF header', async (_name, contentType, body) => {
      const response = await postGraphQL(server, body, {
        'content-type': contentType,
        origin: OTHER_ORIGIN,
        cookie: admin.cookie,
      });
      const still = await graphql(server, VIEWER, {}, { cookie: admin.cookie });

      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        errors: [{ message: CSRF_MESSAGE, extensions: { code: 'FORBIDDEN' } }],
      });
      expect(still.data?.viewer.userName).toBe(admin.email);
    });

    it('rejects a request from another origin even with the CSRF header', async () => {
      const response = await postGraphQL(
        server,
        JSON.stringify({ query: 'mutation { signOut }' }),
        {
          'content-type': 'application/json',
          'x-roster-csrf': '1',
          origin: OTHER_ORIGIN,
          cookie: admin.cookie,
        },
      );
      const still = await graphql(server, VIEWER, {}, { cookie: admin.cookie });

      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        errors: [
          {
            message:
              `requests from origin ${OTHER_ORIGIN} are not allowed; add it to ` +
              'CORS_ALLOWED_ORIGINS to call Roster from that site',
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
      expect(still.data?.viewer.userName).toBe(admin.email);
    });

    it('accepts PUBLIC_URL as its own origin', async () => {
      const response = await postGraphQL(server, JSON.stringify({ query: VIEWER }), {
        'content-type': 'application/json',
        'x-roster-csrf': '1',
        origin: 'https://roster.test',
        cookie: admin.cookie,
      });

      expect(response.status).toBe(200);
      expect((await response.json()).data.viewer.userName).toBe(admin.email);
    });

    it('rejects a mutation sent with GET', async () => {
      const query = encodeURIComponent('mutation { signOut }');
      const url = `${server.url}/graphql?query=${query}`;
      const headers = { 'x-roster-csrf': '1', cookie: admin.cookie };

      const simple = await fetch(url, { headers });
      const simpleBody = await simple.json();
      const preflighted = await fetch(url, {
        headers: { ...headers, 'apollo-require-preflight': 'true' },
      });
      const preflightedBody = await preflighted.json();
      const still = await graphql(server, VIEWER, {}, { cookie: admin.cookie });

      expect(simple.status).toBe(400);
      expect(simpleBody.errors).toHaveLength(1);
      expect(simpleBody.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
      expect(simpleBody.errors[0].message).toMatch(
        /^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/,
      );
      expect(preflighted.status).toBe(405);
      expect(preflightedBody.errors).toEqual([
        {
          message: 'GET requests only support query operations, not mutation operations',
          extensions: { code: 'BAD_REQUEST' },
        },
      ]);
      expect(still.data?.viewer.userName).toBe(admin.email);
    });
  });
});
