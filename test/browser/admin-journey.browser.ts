import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { graphql } from '../helpers/graphql-client';
import { SIGNING_CERTIFICATE } from '../helpers/saml-fixtures';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { fieldErrorOf, openBrowser, textOf, type BrowserSession } from './helpers/browser';
import { freePort } from './helpers/free-port';
import { replayScimScenario } from './helpers/scim-replay';

const NEW_PASSWORD = 'a-long-admin-password-2026';
const TEAM_SCENARIO = path.join(__dirname, 'fixtures', 'provision-team.json');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM_URN = 'urn:ietf:params:scim:schemas:extension:contoso:2.0:User';

const CREATE_APPLICATION = `
  mutation CreateApplication($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`;

/** Fields of the application that SCIM sync writes records into, as the platform creates it. */
const DIRECTORY_FIELDS = [
  { key: 'full_name', name: 'Full name', type: 'TEXT' },
  { key: 'department', name: 'Department', type: 'TEXT' },
];

/**
 * The admin's journey through the console, one step per test, in order: each step starts
 * where the previous one left the page.
 */
describe('admin console journey', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let page: Page;
  let url: string;
  let scimSecret = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = await startTestServer({ port, env: { PUBLIC_URL: url, LOG_LEVEL: 'warn' } });
    browser = await openBrowser(url, 'admin-journey');
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
  });

  it('shows the sign-in form to a visitor', async () => {
    await page.goto('/admin/');

    await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor();
    expect(await page.getByLabel('Organization').inputValue()).toBe('default');
    expect(await page.title()).toBe('Sign in · Roster admin');
    await browser.screenshot('sign-in');
  });

  it('rejects a wrong password next to the form', async () => {
    await page.getByLabel('Email').fill(server.bootstrap.adminEmail);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const alert = await textOf(page.getByRole('alert'));
    expect(alert.length).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Sign in to Roster' }).count()).toBe(1);
  });

  it('requires a new password first', async () => {
    await page.getByLabel('Password', { exact: true }).fill(server.bootstrap.oneTimePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Choose a password' }).waitFor();
    await browser.screenshot('choose-password');

    await page.getByLabel('One-time password').fill(server.bootstrap.oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();

    await page.getByRole('heading', { name: 'SAML single sign-on' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/integrations/saml');
  });

  it('offers to create the integration', async () => {
    const empty = page.getByRole('region', { name: 'No SAML integration yet' });

    expect(await textOf(empty)).toContain('SCIM provisioning needs SAML single sign-on');
    await browser.screenshot('saml-empty');

    await page.getByRole('button', { name: 'Create SAML integration' }).click();
    await page.getByRole('heading', { name: '1. Enter these values in Entra ID' }).waitFor();
  });

  it('copies the service-provider values', async () => {
    const values = page.locator('dl.copy-list');

    expect(await textOf(values, 'acs')).toContain(`${url}/sso/default/acs`);
    expect(await values.textContent()).toContain(`${url}/sso/default/metadata`);

    const replyUrl = 'Reply URL (Assertion Consumer Service URL)';
    await page.getByRole('button', { name: `Copy ${replyUrl}` }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${url}/sso/default/acs`);
  });

  it('downloads the service-provider metadata', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download metadata XML' }).click(),
    ]);

    expect(download.suggestedFilename()).toBe('roster-sp-metadata.xml');
    const xml = readFileSync((await download.path())!, 'utf8');
    expect(xml).toContain(`entityID="${url}/sso/default/metadata"`);
    expect(xml).toContain(`Location="${url}/sso/default/acs"`);
  });

  it('rejects enabling an incomplete integration', async () => {
    await page.getByRole('switch').click();

    const alert = await textOf(page.getByRole('alert'), 'idpEntityId');
    expect(alert).toContain('idpEntityId is required while the integration is enabled');
    expect(await page.getByRole('switch').getAttribute('aria-checked')).toBe('false');
  });

  it('shows URL errors beside the field', async () => {
    await page.getByLabel('Microsoft Entra Identifier').fill(`https://sts.windows.net/${TENANT}/`);
    await page.getByLabel('Login URL').fill('http://login.example.test/saml2');
    await page.getByRole('button', { name: 'Save identity provider' }).click();

    expect(await fieldErrorOf(page, 'Login URL')).toBe(
      "idpSignOnUrl must be an https:// URL, got 'http://login.example.test/saml2'",
    );
    await browser.screenshot('saml-field-error');
  });

  it('shows the saved certificate', async () => {
    await page.getByLabel('Login URL').fill(`https://login.microsoftonline.com/${TENANT}/saml2`);
    await page.getByLabel('Signing certificate', { exact: true }).fill(SIGNING_CERTIFICATE);
    await page.getByRole('button', { name: 'Save identity provider' }).click();

    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const certificate = await textOf(page.locator('.certificate'));
    expect(certificate).toContain('CN=Microsoft Azure Federated SSO Certificate (test)');
    expect(certificate).toContain('2126');
  });

  it('keeps a mapped attribute', async () => {
    await page.getByLabel('Claim name, row 1').fill('email');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('status').filter({ hasText: 'Mapping saved.' }).waitFor();

    await page.reload();

    await page.getByLabel('Claim name, row 1').waitFor();
    expect(await page.getByLabel('Claim name, row 1').inputValue()).toBe('email');
    expect(await page.getByLabel('User field, row 1').inputValue()).toBe('EMAIL');
  });

  it('enables single sign-on', async () => {
    await page.getByRole('switch').click();

    await page.getByText('SAML single sign-on enabled').waitFor();
    expect(await page.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await browser.screenshot('saml-enabled');
  });

  it('explains an empty token list', async () => {
    await page.getByRole('link', { name: 'Tokens' }).click();

    const empty = page.getByRole('region', { name: 'No tokens yet' });
    expect(await textOf(empty)).toContain('Secret Token in Entra ID');
    await browser.screenshot('tokens-empty');
  });

  it('shows title errors beside the field', async () => {
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create token' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Create token' }).click();

    expect(await fieldErrorOf(page, 'Title')).toMatch(/title/i);
    await browser.screenshot('token-title-error');
  });

  it('shows a new secret once', async () => {
    const dialog = page.getByRole('dialog', { name: 'Create token' });
    await dialog.getByLabel('Title').fill('Entra ID provisioning');
    await dialog.getByLabel('SCIM: Entra ID provisioning at /scim/v2').check();
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const secretDialog = page.getByRole('dialog', {
      name: 'Token "Entra ID provisioning" created',
    });
    await secretDialog.waitFor();
    expect(await secretDialog.textContent()).toContain('It is shown only this once');
    scimSecret = await secretDialog.getByLabel('Secret', { exact: true }).inputValue();
    expect(scimSecret.length).toBeGreaterThan(30);
    await browser.screenshot('token-secret');

    await secretDialog.getByRole('button', { name: 'Copy secret' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(scimSecret);

    await secretDialog.getByRole('button', { name: 'I have copied the secret' }).click();
    await secretDialog.waitFor({ state: 'detached' });
  });

  it('lists the token without its secret', async () => {
    const row = page.getByRole('row', { name: /Entra ID provisioning/ });

    expect(await textOf(row, 'ACTIVE')).toContain('SCIM');
    expect(scimSecret).not.toBe('');
    expect(await page.content()).not.toContain(scimSecret);
    await browser.screenshot('tokens-list');
  });

  it('shows schema errors beside the field', async () => {
    await page.getByRole('link', { name: 'Custom attributes' }).click();
    const empty = page.getByRole('region', { name: 'No custom attributes yet' });
    expect(await textOf(empty)).toContain('Declare one below');

    await page.getByLabel('Extension schema').fill(ENTERPRISE_URN);
    await page.getByLabel('Attribute name').fill('badgeNumber');
    await page.getByRole('button', { name: 'Declare attribute' }).click();

    expect(await fieldErrorOf(page, 'Extension schema')).toContain(
      `schema '${ENTERPRISE_URN}' is not a custom User extension URN`,
    );
  });

  it('declares a custom attribute', async () => {
    await page.getByLabel('Extension schema').fill(CUSTOM_URN);
    await page.getByLabel('Type').selectOption('INTEGER');
    await page.getByRole('button', { name: 'Declare attribute' }).click();

    await page
      .getByRole('status')
      .filter({ hasText: `Declared ${CUSTOM_URN}:badgeNumber.` })
      .waitFor();
    const row = page.getByRole('row', { name: /badgeNumber/ });
    expect(await textOf(row, 'Integer')).toContain('Declared');
    await browser.screenshot('custom-attributes');
  });

  it('shows mapping errors beside their row', async () => {
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'roster_session');
    const created = await graphql(
      server,
      CREATE_APPLICATION,
      { input: { name: 'People Directory', fields: DIRECTORY_FIELDS } },
      { cookie: `roster_session=${cookie!.value}` },
    );
    expect(created.errors).toBeUndefined();

    await page.getByRole('link', { name: 'SCIM settings' }).click();
    const connect = page.getByRole('region', { name: 'Connect Entra ID' });
    expect(await textOf(connect, 'scim')).toContain(`${url}/scim/v2`);

    await page.getByLabel('Application that receives user records').selectOption({
      label: 'People Directory',
    });
    await page.getByRole('button', { name: 'Add a mapping row' }).click();
    await page.getByLabel('SCIM attribute, row 1').fill('nickName.nope');
    await page.getByLabel('Application field, row 1').selectOption('full_name');
    await page.getByRole('button', { name: 'Save SCIM settings' }).click();

    expect(await fieldErrorOf(page, 'SCIM attribute, row 1')).toContain(
      "invalid source 'nickName.nope'",
    );
    await browser.screenshot('scim-settings-error');
  });

  it('maps SCIM attributes to application fields', async () => {
    await page.getByLabel('SCIM attribute, row 1').fill('displayName');
    await page.getByRole('button', { name: 'Add a mapping row' }).click();
    await page.getByLabel('SCIM attribute, row 2').fill(`${ENTERPRISE_URN}:department`);
    await page.getByLabel('Application field, row 2').selectOption('department');
    await page.getByRole('button', { name: 'Save SCIM settings' }).click();

    await page.getByRole('status').filter({ hasText: 'SCIM settings saved.' }).waitFor();
    const resync = page.getByRole('region', { name: 'Resync' });
    expect(await textOf(resync, 'changed')).toContain('start a resync to apply it');
    await browser.screenshot('scim-settings');
  });

  it('lists users that SCIM provisioned', async () => {
    const report = await replayScimScenario(url, scimSecret, TEAM_SCENARIO);
    expect(report).toContain('5 passed, 0 failed');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();

    const table = page.getByRole('table', { name: 'Users' });
    expect(await textOf(table, 'grace.hopper.')).toContain('katherine.johnson.');
    expect(await textOf(page.locator('.pager-summary'))).toBe('Users 1–4 of 4');
    await browser.screenshot('users');
  });

  it('searches users with a SCIM filter', async () => {
    await page.getByLabel('SCIM filter').fill('active eq false');
    await page.getByRole('button', { name: 'Search' }).click();

    await page.waitForURL(/filter=active/);
    expect(await textOf(page.locator('.pager-summary'), '1 of 1')).toBe('Users 1–1 of 1');
    const table = page.getByRole('table', { name: 'Users' });
    expect(await textOf(table)).toContain('alan.turing.');
    expect(await textOf(table)).not.toContain('grace.hopper.');
  });

  it('shows filter errors beside the box', async () => {
    await page.getByLabel('SCIM filter').fill('userName zz "a"');
    await page.getByRole('button', { name: 'Search' }).click();

    expect(await fieldErrorOf(page, 'SCIM filter')).toMatch(/zz/);
    await browser.screenshot('users-filter-error');
  });

  it('shows a user with memberships', async () => {
    await page.getByLabel('SCIM filter').fill('userName sw "grace.hopper"');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: /^grace\.hopper\./ }).click();

    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
    const memberships = page.getByRole('region', { name: 'Group memberships' });
    expect(await textOf(memberships, 'Compiler Team')).toContain('direct');
    const enterprise = page.getByRole('region', { name: 'Enterprise attributes' });
    expect(await textOf(enterprise)).toContain('Compilers');
    const custom = page.getByRole('region', { name: 'Custom extension attributes' });
    expect(await textOf(custom, 'badgeNumber')).toContain('1906');
    await browser.screenshot('user-detail');
  });

  it('shows the linked application record', async () => {
    const record = page.getByRole('region', { name: 'Application record' });

    expect(await textOf(record, 'People Directory')).toContain('Grace Hopper');
    expect(await record.textContent()).toContain('Compilers');
  });

  it('makes a user an admin', async () => {
    const identity = page.getByRole('region', { name: 'Identity' });
    await identity.getByRole('button', { name: 'Make admin' }).click();

    await identity.getByRole('button', { name: 'Make member' }).waitFor();
    expect(await textOf(identity)).toContain('Admin');
    await identity.getByRole('button', { name: 'Make member' }).click();
    await identity.getByRole('button', { name: 'Make admin' }).waitFor();
  });

  it('shows a group and its members', async () => {
    await page
      .getByRole('region', { name: 'Group memberships' })
      .getByRole('link', { name: /Compiler Team/ })
      .click();

    const members = page.getByRole('region', { name: 'Members' });
    expect(await textOf(members, 'Alan Turing')).toContain('Grace Hopper');
    await browser.screenshot('group-detail');
  });

  it('lists the replayed requests in the provisioning log', async () => {
    await page.getByRole('link', { name: 'Provisioning logs' }).click();

    const table = page.getByRole('table', { name: 'Provisioning requests, newest first' });
    const text = await textOf(table, 'Create');
    expect(text).toContain('katherine.johnson.');
    expect(await textOf(page.locator('.summary-totals'))).toMatch(
      /^\d+ requests in the last 24 hours: 0 failed, \d+ with warnings$/,
    );
    await browser.screenshot('provisioning-log');
  });

  it('filters the log and shows a change in the drawer', async () => {
    await page.getByLabel('Operation').selectOption('DISABLE');
    await page.getByRole('button', { name: 'Apply' }).click();

    const table = page.getByRole('table', { name: 'Provisioning requests, newest first' });
    await page.waitForFunction(
      () => document.querySelectorAll('table tbody tr').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    expect(await textOf(table)).toContain('alan.turing.');

    await table.getByRole('button', { name: /^Details of Disable/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Provisioning event' });
    const changes = drawer.getByRole('table', { name: 'Changed attributes' });
    const activeRow = changes.getByRole('row', { name: /active/ });
    expect(await textOf(activeRow, 'false')).toBe('activetruefalse');
    await browser.screenshot('provisioning-drawer');
    await drawer.getByRole('button', { name: 'Close' }).click();
  });

  it('exports the filtered log as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);

    expect(download.suggestedFilename()).toBe('provisioning-events.csv');
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('alan.turing.');
  });

  it('resyncs every record with a progress bar', async () => {
    await page.getByRole('link', { name: 'SCIM settings' }).click();
    await page.getByRole('button', { name: 'Start resync' }).click();

    const resync = page.getByRole('region', { name: 'Resync' });
    expect(await textOf(resync, 'completed')).toContain('Last resync: completed');
    expect(await resync.getByRole('status').textContent()).toMatch(/^4 of 4 users \(100%\)/);
    expect(await resync.locator('progress').getAttribute('value')).toBe('100');
    await browser.screenshot('scim-resync');
  });

  it('lists the changes in the audit trail', async () => {
    await page.getByRole('link', { name: 'Audit trail' }).click();

    const table = page.getByRole('table', { name: 'Audit events, newest first' });
    const text = await textOf(table, 'Token created');
    expect(text).toContain('Saml integration enabled');
    expect(text).toContain('Password changed');

    await page.getByLabel('Action').selectOption('TOKEN_CREATED');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('table tbody tr').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    await browser.screenshot('audit');
  });

  it('revokes the token after confirmation', async () => {
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.getByRole('button', { name: 'Revoke Entra ID provisioning' }).click();

    const confirm = page.getByRole('dialog', { name: 'Revoke token "Entra ID provisioning"?' });
    expect(await textOf(confirm)).toContain('Entra ID provisioning with this token fails');
    await browser.screenshot('token-revoke');
    await confirm.getByRole('button', { name: 'Revoke token' }).click();

    const row = page.getByRole('row', { name: /Entra ID provisioning/ });
    expect(await textOf(row, 'REVOKED')).toContain('REVOKED');
    const scim = await fetch(`${url}/scim/v2/Users`, {
      headers: { authorization: `Bearer ${scimSecret}` },
    });
    expect(scim.status).toBe(401);
  });

  it('signs out to the sign-in form', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor();
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor();
  });
});
