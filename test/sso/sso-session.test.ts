import { inflateRawSync } from 'node:zlib';

import { newId } from '../../src/domain/ids';
import { User } from '../../src/entities/user.entity';
import {
  defaultAdminSession,
  otherOrganizationSession,
  type AdminSession,
} from '../helpers/admin-session';
import { cookieFrom, errorCode, graphql } from '../helpers/graphql-client';
import { SAML_INTEGRATION, VIEWER } from '../helpers/operations';
import { completeIntegrationInput, createIntegration, TENANT_ID } from '../helpers/saml-setup';
import {
  browserRequest,
  buildResponse,
  generateIdpKey,
  postToAcs,
  signResponse,
  startLogin,
  type TestIdpKey,
} from '../helpers/test-idp';
import { startTestServer, type TestServer } from '../helpers/test-server';

const BASE = 'https://roster.test/sso/default';
const IDP_LOGOUT_URL = `https://login.microsoftonline.com/${TENANT_ID}/saml2`;

describe('SAML sessions', () => {
  let server: TestServer;
  let idpKey: TestIdpKey;
  let bootstrapAdmin: AdminSession;

  beforeAll(async () => {
    server = await startTestServer();
    bootstrapAdmin = await defaultAdminSession(server);
    idpKey = await generateIdpKey('Roster test IdP');
    await createIntegration(server, bootstrapAdmin.cookie, {
      input: {
        ...completeIntegrationInput(),
        idpCertificate: idpKey.certificate,
        idpLogoutUrl: IDP_LOGOUT_URL,
      },
    });
  }, 60_000);

  afterAll(async () => {
    await server.close();
  });

  async function createUser(role: 'ADMIN' | 'MEMBER', passwordChangeRequired = false) {
    const em = server.orm.em.fork();
    const user = em.create(User, {
      organizationId: server.bootstrap.organizationId,
      id: newId(),
      userName: `${role.toLowerCase()}-${newId()}@example.test`,
      role,
      passwordChangeRequired,
    });
    await em.flush();

    return user;
  }

  /** Signs a user in through the whole SP-initiated flow and returns the response. */
  async function signIn(nameId: string, sessionIndex = '_session-1') {
    const request = await startLogin(server, 'default');
    const xml = buildResponse({
      issuer: `https://sts.windows.net/${TENANT_ID}/`,
      audience: `${BASE}/metadata`,
      acsUrl: `${BASE}/acs`,
      inResponseTo: request.id,
      nameId,
      sessionIndex,
    });

    return postToAcs(server, 'default', signResponse(xml, idpKey));
  }

  it('applies the member rules to a member', async () => {
    const member = await createUser('MEMBER');
    const cookie = cookieFrom((await signIn(member.userName)).setCookie);

    const viewer = await graphql(server, VIEWER, {}, { cookie });
    const integration = await graphql(server, SAML_INTEGRATION, {}, { cookie });

    expect(viewer.data?.viewer.userName).toBe(member.userName);
    expect(errorCode(integration)).toBe('FORBIDDEN');
  });

  it('is not bound by a one-time password', async () => {
    const admin = await createUser('ADMIN', true);
    const cookie = cookieFrom((await signIn(admin.userName)).setCookie);

    const integration = await graphql(server, SAML_INTEGRATION, {}, { cookie });

    expect(integration.errors).toBeUndefined();
    expect(integration.data?.samlIntegration.identityProvider.logoutUrl).toBe(IDP_LOGOUT_URL);
  });

  it('needs the CSRF header like a password session', async () => {
    const admin = await createUser('ADMIN');
    const cookie = cookieFrom((await signIn(admin.userName)).setCookie);

    const response = await graphql(server, SAML_INTEGRATION, {}, { cookie, csrf: false });

    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('sends NameID and SessionIndex on logout', async () => {
    const admin = await createUser('ADMIN');
    const cookie = cookieFrom((await signIn(admin.userName, '_session-42')).setCookie);

    const result = await browserRequest(`${server.url}/sso/default/logout`, {
      method: 'POST',
      headers: { cookie },
    });
    const location = new URL(result.location!);
    const request = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64'),
    ).toString('utf8');

    expect(result.status).toBe(303);
    expect(request).toContain('<samlp:LogoutRequest');
    expect(request).toContain(`Destination="${IDP_LOGOUT_URL}"`);
    expect(request).toContain(`>${admin.userName}</saml:NameID>`);
    expect(request).toContain('>_session-42</saml2p:SessionIndex>');
  });

  it('ends the session on GET without redirecting', async () => {
    const admin = await createUser('ADMIN');
    const cookie = cookieFrom((await signIn(admin.userName)).setCookie);

    const result = await browserRequest(`${server.url}/sso/default/logout`, {
      headers: { cookie },
    });
    const after = await graphql(server, VIEWER, {}, { cookie });

    expect(result.status).toBe(200);
    expect(result.location).toBeNull();
    expect(result.text).toContain('You are signed out of Roster.');
    expect(result.setCookie).toMatch(/^roster_session=; /);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
  });

  it('shows the signed-out page without a session', async () => {
    const result = await browserRequest(`${server.url}/sso/default/logout`, { method: 'POST' });

    expect(result.status).toBe(200);
    expect(result.location).toBeNull();
    expect(result.text).toContain('You are signed out of Roster.');
  });

  it('ends a password session without an IdP logout', async () => {
    const result = await browserRequest(`${server.url}/sso/default/logout`, {
      method: 'POST',
      headers: { cookie: bootstrapAdmin.cookie },
    });
    const after = await graphql(server, VIEWER, {}, { cookie: bootstrapAdmin.cookie });

    expect(result.status).toBe(200);
    expect(result.location).toBeNull();
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
  });

  it("ends another organization's session locally", async () => {
    const other = await otherOrganizationSession(server);

    const result = await browserRequest(`${server.url}/sso/default/logout`, {
      method: 'POST',
      headers: { cookie: other.cookie },
    });
    const after = await graphql(server, VIEWER, {}, { cookie: other.cookie });

    expect(result.status).toBe(200);
    expect(result.location).toBeNull();
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
  });

  it('logs neither the SAML response nor the cookie', async () => {
    const member = await createUser('MEMBER');
    const request = await startLogin(server, 'default');
    const xml = signResponse(
      buildResponse({
        issuer: `https://sts.windows.net/${TENANT_ID}/`,
        audience: `${BASE}/metadata`,
        acsUrl: `${BASE}/acs`,
        inResponseTo: request.id,
        nameId: member.userName,
      }),
      idpKey,
    );
    const encoded = Buffer.from(xml).toString('base64');
    const signedIn = await postToAcs(server, 'default', xml);
    const replayed = await postToAcs(server, 'default', xml);
    const secret = cookieFrom(signedIn.setCookie).split('=')[1];

    const log = server.logLines.join('\n');

    expect(replayed.status).toBe(403);
    expect(log).not.toContain(encoded.slice(0, 60));
    expect(log).not.toContain(secret);
    expect(log).not.toContain('SignatureValue');
  });
});
