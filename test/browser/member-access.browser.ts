import type { Page } from 'playwright-core';

import { memberSession } from '../helpers/admin-session';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { openBrowser, textOf, type BrowserSession } from './helpers/browser';
import { freePort } from './helpers/free-port';

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

describe('admin console for a member', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await startTestServer({ port, env: { PUBLIC_URL: url, LOG_LEVEL: 'warn' } });
    browser = await openBrowser(url, 'member-access');
    page = browser.page;

    const cookie = await memberSession(server, server.bootstrap.organizationId);
    const [name, value] = cookie.split('=');
    await browser.context.addCookies([{ name, value, url }]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
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
