import { readFileSync } from 'node:fs';
import path from 'node:path';

import { cookieFrom, graphql } from '../../helpers/graphql-client';
import { SIGNING_CERTIFICATE } from '../../helpers/saml-fixtures';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/** The README's first-run walk-through; each document appears there word for word. */
const STEPS = {
  signIn:
    'mutation ($input: SignInInput!) { signIn(input: $input) { expiresAt viewer { userName passwordChangeRequired } } }',
  changePassword:
    'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { userName passwordChangeRequired } }',
  createSamlIntegration:
    'mutation ($input: CreateSamlIntegrationInput!) { createSamlIntegration(input: $input) { id enabled serviceProvider { entityId acsUrl signOnUrl logoutUrl metadataUrl } identityProvider { certificate { subject fingerprintSha256 notAfter } } } }',
  enableSamlIntegration: 'mutation ($id: ID!) { enableSamlIntegration(id: $id) { id enabled } }',
  createToken:
    'mutation ($input: CreateTokenInput!) { createToken(input: $input) { secret token { id title scope status expiresAt displayPrefix } } }',
  tokens:
    '{ tokens(first: 10) { edges { node { id title scope status userName lastUsedAt } } pageInfo { hasNextPage endCursor } } }',
};

describe('first run over GraphQL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('uses the documents the README shows', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

    for (const document of Object.values(STEPS)) {
      expect(readme).toContain(`'${document}'`);
    }
  });

  it('signs in, changes the password, enables SAML and creates a SCIM token', async () => {
    const signedIn = await graphql(server, STEPS.signIn, {
      input: {
        organization: 'default',
        email: server.bootstrap.adminEmail,
        password: server.bootstrap.oneTimePassword,
      },
    });
    const cookie = cookieFrom(signedIn.setCookie);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.signIn.viewer).toEqual({
      userName: 'admin@example.com',
      passwordChangeRequired: true,
    });

    const changed = await graphql(
      server,
      STEPS.changePassword,
      {
        input: {
          currentPassword: server.bootstrap.oneTimePassword,
          newPassword: 'correct horse battery staple',
        },
      },
      { cookie },
    );
    expect(changed.data).toEqual({
      changePassword: { userName: 'admin@example.com', passwordChangeRequired: false },
    });

    const created = await graphql(
      server,
      STEPS.createSamlIntegration,
      {
        input: {
          name: 'Entra ID',
          idpEntityId: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/',
          idpSignOnUrl:
            'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/saml2',
          idpCertificate: SIGNING_CERTIFICATE,
        },
      },
      { cookie },
    );
    expect(created.errors).toBeUndefined();
    const integration = created.data!.createSamlIntegration;
    expect(integration.enabled).toBe(false);
    expect(integration.serviceProvider).toEqual({
      entityId: 'https://roster.test/sso/default/metadata',
      acsUrl: 'https://roster.test/sso/default/acs',
      signOnUrl: 'https://roster.test/sso/default/login',
      logoutUrl: 'https://roster.test/sso/default/logout',
      metadataUrl: 'https://roster.test/sso/default/metadata',
    });
    expect(integration.identityProvider.certificate.subject).toBe(
      'CN=Microsoft Azure Federated SSO Certificate (test)',
    );

    const enabled = await graphql(
      server,
      STEPS.enableSamlIntegration,
      { id: integration.id },
      { cookie },
    );
    expect(enabled.data).toEqual({ enableSamlIntegration: { id: integration.id, enabled: true } });

    const token = await graphql(
      server,
      STEPS.createToken,
      { input: { title: 'Entra provisioning', scope: 'SCIM', expiration: 'DAYS_90' } },
      { cookie },
    );
    expect(token.errors).toBeUndefined();
    const { secret, token: created_ } = token.data!.createToken;
    expect(secret).toMatch(/^roster_scim_[\w-]{43}$/);
    expect(created_).toMatchObject({
      title: 'Entra provisioning',
      scope: 'SCIM',
      status: 'ACTIVE',
    });
    expect(secret.startsWith(created_.displayPrefix)).toBe(true);

    const list = await graphql(server, STEPS.tokens, {}, { cookie });
    expect(list.data!.tokens).toEqual({
      edges: [
        {
          node: {
            id: created_.id,
            title: 'Entra provisioning',
            scope: 'SCIM',
            status: 'ACTIVE',
            userName: 'admin@example.com',
            lastUsedAt: null,
          },
        },
      ],
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
    });
  });
});
