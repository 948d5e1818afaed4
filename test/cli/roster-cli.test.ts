import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runCli } from '../helpers/cli-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startRosterProcess, type RosterProcess } from '../helpers/roster-process';

/**
 * Runs the built CLI as a child process: on a database of its own on the PostgreSQL server
 * when DATABASE_URL is set, otherwise on an embedded data folder of its own.
 */
describe('roster CLI', () => {
  let env: Record<string, string>;
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.url };
    } else {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-cli-'));
      env = { ROSTER_DATA_DIR: dataDir };
    }
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const roster = (...args: string[]) => runCli(args, env);

  it('prints usage and exits 2 on a wrong command line', async () => {
    const unknown = await roster('org', 'delete');
    const missing = await roster('token', 'list');

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^roster: unknown command 'org delete'\n\nUsage: roster/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^roster: token list needs --org\n/);
  });

  it('creates organizations and tokens, lists and revokes them', async () => {
    const created = await roster(
      'org',
      'create',
      '--name',
      'Acme Corp.',
      '--admin-email',
      'ops@acme.test',
    );
    const password = /One-time password: (\S+)/.exec(created.stdout)?.[1];

    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain('Created organization "Acme Corp." (slug acme-corp).\n');
    expect(password).toMatch(/^[\w-]{24}$/);

    const duplicate = await roster(
      'org',
      'create',
      '--name',
      'Acme',
      '--slug',
      'acme-corp',
      '--admin-email',
      'x@acme.test',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toBe(
      "roster: organization slug 'acme-corp' is already taken [CONFLICT]\n",
    );

    const token = await roster(
      'token',
      'create',
      '--org',
      'acme-corp',
      '--title',
      'Deploy',
      '--user',
      'ops@acme.test',
      '--expires-in',
      '90d',
      '--scope',
      'api',
      '--json',
    );
    const { token: view, secret } = JSON.parse(token.stdout);
    expect(token.code).toBe(0);
    expect(secret).toMatch(/^roster_api_[\w-]{43}$/);
    expect(view).toMatchObject({
      title: 'Deploy',
      scope: 'API',
      status: 'ACTIVE',
      userName: 'ops@acme.test',
    });

    const scim = await roster(
      'token',
      'create',
      '--org',
      'acme-corp',
      '--title',
      'Entra',
      '--user',
      'ops@acme.test',
      '--scope',
      'scim',
    );
    expect(scim.code).toBe(1);
    expect(scim.stderr).toMatch(
      /^roster: SCIM provisioning needs single sign-on: .* \[SSO_REQUIRED\]\n$/,
    );

    const listed = await roster('token', 'list', '--org', 'acme-corp');
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(
      /^ID +TITLE +SCOPE +STATUS +USER +CREATED +EXPIRES +LAST USED +PREFIX$/,
    );
    expect(listed.stdout).toContain(`${view.id}  Deploy  API    ACTIVE  ops@acme.test`);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await roster('token', 'revoke', '--org', 'acme-corp', view.id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(
      new RegExp(`^Revoked token ${view.id} "Deploy" at .+ UTC\\.\\n$`),
    );

    const after = JSON.parse(
      (await roster('token', 'list', '--org', 'acme-corp', '--json')).stdout,
    );
    expect(after.map((entry: { id: string; status: string }) => [entry.id, entry.status])).toEqual([
      [view.id, 'REVOKED'],
    ]);
  }, 120_000);

  it('reports an unknown organization', async () => {
    const result = await roster('token', 'list', '--org', 'nowhere');

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: "roster: organization 'nowhere' not found [NOT_FOUND]\n",
    });
  });

  describe('next to a running server', () => {
    let server: RosterProcess;
    let baseUrl: string;

    let apiSecret: string;
    let oneTimePassword: string | undefined;

    beforeAll(async () => {
      // The embedded data folder admits one process at a time: use the CLI before the server.
      const org = await roster('org', 'create', '--name', 'Beta', '--admin-email', 'ops@beta.test');
      oneTimePassword = /One-time password: (\S+)/.exec(org.stdout)?.[1];
      const created = await roster(
        'token',
        'create',
        '--org',
        'beta',
        '--title',
        'CI',
        '--user',
        'ops@beta.test',
        '--scope',
        'api',
        '--json',
      );
      apiSecret = JSON.parse(created.stdout).secret;

      server = startRosterProcess({ ...env, PORT: '0', LOG_LEVEL: 'info' });
      await server.waitForOutput('Roster is listening', 60_000);
      const line = server
        .stdout()
        .split('\n')
        .find((text) => text.includes('Roster is listening'))!;
      baseUrl = JSON.parse(line).url;
    }, 90_000);

    afterAll(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    });

    it('makes API tokens that the server accepts', async () => {
      const post = (body: unknown, headers: Record<string, string>) =>
        fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        }).then((response) => response.json());

      const viewer = await post(
        { query: '{ viewer { userName organization { slug } } }' },
        { authorization: `Bearer ${apiSecret}` },
      );
      const signIn = await post(
        {
          query:
            'mutation ($input: SignInInput!) { signIn(input: $input) { viewer { passwordChangeRequired } } }',
          variables: {
            input: { organization: 'beta', email: 'ops@beta.test', password: oneTimePassword },
          },
        },
        { 'x-roster-csrf': '1' },
      );

      expect(viewer).toEqual({
        data: { viewer: { userName: 'ops@beta.test', organization: { slug: 'beta' } } },
      });
      expect(signIn).toEqual({ data: { signIn: { viewer: { passwordChangeRequired: true } } } });
    }, 120_000);

    if (!process.env.DATABASE_URL) {
      it('refuses the embedded data folder while the server holds it', async () => {
        const result = await roster('token', 'list', '--org', 'acme-corp');

        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          new RegExp(
            `^roster: the embedded database in ${dataDir} is in use by the Roster server ` +
              `\\(process ${server.child.pid}, since .+\\); stop that process first, or set ` +
              'DATABASE_URL so that both use a PostgreSQL server\\n$',
          ),
        );
      });
    }
  });
});
