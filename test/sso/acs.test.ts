import { defaultAdminSession, type AdminSession } from '../helpers/admin-session';
import { cookieFrom, errorCode, graphql } from '../helpers/graphql-client';
import { SAML_INTEGRATION, UPDATE_SAML, VIEWER } from '../helpers/operations';
import { completeIntegrationInput, createIntegration, TENANT_ID } from '../helpers/saml-setup';
import { connectScim, createUser, type ScimHttp } from '../helpers/scim-http';
import {
  browserRequest,
  buildResponse,
  generateIdpKey,
  postToAcs,
  signResponse,
  startLogin,
  type BrowserResponse,
  type ResponseOptions,
  type TestIdpKey,
} from '../helpers/test-idp';
import { startTestServer, type TestServer } from '../helpers/test-server';

const BASE = 'https://roster.test/sso/default';
const ACS_URL = `${BASE}/acs`;
const ENTITY_ID = `${BASE}/metadata`;
const IDP_ENTITY_ID = `https://sts.windows.net/${TENANT_ID}/`;
const IDP_LOGOUT_URL = `https://login.microsoftonline.com/${TENANT_ID}/saml2`;
const DISPLAY_NAME_CLAIM = 'http://schemas.microsoft.com/identity/claims/displayname';
const EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

describe('POST /sso/:slug/acs', () => {
  let server: TestServer;
  let admin: AdminSession;
  let idpKey: TestIdpKey;
  let otherKey: TestIdpKey;
  let integrationId: string;
  let scim: ScimHttp;
  let alice: { id: string; userName: string };
  let bob: { id: string; userName: string };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await defaultAdminSession(server);
    [idpKey, otherKey] = await Promise.all([
      generateIdpKey('Roster test IdP'),
      generateIdpKey('Some other IdP'),
    ]);
    integrationId = await createIntegration(server, admin.cookie, {
      input: {
        ...completeIntegrationInput(),
        idpCertificate: idpKey.certificate,
        idpLogoutUrl: IDP_LOGOUT_URL,
      },
    });

    scim = await connectScim(server);
    const created = await createUser(scim, { displayName: 'Alice Old' });
    alice = { id: created.id, userName: created.userName };
    const deactivated = await createUser(scim, { active: false });
    bob = { id: deactivated.id, userName: deactivated.userName };
  }, 60_000);

  afterEach(() => {
    server.setNow(undefined);
  });

  afterAll(async () => {
    await server.close();
  });

  function response(options: Partial<ResponseOptions> = {}): string {
    return buildResponse({
      issuer: IDP_ENTITY_ID,
      audience: ENTITY_ID,
      acsUrl: ACS_URL,
      nameId: alice.userName,
      ...options,
    });
  }

  async function signedResponseToNewRequest(options: Partial<ResponseOptions> = {}) {
    const request = await startLogin(server, 'default');
    return signResponse(response({ inResponseTo: request.id, ...options }), idpKey);
  }

  async function updateIntegration(input: Record<string, unknown>): Promise<void> {
    const updated = await graphql(
      server,
      UPDATE_SAML,
      { id: integrationId, input },
      { cookie: admin.cookie },
    );
    expect(updated.errors).toBeUndefined();
  }

  /** Checks the refusal page and the log line of a rejected sign-in, by its reason. */
  function expectRejected(
    result: BrowserResponse,
    status: number,
    reason: string,
    pageText: string,
    detail: RegExp,
  ): void {
    expect(result.status).toBe(status);
    expect(result.setCookie).toBeNull();
    expect(result.text).toContain(pageText);
    expect(result.text).toContain(`(reason ${reason})`);

    const requestId = /request id: ([\w.-]+)/.exec(result.text)?.[1];
    expect(requestId).toBeDefined();
    const logged = server.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.requestId === requestId && line.msg === 'SAML sign-in rejected');
    expect(logged?.reason).toBe(reason);
    expect(logged?.detail).toMatch(detail);
  }

  it('signs in a provisioned user', async () => {
    const request = await startLogin(server, 'default', '/users?page=2');
    const xml = signResponse(
      response({ inResponseTo: request.id, attributes: { [DISPLAY_NAME_CLAIM]: 'Alice New' } }),
      idpKey,
    );

    const result = await postToAcs(server, 'default', xml);

    expect(result.status).toBe(303);
    expect(result.location).toBe('https://roster.test/users?page=2');
    expect(result.setCookie).toMatch(/^roster_session=[\w-]{43}; Path=\/; Expires=/);
    expect(result.setCookie).toContain('; HttpOnly; SameSite=Lax; Secure');

    const viewer = await graphql(server, VIEWER, {}, { cookie: cookieFrom(result.setCookie) });
    expect(viewer.data?.viewer).toMatchObject({ id: alice.id, role: 'MEMBER' });
  });

  it('writes mapped attributes into the user', async () => {
    const xml = await signedResponseToNewRequest({
      attributes: { [DISPLAY_NAME_CLAIM]: 'Alice Mapped', [EMAIL_CLAIM]: 'alice@mail.test' },
    });

    const result = await postToAcs(server, 'default', xml);
    const user = await scim.get(`/Users/${alice.id}`);

    expect(result.status).toBe(303);
    expect(user.body?.displayName).toBe('Alice Mapped');
    expect(user.body?.emails).toEqual([{ value: 'alice@mail.test', type: 'work', primary: true }]);
  });

  it('accepts a signed Response only', async () => {
    const request = await startLogin(server, 'default');
    const xml = signResponse(response({ inResponseTo: request.id }), idpKey, 'Response');

    const result = await postToAcs(server, 'default', xml);

    expect(result.status).toBe(303);
    expect(result.location).toBe('https://roster.test/admin/');
  });

  it('admin session works until sign-out', async () => {
    const xml = await signedResponseToNewRequest({ nameId: server.bootstrap.adminEmail });
    const signedIn = await postToAcs(server, 'default', xml);
    const cookie = cookieFrom(signedIn.setCookie);

    const before = await graphql(server, SAML_INTEGRATION, {}, { cookie });
    const signedOut = await browserRequest(`${server.url}/sso/default/logout`, {
      method: 'POST',
      headers: { cookie },
    });
    const after = await graphql(server, SAML_INTEGRATION, {}, { cookie });

    expect(before.errors).toBeUndefined();
    expect(before.data?.samlIntegration.id).toBe(integrationId);
    expect(signedOut.status).toBe(303);
    expect(signedOut.setCookie).toMatch(/^roster_session=; Path=\/; .*Max-Age=0/);
    const logout = new URL(signedOut.location!);
    expect(`${logout.origin}${logout.pathname}`).toBe(IDP_LOGOUT_URL);
    expect(logout.searchParams.get('SAMLRequest')).toBeTruthy();
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
  });

  it('rejects a tampered assertion', async () => {
    const signed = await signedResponseToNewRequest();
    const tampered = signed.replace(alice.userName, server.bootstrap.adminEmail);
    expect(tampered).not.toBe(signed);

    const result = await postToAcs(server, 'default', tampered);

    expectRejected(result, 403, 'INVALID_SIGNATURE', 'has no valid signature', /signature/i);
  });

  it('rejects a response signed with another certificate', async () => {
    const request = await startLogin(server, 'default');
    const xml = signResponse(response({ inResponseTo: request.id }), otherKey);

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'INVALID_SIGNATURE',
      'compare the signing certificate',
      /configured certificate/,
    );
  });

  it('rejects an unsigned response', async () => {
    const request = await startLogin(server, 'default');

    const result = await postToAcs(server, 'default', response({ inResponseTo: request.id }));

    expectRejected(result, 403, 'INVALID_SIGNATURE', 'has no valid signature', /signature/i);
  });

  it('rejects an assertion for another audience', async () => {
    const xml = await signedResponseToNewRequest({ audience: 'https://other.example/sp' });

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'WRONG_AUDIENCE',
      'issued for another application',
      /audience is 'https:\/\/other\.example\/sp', expected 'https:\/\/roster\.test\/sso\/default\/metadata'/,
    );
  });

  it('rejects another issuer', async () => {
    const xml = await signedResponseToNewRequest({ issuer: 'https://sts.windows.net/other/' });

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'WRONG_ISSUER',
      'identity provider Roster does not expect',
      /Issuer is 'https:\/\/sts\.windows\.net\/other\/'/,
    );
  });

  it('rejects another destination', async () => {
    const xml = await signedResponseToNewRequest({ destination: 'https://other.example/acs' });

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'WRONG_DESTINATION',
      'sent to another address',
      /Destination is 'https:\/\/other\.example\/acs'/,
    );
  });

  it('rejects another recipient', async () => {
    const xml = await signedResponseToNewRequest({ recipient: 'https://other.example/acs' });

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'WRONG_RECIPIENT',
      'issued for another address',
      /found 'https:\/\/other\.example\/acs'/,
    );
  });

  it('rejects an expired assertion', async () => {
    const xml = await signedResponseToNewRequest({ lifetimeMs: 5 * 60_000 });
    server.setNow(new Date(Date.now() + 7 * 60_000 + 5_000));

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'EXPIRED',
      'The response has expired.',
      /clock skew allowed is 120 s/,
    );
  });

  it('accepts expiry within clock skew', async () => {
    const xml = await signedResponseToNewRequest({ lifetimeMs: 5 * 60_000 });
    server.setNow(new Date(Date.now() + 6 * 60_000));

    const result = await postToAcs(server, 'default', xml);

    expect(result.status).toBe(303);
  });

  it('rejects an assertion that is not valid yet', async () => {
    const xml = await signedResponseToNewRequest({ issuedAt: new Date(Date.now() + 10 * 60_000) });

    const result = await postToAcs(server, 'default', xml);

    expectRejected(result, 403, 'NOT_YET_VALID', 'not valid yet', /valid from/);
  });

  it('rejects a replayed assertion', async () => {
    const xml = await signedResponseToNewRequest();
    const first = await postToAcs(server, 'default', xml);

    const second = await postToAcs(server, 'default', xml);

    expect(first.status).toBe(303);
    expectRejected(second, 403, 'REPLAYED_ASSERTION', 'already used to sign in', /already used/);
  });

  it('rejects an InResponseTo that names no request', async () => {
    const xml = signResponse(response({ inResponseTo: '_0123456789abcdef' }), idpKey);

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'UNKNOWN_IN_RESPONSE_TO',
      'does not answer a sign-in that Roster started',
      /'_0123456789abcdef' names no outstanding AuthnRequest/,
    );
  });

  it('rejects answers to stale requests', async () => {
    const request = await startLogin(server, 'default');
    const later = new Date(Date.now() + 10 * 60_000 + 1_000);
    server.setNow(later);
    const xml = signResponse(response({ inResponseTo: request.id, issuedAt: later }), idpKey);

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'UNKNOWN_IN_RESPONSE_TO',
      'older than 10 minutes',
      /names no outstanding/,
    );
  });

  it('rejects reusing a request id', async () => {
    const request = await startLogin(server, 'default');
    const first = await postToAcs(
      server,
      'default',
      signResponse(response({ inResponseTo: request.id }), idpKey),
    );

    const second = await postToAcs(
      server,
      'default',
      signResponse(response({ inResponseTo: request.id }), idpKey),
    );

    expect(first.status).toBe(303);
    expectRejected(
      second,
      403,
      'UNKNOWN_IN_RESPONSE_TO',
      'already finished',
      /names no outstanding/,
    );
  });

  it('allows IdP-initiated only when enabled', async () => {
    const rejected = await postToAcs(server, 'default', signResponse(response(), idpKey));
    await updateIntegration({ allowIdpInitiated: true });
    const accepted = await postToAcs(
      server,
      'default',
      signResponse(response(), idpKey),
      '/groups',
    );
    const offSite = await postToAcs(
      server,
      'default',
      signResponse(response(), idpKey),
      '//evil.example/',
    );
    await updateIntegration({ allowIdpInitiated: false });

    expectRejected(
      rejected,
      403,
      'IDP_INITIATED_NOT_ALLOWED',
      'accepts only sign-ins started at Roster',
      /does not allow/,
    );
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe('https://roster.test/groups');
    expect(offSite.location).toBe('https://roster.test/admin/');
  });

  it('rejects a deactivated user', async () => {
    const xml = await signedResponseToNewRequest({ nameId: bob.userName });

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'USER_DEACTIVATED',
      'account in this organization is deactivated',
      new RegExp(`user ${bob.id} is deactivated`),
    );
  });

  it('rejects an unknown user', async () => {
    const xml = await signedResponseToNewRequest({ nameId: 'nobody@example.test' });

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'UNKNOWN_USER',
      'You have no account in this organization',
      /no user of the organization/,
    );
  });

  it('finds a user by the mapped email', async () => {
    const created = await createUser(scim, {
      emails: [{ value: 'carol.work@example.test', type: 'work', primary: true }],
    });
    const xml = await signedResponseToNewRequest({
      nameId: 'carol-upn@tenant.example',
      attributes: { [EMAIL_CLAIM]: 'Carol.Work@example.test' },
    });

    const result = await postToAcs(server, 'default', xml);
    const viewer = await graphql(server, VIEWER, {}, { cookie: cookieFrom(result.setCookie) });

    expect(viewer.data?.viewer.id).toBe(created.id);
  });

  it('creates users just in time', async () => {
    await updateIntegration({ justInTimeProvisioning: true });
    const xml = await signedResponseToNewRequest({
      nameId: 'dave@example.test',
      attributes: { [DISPLAY_NAME_CLAIM]: 'Dave Just', [EMAIL_CLAIM]: 'dave@example.test' },
    });

    const result = await postToAcs(server, 'default', xml);
    await updateIntegration({ justInTimeProvisioning: false });
    const found = await scim.get('/Users?filter=userName%20eq%20%22dave@example.test%22');

    expect(result.status).toBe(303);
    expect(found.body?.totalResults).toBe(1);
    expect(found.body?.Resources[0]).toMatchObject({
      displayName: 'Dave Just',
      active: true,
      emails: [{ value: 'dave@example.test', type: 'work', primary: true }],
    });
  });

  it('rejects a body without SAMLResponse', async () => {
    const result = await browserRequest(`${server.url}/sso/default/acs`, {
      method: 'POST',
      body: new URLSearchParams({ RelayState: '/' }),
    });

    expectRejected(result, 400, 'MISSING_SAML_RESPONSE', 'carried no response', /no SAMLResponse/);
  });

  it('rejects an IdP error status', async () => {
    const xml =
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_e1" ' +
      `Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${ACS_URL}">` +
      '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester">' +
      '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestDenied"/>' +
      '</samlp:StatusCode><samlp:StatusMessage>AADSTS50105: not assigned</samlp:StatusMessage>' +
      '</samlp:Status></samlp:Response>';

    const result = await postToAcs(server, 'default', xml);

    expectRejected(
      result,
      403,
      'IDP_ERROR_STATUS',
      'assigned to the Roster application',
      /Requester error: AADSTS50105: not assigned/,
    );
  });

  it('rejects a SAMLResponse that is not XML', async () => {
    const result = await postToAcs(server, 'default', 'not xml at all');

    expectRejected(result, 400, 'MALFORMED_SAML_RESPONSE', 'could not be read', /.+/);
  });

  it('records rejections in the audit trail', async () => {
    const xml = await signedResponseToNewRequest({ nameId: bob.userName });
    await postToAcs(server, 'default', xml);

    const rows = await server.orm.em.fork().execute<{ detail: Record<string, unknown> }[]>(
      `select detail from audit_events
          where organization_id = ? and action = 'SIGN_IN_FAILED' and target_id = ?`,
      [server.bootstrap.organizationId, bob.id],
    );

    expect(rows.map((row) => row.detail)).toContainEqual({
      method: 'SAML',
      reason: 'USER_DEACTIVATED',
    });
  });

  describe('certificate rotation', () => {
    let nextKey: TestIdpKey;

    beforeAll(async () => {
      nextKey = await generateIdpKey('Roster test IdP next');
    });

    afterAll(async () => {
      await updateIntegration({ idpCertificate: idpKey.certificate, idpNextCertificate: null });
    });

    it('accepts both certificates during rotation', async () => {
      await updateIntegration({ idpNextCertificate: nextKey.certificate });

      const byCurrent = await postToAcs(server, 'default', await signedResponseToNewRequest());
      const request = await startLogin(server, 'default');
      const byNext = await postToAcs(
        server,
        'default',
        signResponse(response({ inResponseTo: request.id }), nextKey),
      );

      expect(byCurrent.status).toBe(303);
      expect(byNext.status).toBe(303);
    });

    it('rejects expired certificates', async () => {
      const later = new Date(Date.now() + 2 * 365 * 24 * 3600_000);
      const request = await startLogin(server, 'default');
      server.setNow(later);
      const xml = signResponse(response({ inResponseTo: request.id, issuedAt: later }), idpKey);

      const result = await postToAcs(server, 'default', xml);

      expectRejected(
        result,
        403,
        'INVALID_SIGNATURE',
        'has no valid signature',
        /no configured identity provider certificate is within its validity period/,
      );
    });

    it('rejects the old certificate afterwards', async () => {
      await updateIntegration({ idpCertificate: nextKey.certificate, idpNextCertificate: null });

      const result = await postToAcs(server, 'default', await signedResponseToNewRequest());

      expectRejected(result, 403, 'INVALID_SIGNATURE', 'has no valid signature', /signature/i);
    });
  });
});
