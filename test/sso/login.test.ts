import { createVerify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'node:querystring';

import { defaultAdminSession, otherOrganizationSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { completeIntegrationInput, createIntegration, TENANT_ID } from '../helpers/saml-setup';
import { base64Of } from '../helpers/saml-fixtures';
import { browserRequest, generateIdpKey, startLogin, type TestIdpKey } from '../helpers/test-idp';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SSO_STATUS = `
  query Status($organization: String!) {
    ssoStatus(organization: $organization) { organization enabled loginUrl }
  }`;

const IDP_SIGN_ON_URL = `https://login.microsoftonline.com/${TENANT_ID}/saml2`;

interface RequestRow {
  return_to: string | null;
  created_at: Date;
  expires_at: Date;
}

describe('GET /sso/:slug/login', () => {
  let server: TestServer;
  let otherSlug: string;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await defaultAdminSession(server);
    await createIntegration(server, admin.cookie);
    otherSlug = (await otherOrganizationSession(server)).slug;
  });

  afterAll(async () => {
    await server.close();
  });

  async function storedRequest(id: string): Promise<RequestRow | undefined> {
    const rows = await server.orm.em
      .fork()
      .execute<RequestRow[]>(
        'select return_to, created_at, expires_at from saml_authn_requests where id = ?',
        [id],
      );
    return rows[0];
  }

  it('redirects to the IdP with an AuthnRequest', async () => {
    const sent = await startLogin(server, 'default');

    expect(`${sent.redirectUrl.origin}${sent.redirectUrl.pathname}`).toBe(IDP_SIGN_ON_URL);
    expect(sent.xml).toContain(`Destination="${IDP_SIGN_ON_URL}"`);
    expect(sent.xml).toContain('AssertionConsumerServiceURL="https://roster.test/sso/default/acs"');
    expect(sent.xml).toContain('>https://roster.test/sso/default/metadata</saml:Issuer>');
    expect(sent.xml).not.toContain('RequestedAuthnContext');
    expect(sent.query.get('Signature')).toBeNull();
    expect(sent.query.get('SigAlg')).toBeNull();
  });

  it('stores the request id for 10 minutes', async () => {
    const sent = await startLogin(server, 'default', '/users');

    const row = await storedRequest(sent.id);

    expect(row?.return_to).toBe('/users');
    const lifetimeMs = new Date(row!.expires_at).getTime() - new Date(row!.created_at).getTime();
    expect(lifetimeMs).toBe(10 * 60_000);
  });

  it('drops a returnTo that leaves the site', async () => {
    for (const returnTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const sent = await startLogin(server, 'default', returnTo);

      expect((await storedRequest(sent.id))?.return_to).toBeNull();
    }
  });

  it('answers 404 for an unknown organization', async () => {
    const result = await browserRequest(`${server.url}/sso/nobody/login`);

    expect(result.status).toBe(404);
    expect(result.text).toContain('This sign-in address names no organization.');
    expect(result.text).toContain('(reason ORGANIZATION_NOT_FOUND)');
  });

  it('answers 404 without an enabled integration', async () => {
    const result = await browserRequest(`${server.url}/sso/${otherSlug}/login`);

    expect(result.status).toBe(404);
    expect(result.text).toContain('Single sign-on is not turned on for this organization.');
    expect(result.text).toContain('(reason SSO_NOT_ENABLED)');
  });

  it('tells anyone whether SSO is enabled', async () => {
    const enabled = await graphql(server, SSO_STATUS, { organization: 'Default' });
    const disabled = await graphql(server, SSO_STATUS, { organization: otherSlug });
    const unknown = await graphql(server, SSO_STATUS, { organization: 'nobody' });

    expect(enabled.data?.ssoStatus).toEqual({
      organization: 'default',
      enabled: true,
      loginUrl: 'https://roster.test/sso/default/login',
    });
    expect(disabled.data?.ssoStatus).toEqual({
      organization: otherSlug,
      enabled: false,
      loginUrl: null,
    });
    expect(unknown.data?.ssoStatus).toEqual({
      organization: 'nobody',
      enabled: false,
      loginUrl: null,
    });
  });
});

describe('GET /sso/:slug/login with a service-provider key', () => {
  let server: TestServer;
  let spKey: TestIdpKey;
  let folder: string;

  beforeAll(async () => {
    spKey = await generateIdpKey('Roster test SP');
    folder = mkdtempSync(path.join(tmpdir(), 'roster-sp-key-'));
    writeFileSync(path.join(folder, 'sp.key'), spKey.privateKey);
    writeFileSync(path.join(folder, 'sp.crt'), spKey.certificate);

    server = await startTestServer({
      env: {
        SAML_SP_PRIVATE_KEY_FILE: path.join(folder, 'sp.key'),
        SAML_SP_CERTIFICATE_FILE: path.join(folder, 'sp.crt'),
      },
    });
    const admin = await defaultAdminSession(server);
    await createIntegration(server, admin.cookie, { input: completeIntegrationInput() });
  });

  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs the redirect with RSA-SHA256', async () => {
    const sent = await startLogin(server, 'default');
    const signedPart = stringify({
      SAMLRequest: sent.query.get('SAMLRequest'),
      SigAlg: sent.query.get('SigAlg'),
    });

    const valid = createVerify('RSA-SHA256')
      .update(signedPart)
      .verify(spKey.certificate, sent.query.get('Signature') ?? '', 'base64');

    expect(sent.query.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(valid).toBe(true);
  });

  it('publishes the signing certificate in the metadata', async () => {
    const result = await browserRequest(`${server.url}/sso/default/metadata`);

    expect(result.status).toBe(200);
    expect(result.text).toContain('AuthnRequestsSigned="true"');
    expect(result.text.replace(/\s+/g, '')).toContain(base64Of(spKey.certificate));
    expect(result.text).not.toContain('PRIVATE KEY');
  });
});
