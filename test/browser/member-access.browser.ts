import type { Page } from 'playwright-core';

import { inflateRawSync } from 'node:zlib';

import type { Route } from 'playwright-core';

import { defaultAdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { completeIntegrationInput, createIntegration, TENANT_ID } from '../helpers/saml-setup';
import { buildResponse, generateIdpKey, signResponse, type TestIdpKey } from '../helpers/test-idp';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { openBrowser, textOf, type BrowserSession } from './helpers/browser';
import { freePort } from './helpers/free-port';

const MEMBER = 'member@example.test';

/**
 * Plays Entra ID's sign-in page: reads the AuthnRequest that Roster redirected to, and returns
 * a page whose form posts a signed response for the member to the ACS, as Entra ID's does.
 */
function fakeEntraLogin(url: string, idpKey: TestIdpKey) {
  return async (route: Route) => {
    const query = new URL(route.request().url()).searchParams;
    const request = inflateRawSync(Buffer.from(query.get('SAMLRequest') ?? '', 'base64'));
    const requestId = /\sID="([^"]+)"/.exec(request.toString('utf8'))?.[1];
    const response = buildResponse({
      issuer: `https://sts.windows.net/${TENANT_ID}/`,
      audience: `${url}/sso/default/metadata`,
      acsUrl: `${url}/sso/default/acs`,
      inResponseTo: requestId,
      nameId: MEMBER,
    });
    const signed = Buffer.from(signResponse(response, idpKey)).toString('base64');
    const relayState = query.get('RelayState') ?? '';

    await route.fulfill({
      contentType: 'text/html',
      body:
        `<form method="post" action="${url}/sso/default/acs">` +
        `<input type="hidden" name="SAMLResponse" value="${signed}">` +
        `<input type="hidden" name="RelayState" value="${relayState}">` +
        '</form><script>document.forms[0].submit()</script>',
    });
  };
}

/** Runs a GraphQL request from the page, as the console does, with the member's cookie. */
function graphqlFromPage(page: Page, query: string) {
  return page.evaluate(async (body) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Roster-CSRF': '1' },
      body,
    });
    return (await response.json()) as {
      data: unknown;
      errors?: { message: string; extensions: { code: string } }[];
    };
  }, JSON.stringify({ query }));
}

const CREATE_USER = `
  mutation CreateUser($input: UserInput!) { createUser(input: $input) { id } }`;

describe('admin console for a member', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await startTestServer({ port, env: { PUBLIC_URL: url, LOG_LEVEL: 'warn' } });
    const admin = await defaultAdminSession(server);
    const idpKey = await generateIdpKey('Roster browser test IdP');
    await createIntegration(server, admin.cookie, {
      input: { ...completeIntegrationInput(), idpCertificate: idpKey.certificate },
    });
    const member = await graphql(server, CREATE_USER, { input: { userName: MEMBER } }, admin);
    expect(member.errors).toBeUndefined();

    browser = await openBrowser(url, 'member-access');
    page = browser.page;
    await browser.context.route(
      'https://login.microsoftonline.com/**',
      fakeEntraLogin(url, idpKey),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
  });

  it('signs a member in with SSO', async () => {
    await page.goto('/admin/');
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();

    await page.getByRole('heading', { name: 'No admin access' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/');
  });

  it('shows no admin page to a signed-in member', async () => {
    await page.goto('/admin/');

    const main = page.getByRole('main');
    expect(await textOf(main, 'not an admin')).toContain('Only admins can use');
    expect(await page.getByRole('heading', { name: 'No admin access' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Admin sections' }).count()).toBe(0);
    await browser.screenshot('no-access');
  });

  it('shows no admin page at a deep link either', async () => {
    await page.goto('/admin/tokens');

    await page.getByRole('heading', { name: 'No admin access' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Tokens' }).count()).toBe(0);
  });

  it('gets FORBIDDEN from the API for admin queries', async () => {
    const users = await graphqlFromPage(page, '{ users { totalResults } }');
    const tokens = await graphqlFromPage(page, '{ tokens { edges { node { id } } } }');

    expect(users.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(tokens.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(users.data).toBeNull();
  });

  it('may still read its own viewer', async () => {
    const viewer = await graphqlFromPage(page, '{ viewer { role } }');

    expect(viewer.errors).toBeUndefined();
    expect(viewer.data).toEqual({ viewer: { role: 'MEMBER' } });
  });
});
