import {
  CHANGE_PASSWORD,
  SIGN_IN,
  completeFirstSignIn,
  otherOrganizationSession,
  signIn,
  testDeps,
} from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { SIGN_OUT, TOKENS, VIEWER } from '../helpers/operations';
import { OrganizationService } from '../../src/domain/organizations/organization.service';
import { newId } from '../../src/domain/ids';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('session sign-in over GraphQL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      env: { SIGN_IN_MAX_FAILURES: '3', SESSION_IDLE_TIMEOUT_MINUTES: '30' },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    server.setNow(undefined);
  });

  /** Creates an organization whose admin has not signed in yet. */
  async function newOrganization() {
    const slug = `org-${newId().slice(-12)}`;
    const created = await new OrganizationService(
      server.orm.em.fork(),
      testDeps(server),
    ).createWithAdmin('CLI', { slug, name: slug, adminEmail: `admin@${slug}.example.com` });

    return {
      organizationId: created.organization.id,
      slug,
      email: created.admin.userName,
      oneTimePassword: created.oneTimePassword,
    };
  }

  describe('signIn', () => {
    it('accepts the email in any letter case', async () => {
      const organization = await newOrganization();

      const response = await graphql(server, SIGN_IN, {
        input: {
          organization: organization.slug.toUpperCase(),
          email: organization.email.toUpperCase(),
          password: organization.oneTimePassword,
        },
      });

      expect(response.errors).toBeUndefined();
      expect(response.data!.signIn.viewer.userName).toBe(organization.email);
    });

    it('rejects a wrong password with UNAUTHENTICATED and sets no cookie', async () => {
      const organization = await newOrganization();

      const response = await graphql(server, SIGN_IN, {
        input: { organization: organization.slug, email: organization.email, password: 'wrong' },
      });

      expect(response.errors?.[0]).toEqual({
        message:
          'sign-in failed: unknown organization or email, wrong password, or not an active admin',
        path: ['signIn'],
        extensions: { code: 'UNAUTHENTICATED' },
      });
      expect(response.setCookie).toBeNull();
    });

    it('blocks an account after repeated failures, even with the right password', async () => {
      const organization = await newOrganization();
      const attempt = (password: string) =>
        graphql(server, SIGN_IN, {
          input: { organization: organization.slug, email: organization.email, password },
        });

      const firstFailureAt = Date.now();
      const failures = [
        await attempt('wrong-1'),
        await attempt('wrong-2'),
        await attempt('wrong-3'),
      ];
      const blocked = await attempt(organization.oneTimePassword);

      expect(failures.map((failure) => failure.errors?.[0].extensions?.code)).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
      ]);
      expect(blocked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      const elapsedSeconds = Math.ceil((Date.now() - firstFailureAt) / 1000);
      expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(
        900 - elapsedSeconds,
      );
      expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(900);
      expect(blocked.errors?.[0].message).toMatch(
        /^too many failed sign-ins \(SIGN_IN_MAX_FAILURES within SIGN_IN_WINDOW_SECONDS\); try again in \d+ seconds$/,
      );
      expect(blocked.setCookie).toBeNull();
    });

    it('keeps counting per account: another admin still signs in', async () => {
      const blockedOrganization = await newOrganization();
      const organization = await newOrganization();
      for (const password of ['wrong-1', 'wrong-2', 'wrong-3']) {
        await graphql(server, SIGN_IN, {
          input: {
            organization: blockedOrganization.slug,
            email: blockedOrganization.email,
            password,
          },
        });
      }

      const response = await graphql(server, SIGN_IN, {
        input: {
          organization: organization.slug,
          email: organization.email,
          password: organization.oneTimePassword,
        },
      });

      expect(response.errors).toBeUndefined();
    });
  });

  describe('session cookie', () => {
    it('is HttpOnly, SameSite=Lax and Secure when PUBLIC_URL is https', async () => {
      const organization = await newOrganization();

      const response = await graphql(server, SIGN_IN, {
        input: {
          organization: organization.slug,
          email: organization.email,
          password: organization.oneTimePassword,
        },
      });

      expect(response.setCookie).toMatch(
        /^roster_session=[\w-]{43}; Path=\/; Expires=[^;]+ GMT; Max-Age=43200; HttpOnly; SameSite=Lax; Secure$/,
      );
    });

    it('is not Secure when PUBLIC_URL is http', async () => {
      const plain = await startTestServer({ env: { PUBLIC_URL: 'http://localhost:3000' } });
      try {
        const response = await graphql(plain, SIGN_IN, {
          input: {
            organization: 'default',
            email: plain.bootstrap.adminEmail,
            password: plain.bootstrap.oneTimePassword,
          },
        });

        expect(response.setCookie).toMatch(/; HttpOnly; SameSite=Lax$/);
      } finally {
        await plain.close();
      }
    });

    it('stops working after the idle timeout', async () => {
      const session = await completeFirstSignIn(server, await newOrganization());
      server.setNow(new Date(Date.now() + 29 * 60_000));
      const active = await graphql(server, VIEWER, {}, { cookie: session.cookie });

      server.setNow(new Date(Date.now() + 29 * 60_000 + 30 * 60_000 + 1000));
      const idle = await graphql(server, VIEWER, {}, { cookie: session.cookie });

      expect(active.data?.viewer.userName).toBe(session.email);
      expect(idle.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('stops working after the absolute timeout, however active', async () => {
      const session = await completeFirstSignIn(server, await newOrganization());
      const start = Date.now();
      let lastActive: string | undefined;

      for (let hours = 0.25; hours < 12; hours += 0.25) {
        server.setNow(new Date(start + hours * 3600_000));
        const response = await graphql(server, VIEWER, {}, { cookie: session.cookie });
        lastActive = response.data?.viewer.userName;
      }
      server.setNow(new Date(start + 12 * 3600_000 + 1000));
      const expired = await graphql(server, VIEWER, {}, { cookie: session.cookie });

      expect(lastActive).toBe(session.email);
      expect(expired.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('cross-site request protection', () => {
    it('rejects a cookie request without X-Roster-CSRF with 403', async () => {
      const session = await completeFirstSignIn(server, await newOrganization());

      const response = await graphql(server, TOKENS, {}, { cookie: session.cookie, csrf: false });

      expect(response.status).toBe(403);
      expect(response.errors).toEqual([
        {
          message:
            'requests without an Authorization header must send the header "X-Roster-CSRF: 1" ' +
            'to prove they do not come from another site',
          extensions: { code: 'FORBIDDEN' },
        },
      ]);
    });

    it('rejects a sign-in without X-Roster-CSRF, so no other site can plant a session', async () => {
      const organization = await newOrganization();

      const response = await graphql(
        server,
        SIGN_IN,
        {
          input: {
            organization: organization.slug,
            email: organization.email,
            password: organization.oneTimePassword,
          },
        },
        { csrf: false },
      );

      expect(response.status).toBe(403);
      expect(response.setCookie).toBeNull();
    });
  });

  describe('one-time password', () => {
    it('allows only viewer, changePassword and signOut until it is changed', async () => {
      const organization = await newOrganization();
      const cookie = await signIn(
        server,
        organization.slug,
        organization.email,
        organization.oneTimePassword,
      );

      const viewer = await graphql(server, '{ viewer { passwordChangeRequired } }', {}, { cookie });
      const tokens = await graphql(server, TOKENS, {}, { cookie });

      expect(viewer.data?.viewer.passwordChangeRequired).toBe(true);
      expect(tokens.errors?.[0]).toMatchObject({
        message:
          'change the one-time password with the changePassword mutation before doing anything else',
        extensions: { code: 'PASSWORD_CHANGE_REQUIRED' },
      });
    });

    it('rejects a wrong current password naming currentPassword', async () => {
      const organization = await newOrganization();
      const cookie = await signIn(
        server,
        organization.slug,
        organization.email,
        organization.oneTimePassword,
      );

      const response = await graphql(
        server,
        CHANGE_PASSWORD,
        { input: { currentPassword: 'not-the-password', newPassword: 'a long new password' } },
        { cookie },
      );

      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'currentPassword',
      });
    });

    it('rejects a new password equal to the current one', async () => {
      const organization = await newOrganization();
      const cookie = await signIn(
        server,
        organization.slug,
        organization.email,
        organization.oneTimePassword,
      );

      const response = await graphql(
        server,
        CHANGE_PASSWORD,
        {
          input: {
            currentPassword: organization.oneTimePassword,
            newPassword: organization.oneTimePassword,
          },
        },
        { cookie },
      );

      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'newPassword',
      });
    });

    it('stops working once changed, and the new password signs in', async () => {
      const organization = await newOrganization();
      const session = await completeFirstSignIn(server, organization);

      const old = await graphql(server, SIGN_IN, {
        input: {
          organization: organization.slug,
          email: organization.email,
          password: organization.oneTimePassword,
        },
      });
      const renewed = await graphql(server, SIGN_IN, {
        input: {
          organization: organization.slug,
          email: organization.email,
          password: session.password,
        },
      });

      expect(old.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(renewed.data?.signIn.viewer.passwordChangeRequired).toBe(false);
    });

    it('blocks changePassword after repeated wrong current passwords', async () => {
      const session = await completeFirstSignIn(server, await newOrganization());
      const change = (currentPassword: string) =>
        graphql(
          server,
          CHANGE_PASSWORD,
          { input: { currentPassword, newPassword: 'a different long password' } },
          { cookie: session.cookie },
        );

      const failures = [await change('wrong-1'), await change('wrong-2'), await change('wrong-3')];
      const blocked = await change(session.password);

      expect(failures.map((failure) => failure.errors?.[0].extensions?.code)).toEqual([
        'BAD_USER_INPUT',
        'BAD_USER_INPUT',
        'BAD_USER_INPUT',
      ]);
      expect(blocked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(890);
      expect(blocked.errors?.[0].message).toMatch(
        /^too many wrong current passwords \(SIGN_IN_MAX_FAILURES within SIGN_IN_WINDOW_SECONDS\); try again in \d+ seconds$/,
      );
    });

    it("ends the user's other sessions but keeps the current one", async () => {
      const session = await completeFirstSignIn(server, await newOrganization());
      const second = await signIn(server, session.slug, session.email, session.password);

      const changed = await graphql(
        server,
        CHANGE_PASSWORD,
        { input: { currentPassword: session.password, newPassword: 'yet another long password' } },
        { cookie: session.cookie },
      );
      const current = await graphql(server, VIEWER, {}, { cookie: session.cookie });
      const ended = await graphql(server, VIEWER, {}, { cookie: second });

      expect(changed.errors).toBeUndefined();
      expect(current.data?.viewer.userName).toBe(session.email);
      expect(ended.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('signOut', () => {
    it('ends the session and clears the cookie', async () => {
      const session = await otherOrganizationSession(server);

      const response = await graphql(server, SIGN_OUT, {}, { cookie: session.cookie });
      const after = await graphql(server, VIEWER, {}, { cookie: session.cookie });

      expect(response.data).toEqual({ signOut: true });
      expect(response.setCookie).toMatch(
        /^roster_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax; Secure$/,
      );
      expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('request log', () => {
    it('carries the organization id of a cookie request', async () => {
      const session = await otherOrganizationSession(server);
      const requestId = `log-${newId()}`;

      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-roster-csrf': '1',
          'x-request-id': requestId,
          cookie: session.cookie,
        },
        body: JSON.stringify({ query: VIEWER }),
      });
      const line = server.logLines
        .map((text) => JSON.parse(text))
        .find((entry) => entry.requestId === requestId && entry.msg === 'request completed');

      expect(line.organizationId).toBe(session.organizationId);
      expect(line.tokenId).toBeUndefined();
    });
  });
});
