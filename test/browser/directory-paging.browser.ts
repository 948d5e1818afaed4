import type { Page } from 'playwright-core';

import { defaultAdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { openBrowser, textOf, type BrowserSession } from './helpers/browser';
import { freePort } from './helpers/free-port';

/** Users created besides the bootstrap admin: more than two pages of 25, over 50 members. */
const USER_COUNT = 55;

const CREATE_USER = `
  mutation CreateUser($input: UserInput!) { createUser(input: $input) { id } }`;

const CREATE_GROUP = `
  mutation CreateGroup($input: GroupInput!) { createGroup(input: $input) { id } }`;

describe('admin console paging', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let page: Page;
  let groupId: string;

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = await startTestServer({ port, env: { PUBLIC_URL: url, LOG_LEVEL: 'warn' } });
    const admin = await defaultAdminSession(server);

    const memberIds: string[] = [];
    for (let index = 1; index <= USER_COUNT; index += 1) {
      const userName = `person-${String(index).padStart(2, '0')}@example.test`;
      const created = await graphql(server, CREATE_USER, { input: { userName } }, admin);
      memberIds.push(created.data!.createUser.id);
    }
    const group = await graphql(
      server,
      CREATE_GROUP,
      { input: { displayName: 'Everyone', memberIds } },
      admin,
    );
    groupId = group.data!.createGroup.id;

    browser = await openBrowser(url, 'directory-paging');
    page = browser.page;
    const [name, value] = admin.cookie.split('=');
    await browser.context.addCookies([{ name, value, url }]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
  });

  it('pages forward through users', async () => {
    await page.goto('/admin/users');
    const summary = page.locator('.pager-summary');
    expect(await textOf(summary, 'Users')).toBe('Users 1–25 of 56');

    await page.getByRole('button', { name: 'Next' }).click();
    expect(await textOf(summary, '26')).toBe('Users 26–50 of 56');
    expect(new URL(page.url()).search).toBe('?start=26');

    await page.getByRole('button', { name: 'Next' }).click();
    expect(await textOf(summary, '51')).toBe('Users 51–56 of 56');
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await browser.screenshot('users-last-page');
  });

  it('pages back through users', async () => {
    await page.getByRole('button', { name: 'Previous' }).click();

    expect(await textOf(page.locator('.pager-summary'), '26')).toBe('Users 26–50 of 56');
  });

  it('keeps the page after a reload', async () => {
    await page.reload();

    expect(await textOf(page.locator('.pager-summary'), 'Users')).toBe('Users 26–50 of 56');
    const firstRow = page.getByRole('table', { name: 'Users' }).getByRole('row').nth(1);
    expect(await textOf(firstRow)).toContain('person-25@example.test');
  });

  it('pages through group members', async () => {
    await page.goto(`/admin/groups/${groupId}`);
    const members = page.getByRole('region', { name: 'Members' });

    expect(await textOf(members.locator('.pager-summary'), 'Members')).toBe('Members 1–50');
    expect(await members.getByRole('listitem').count()).toBe(50);

    await members.getByRole('button', { name: 'Next' }).click();
    expect(await textOf(members.locator('.pager-summary'), '51')).toBe('Members 51–55');
    expect(await members.getByRole('listitem').count()).toBe(5);
    await browser.screenshot('group-members-page-2');
  });
});
