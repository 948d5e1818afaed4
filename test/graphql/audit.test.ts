import { SIGN_IN, otherOrganizationSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import {
  AUDIT_EVENTS,
  CREATE_TOKEN,
  DELETE_SAML,
  DISABLE_SAML,
  REVOKE_TOKEN,
  TOKEN,
  UPDATE_SAML,
  UPDATE_SETTINGS,
} from '../helpers/operations';
import { createIntegration } from '../helpers/saml-setup';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('auditEvents', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  async function events(session: AdminSession, variables: Record<string, unknown> = {}) {
    const response = await graphql(
      server,
      AUDIT_EVENTS,
      { first: 100, ...variables },
      { cookie: session.cookie },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.auditEvents.edges.map((edge: any) => edge.node);
  }

  async function apiToken(session: AdminSession) {
    const response = await graphql(
      server,
      CREATE_TOKEN,
      { input: { title: 'audited', scope: 'API', expiration: 'DAYS_30' } },
      { cookie: session.cookie },
    );
    return response.data!.createToken;
  }

  it('records every change of an admin session, newest first', async () => {
    const session = await otherOrganizationSession(server);
    const integrationId = await createIntegration(server, session.cookie);
    await graphql(
      server,
      UPDATE_SAML,
      { id: integrationId, input: { description: 'Contoso' } },
      { cookie: session.cookie },
    );
    await graphql(server, DISABLE_SAML, { id: integrationId }, { cookie: session.cookie });
    await graphql(server, DELETE_SAML, { id: integrationId }, { cookie: session.cookie });
    const token = await apiToken(session);
    await graphql(server, REVOKE_TOKEN, { id: token.token.id }, { cookie: session.cookie });
    await graphql(
      server,
      UPDATE_SETTINGS,
      { input: { allowNeverExpiringTokens: true } },
      { cookie: session.cookie },
    );

    const recorded = await events(session);

    expect(recorded.map((event: any) => event.action)).toEqual([
      'ORGANIZATION_SETTINGS_CHANGED',
      'TOKEN_REVOKED',
      'TOKEN_CREATED',
      'SAML_INTEGRATION_DELETED',
      'SAML_INTEGRATION_DISABLED',
      'SAML_INTEGRATION_UPDATED',
      'SAML_INTEGRATION_ENABLED',
      'SAML_INTEGRATION_CREATED',
      'PASSWORD_CHANGED',
      'SIGNED_IN',
      'ORGANIZATION_CREATED',
    ]);
    expect(recorded[1]).toMatchObject({
      actorVia: 'SESSION',
      actorUserId: session.userId,
      actorTokenId: null,
      targetType: 'TOKEN',
      targetId: token.token.id,
      detail: { title: 'audited', scope: 'API' },
    });
    expect(recorded[0].detail).toEqual({ allowNeverExpiringTokens: { from: false, to: true } });
    expect(recorded[5].detail).toEqual({ name: 'Entra ID', fields: ['description'] });
    expect(recorded[10]).toMatchObject({ actorVia: 'CLI', actorUserId: null, requestId: null });
  });

  it('records the token that made a change', async () => {
    const session = await otherOrganizationSession(server);
    const token = await apiToken(session);

    const created = await graphql(
      server,
      CREATE_TOKEN,
      { input: { title: 'by token', scope: 'API', expiration: 'DAYS_30' } },
      { token: token.secret },
    );
    const recorded = await events(session, { filter: { actions: ['TOKEN_CREATED'] } });

    expect(recorded[0]).toMatchObject({
      actorVia: 'TOKEN',
      actorUserId: session.userId,
      actorTokenId: token.token.id,
      targetId: created.data!.createToken.token.id,
    });
  });

  it('records failed sign-ins without the password', async () => {
    const session = await otherOrganizationSession(server);
    await graphql(server, SIGN_IN, {
      input: { organization: session.slug, email: session.email, password: 'guess-number-one' },
    });

    const recorded = await events(session, { filter: { actions: ['SIGN_IN_FAILED'] } });

    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      actorVia: 'ANONYMOUS',
      actorUserId: null,
      targetType: 'USER',
      targetId: session.userId,
      detail: { email: session.email, reason: 'WRONG_PASSWORD', clientAddress: '127.0.0.1' },
    });
    expect(JSON.stringify(recorded)).not.toContain('guess-number-one');
  });

  it('records the request id of the change', async () => {
    const session = await otherOrganizationSession(server);

    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-roster-csrf': '1',
        'x-request-id': 'audit-request-42',
        cookie: session.cookie,
      },
      body: JSON.stringify({
        query: UPDATE_SETTINGS,
        variables: { input: { allowNeverExpiringTokens: true } },
      }),
    });
    const recorded = await events(session, {
      filter: { actions: ['ORGANIZATION_SETTINGS_CHANGED'] },
    });

    expect(recorded[0].requestId).toBe('audit-request-42');
  });

  it('filters by action and time range, and pages', async () => {
    const session = await otherOrganizationSession(server);
    const before = new Date();
    await apiToken(session);
    await apiToken(session);
    await apiToken(session);
    const after = new Date(Date.now() + 1000);

    const first = await graphql(
      server,
      AUDIT_EVENTS,
      { first: 2, filter: { actions: ['TOKEN_CREATED'], from: before, to: after } },
      { cookie: session.cookie },
    );
    const second = await graphql(
      server,
      AUDIT_EVENTS,
      {
        first: 2,
        after: first.data!.auditEvents.pageInfo.endCursor,
        filter: { actions: ['TOKEN_CREATED'], from: before, to: after },
      },
      { cookie: session.cookie },
    );
    const outside = await events(session, { filter: { from: after } });

    expect(first.data!.auditEvents.edges).toHaveLength(2);
    expect(first.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    expect(second.data!.auditEvents.edges).toHaveLength(1);
    expect(second.data!.auditEvents.pageInfo.hasNextPage).toBe(false);
    expect(outside).toEqual([]);
  });

  it('writes nothing for a change that failed', async () => {
    const session = await otherOrganizationSession(server);

    const refused = await graphql(
      server,
      CREATE_TOKEN,
      { input: { title: 'scim', scope: 'SCIM', expiration: 'DAYS_30' } },
      { cookie: session.cookie },
    );
    const recorded = await events(session, { filter: { actions: ['TOKEN_CREATED'] } });

    expect(refused.errors?.[0].extensions?.code).toBe('SSO_REQUIRED');
    expect(recorded).toEqual([]);
  });

  it('rolls the change back when its audit event cannot be written', async () => {
    const session = await otherOrganizationSession(server);
    const token = await apiToken(session);
    const em = server.orm.em.fork();
    await em.execute(`
      create or replace function reject_revocation_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'TOKEN_REVOKED' then
          raise exception 'audit storage unavailable';
        end if;
        return new;
      end $$`);
    await em.execute(`
      create trigger reject_revocation_audit before insert on audit_events
      for each row execute function reject_revocation_audit()`);

    try {
      const revoked = await graphql(
        server,
        REVOKE_TOKEN,
        { id: token.token.id },
        { cookie: session.cookie },
      );
      const after = await graphql(
        server,
        TOKEN,
        { id: token.token.id },
        { cookie: session.cookie },
      );

      expect(revoked.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(after.data!.token.status).toBe('ACTIVE');
    } finally {
      await em.execute('drop trigger reject_revocation_audit on audit_events');
    }
  });
});
