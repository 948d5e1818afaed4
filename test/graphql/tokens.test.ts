import { newId } from '../../src/domain/ids';
import { User } from '../../src/entities/user.entity';
import {
  createAdminUser,
  defaultAdminSession,
  otherOrganizationSession,
  type AdminSession,
} from '../helpers/admin-session';
import { graphql, responseBodies, type GraphQLResponse } from '../helpers/graphql-client';
import {
  CREATE_TOKEN,
  DISABLE_SAML,
  REVOKE_TOKEN,
  TOKENS,
  UPDATE_SETTINGS,
} from '../helpers/operations';
import { createIntegration } from '../helpers/saml-setup';
import { startTestServer, type TestServer } from '../helpers/test-server';

const DAY_MS = 24 * 3600_000;

describe('tokens over GraphQL', () => {
  let server: TestServer;
  let admin: AdminSession;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await defaultAdminSession(server);
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    server.setNow(undefined);
  });

  async function createToken(
    input: Record<string, unknown>,
    session: AdminSession = admin,
  ): Promise<GraphQLResponse> {
    return graphql(
      server,
      CREATE_TOKEN,
      { input: { title: 'token', scope: 'API', expiration: 'DAYS_30', ...input } },
      { cookie: session.cookie },
    );
  }

  async function createApiSecret(
    session: AdminSession = admin,
  ): Promise<{ id: string; secret: string }> {
    const response = await createToken({}, session);
    return { id: response.data!.createToken.token.id, secret: response.data!.createToken.secret };
  }

  describe('createToken', () => {
    it.each([
      ['DAYS_30', 30],
      ['DAYS_60', 60],
      ['DAYS_90', 90],
      ['DAYS_180', 180],
      ['DAYS_365', 365],
    ])('sets the expiry of %s to %i days from now', async (expiration, days) => {
      // A minute ahead, whole seconds: within the session's idle timeout.
      const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
      server.setNow(now);

      const response = await createToken({ expiration });

      expect(response.data!.createToken.token.expiresAt).toBe(
        new Date(now.getTime() + days * DAY_MS).toISOString(),
      );
    });

    it('takes an explicit date with expiration DATE', async () => {
      const expiresAt = new Date(Date.now() + 10 * DAY_MS).toISOString();

      const response = await createToken({ expiration: 'DATE', expiresAt });

      expect(response.data!.createToken.token.expiresAt).toBe(expiresAt);
    });

    it.each([
      ['DATE without expiresAt', { expiration: 'DATE' }, 'expiresAt'],
      ['DATE in the past', { expiration: 'DATE', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [
        'DATE more than 365 days ahead',
        { expiration: 'DATE', expiresAt: new Date(Date.now() + 400 * DAY_MS).toISOString() },
        'expiresAt',
      ],
      [
        'expiresAt with a period',
        { expiration: 'DAYS_90', expiresAt: '2030-01-01T00:00:00Z' },
        'expiresAt',
      ],
      ['an empty title', { title: '   ' }, 'title'],
      ['a 1001-character description', { description: 'd'.repeat(1001) }, 'description'],
      ['an unknown scope', { scope: 'ADMIN' }, 'scope'],
    ])('rejects %s with BAD_USER_INPUT', async (_case, input, field) => {
      const response = await createToken(input);

      expect(response.errors).toHaveLength(1);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.field).toBe(field);
    });

    it('rejects NEVER until the organization allows it', async () => {
      const session = await otherOrganizationSession(server);

      const refused = await createToken({ expiration: 'NEVER' }, session);
      await graphql(
        server,
        UPDATE_SETTINGS,
        { input: { allowNeverExpiringTokens: true } },
        { cookie: session.cookie },
      );
      const allowed = await createToken({ expiration: 'NEVER' }, session);

      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'expiration',
      });
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data!.createToken.token.expiresAt).toBeNull();
    });

    it('acts as another active admin of the organization', async () => {
      const userId = await createAdminUser(server, admin.organizationId);

      const response = await createToken({ userId });

      expect(response.data!.createToken.token.userId).toBe(userId);
    });

    it('rejects a member as the acting user, naming userId', async () => {
      const em = server.orm.em.fork();
      const memberUser = em.create(User, {
        organizationId: admin.organizationId,
        id: newId(),
        userName: `plain-member-${Date.now()}@example.com`,
        role: 'MEMBER',
      });
      await em.flush();

      const response = await createToken({ userId: memberUser.id });

      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'userId',
      });
      expect(response.errors?.[0].message).toBe(
        `a token must act as an active admin; '${memberUser.userName}' is not one`,
      );
    });

    it('answers SSO_REQUIRED for a SCIM token without an enabled SAML integration', async () => {
      const session = await otherOrganizationSession(server);

      const response = await createToken({ scope: 'SCIM' }, session);

      expect(response.errors).toEqual([
        {
          message:
            'SCIM provisioning needs single sign-on: set up and enable the SAML integration ' +
            '(createSamlIntegration, then enableSamlIntegration) before creating a SCIM token',
          path: ['createToken'],
          extensions: { code: 'SSO_REQUIRED', field: 'scope' },
        },
      ]);
    });

    it('creates a SCIM token while SAML is enabled, and refuses again once disabled', async () => {
      const session = await otherOrganizationSession(server);
      const integrationId = await createIntegration(server, session.cookie);

      const created = await createToken({ scope: 'SCIM' }, session);
      await graphql(server, DISABLE_SAML, { id: integrationId }, { cookie: session.cookie });
      const refused = await createToken({ scope: 'SCIM' }, session);

      expect(created.data!.createToken.token.scope).toBe('SCIM');
      expect(created.data!.createToken.secret).toMatch(/^roster_scim_/);
      expect(refused.errors?.[0].extensions?.code).toBe('SSO_REQUIRED');
    });
  });

  describe('tokens', () => {
    it('pages newest first with cursors', async () => {
      const session = await otherOrganizationSession(server);
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        ids.push((await createApiSecret(session)).id);
      }
      const page = (after?: string) =>
        graphql(server, TOKENS, { first: 2, after }, { cookie: session.cookie });

      const first = await page();
      const second = await page(first.data!.tokens.pageInfo.endCursor);
      const third = await page(second.data!.tokens.pageInfo.endCursor);
      const nodeIds = (response: any) =>
        response.data.tokens.edges.map((edge: any) => edge.node.id);

      expect(nodeIds(first)).toEqual([ids[4], ids[3]]);
      expect(first.data!.tokens.pageInfo.hasNextPage).toBe(true);
      expect(nodeIds(second)).toEqual([ids[2], ids[1]]);
      expect(second.data!.tokens.pageInfo.hasNextPage).toBe(true);
      expect(nodeIds(third)).toEqual([ids[0]]);
      expect(third.data!.tokens.pageInfo).toEqual({
        hasNextPage: false,
        endCursor: third.data!.tokens.edges[0].cursor,
      });
    });

    it('rejects a cursor it did not make, naming after', async () => {
      const response = await graphql(
        server,
        TOKENS,
        { first: 2, after: 'bm90LWEtY3Vyc29y' },
        { cookie: admin.cookie },
      );

      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });

    it('shows expired and revoked tokens with their status', async () => {
      const session = await otherOrganizationSession(server);
      const expiring = await createToken(
        { expiration: 'DATE', expiresAt: new Date(Date.now() + DAY_MS).toISOString() },
        session,
      );
      const revoked = await createApiSecret(session);
      await graphql(server, REVOKE_TOKEN, { id: revoked.id }, { cookie: session.cookie });
      const reader = await createToken({ expiration: 'DAYS_30' }, session);

      // Two days later the session has timed out, so an API token reads the list.
      server.setNow(new Date(Date.now() + 2 * DAY_MS));
      const list = await graphql(
        server,
        TOKENS,
        { first: 10 },
        { token: reader.data!.createToken.secret },
      );
      const statuses = Object.fromEntries(
        list.data!.tokens.edges.map((edge: any) => [edge.node.id, edge.node.status]),
      );

      expect(statuses).toEqual({
        [expiring.data!.createToken.token.id]: 'EXPIRED',
        [revoked.id]: 'REVOKED',
        [reader.data!.createToken.token.id]: 'ACTIVE',
      });
    });
  });

  describe('revokeToken', () => {
    it('keeps the first revocation time when revoked twice', async () => {
      const { id } = await createApiSecret();

      const first = await graphql(server, REVOKE_TOKEN, { id }, { cookie: admin.cookie });
      const second = await graphql(server, REVOKE_TOKEN, { id }, { cookie: admin.cookie });

      expect(second.data!.revokeToken.revokedAt).toBe(first.data!.revokeToken.revokedAt);
    });

    it('answers NOT_FOUND for an id that is not a UUID', async () => {
      const response = await graphql(
        server,
        REVOKE_TOKEN,
        { id: 'tok_123' },
        { cookie: admin.cookie },
      );

      expect(response.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    });
  });

  describe('bearer tokens at /graphql', () => {
    const VIEWER_VIA = '{ viewer { userName authenticatedVia } }';

    it('accepts an active API token as its user', async () => {
      const { secret } = await createApiSecret();

      const response = await graphql(server, VIEWER_VIA, {}, { token: secret, csrf: false });

      expect(response.data).toEqual({
        viewer: { userName: admin.email, authenticatedVia: 'TOKEN' },
      });
    });

    it('logs the token and organization ids, never the secret', async () => {
      const { id, secret } = await createApiSecret();

      await graphql(server, TOKENS, {}, { token: secret });
      const line = server.logLines
        .map((text) => JSON.parse(text))
        .filter((entry) => entry.msg === 'request completed' && entry.tokenId === id);

      expect(line).toHaveLength(1);
      expect(line[0].organizationId).toBe(admin.organizationId);
      expect(server.logLines.filter((text) => text.includes(secret))).toEqual([]);
    });

    it('rejects a revoked token with UNAUTHENTICATED', async () => {
      const { id, secret } = await createApiSecret();
      await graphql(server, REVOKE_TOKEN, { id }, { cookie: admin.cookie });

      const response = await graphql(server, TOKENS, {}, { token: secret });

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rejects an expired token with UNAUTHENTICATED', async () => {
      const { secret } = await createApiSecret();
      server.setNow(new Date(Date.now() + 31 * DAY_MS));

      const response = await graphql(server, TOKENS, {}, { token: secret });

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rejects a SCIM token with UNAUTHENTICATED', async () => {
      const session = await otherOrganizationSession(server);
      await createIntegration(server, session.cookie);
      const scim = await createToken({ scope: 'SCIM' }, session);

      const response = await graphql(server, TOKENS, {}, { token: scim.data!.createToken.secret });

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rejects a token whose user is deactivated with UNAUTHENTICATED', async () => {
      const userId = await createAdminUser(server, admin.organizationId);
      const created = await createToken({ userId });
      const em = server.orm.em.fork();
      const owner = await em.findOneOrFail(User, {
        organizationId: admin.organizationId,
        id: userId,
      });
      owner.active = false;
      await em.flush();

      const response = await graphql(
        server,
        TOKENS,
        {},
        { token: created.data!.createToken.secret },
      );

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rejects an unknown secret and a non-Bearer scheme with UNAUTHENTICATED', async () => {
      const unknown = await graphql(server, TOKENS, {}, { token: 'roster_api_unknown' });
      const basic = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
        body: JSON.stringify({ query: '{ viewer { id } }' }),
      });

      expect(unknown.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await basic.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('ignores the session cookie when a bearer token is present', async () => {
      const response = await graphql(
        server,
        TOKENS,
        {},
        { token: 'roster_api_unknown', cookie: admin.cookie },
      );

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('token secrets', () => {
    it('appear in exactly one response and in no log line', async () => {
      const session = await otherOrganizationSession(server);
      await createIntegration(server, session.cookie);
      const api = await createToken({ title: 'leak check api' }, session);
      const scim = await createToken({ title: 'leak check scim', scope: 'SCIM' }, session);
      const secrets: string[] = [api.data!.createToken.secret, scim.data!.createToken.secret];

      await graphql(server, TOKENS, { first: 100 }, { cookie: session.cookie });
      await graphql(server, TOKENS, { first: 100 }, { token: secrets[0] });
      await graphql(server, TOKENS, { first: 100 }, { token: secrets[1] });
      await graphql(
        server,
        '{ auditEvents(first: 100) { edges { node { detail } } } }',
        {},
        {
          cookie: session.cookie,
        },
      );

      for (const secret of secrets) {
        expect(responseBodies.filter((body) => body.includes(secret))).toHaveLength(1);
        expect(server.logLines.filter((line) => line.includes(secret))).toEqual([]);
      }
    });
  });
});
