import { CHANGE_PASSWORD, SIGN_IN } from '../../helpers/admin-session';
import { cookieFrom, graphql } from '../../helpers/graphql-client';
import { SIGNING_CERTIFICATE } from '../../helpers/saml-fixtures';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/** The README's first-run walk-through, operation by operation, over GraphQL only. */
describe('first run over GraphQL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('signs in, changes the password, enables SAML and creates a SCIM token', async () => {
    const signedIn = await graphql(server, SIGN_IN, {
      input: {
        organization: 'default',
        email: server.bootstrap.adminEmail,
        password: server.bootstrap.oneTimePassword,
      },
    });
    const cookie = cookieFrom(signedIn.setCookie);

    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.signIn.viewer.passwordChangeRequired).toBe(true);
    expect(signedIn.setCookie).toMatch(
      /^roster_session=[\w-]{43}; Path=\/; Expires=.+; Max-Age=43200; HttpOnly; SameSite=Lax; Secure$/,
    );

    const blocked = await graphql(server, '{ tokens { edges { cursor } } }', {}, { cookie });
    expect(blocked.errors?.[0].extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await graphql(
      server,
      CHANGE_PASSWORD,
      {
        input: {
          currentPassword: server.bootstrap.oneTimePassword,
          newPassword: 'correct horse battery staple',
        },
      },
      { cookie },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changePassword.passwordChangeRequired).toBe(false);

    const created = await graphql(
      server,
      `
        mutation ($input: CreateSamlIntegrationInput!) {
          createSamlIntegration(input: $input) {
            id
            enabled
            serviceProvider {
              entityId
              acsUrl
              signOnUrl
              logoutUrl
            }
            identityProvider {
              certificate {
                subject
              }
            }
          }
        }
      `,
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
    });
    expect(integration.identityProvider.certificate.subject).toBe(
      'CN=Microsoft Azure Federated SSO Certificate (test)',
    );

    const enabled = await graphql(
      server,
      'mutation ($id: ID!) { enableSamlIntegration(id: $id) { enabled } }',
      { id: integration.id },
      { cookie },
    );
    expect(enabled.data?.enableSamlIntegration.enabled).toBe(true);

    const token = await graphql(
      server,
      `
        mutation ($input: CreateTokenInput!) {
          createToken(input: $input) {
            secret
            token {
              id
              title
              scope
              status
              displayPrefix
            }
          }
        }
      `,
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

    const list = await graphql(
      server,
      '{ tokens(first: 10) { edges { node { id title scope status userName } } pageInfo { hasNextPage } } }',
      {},
      { cookie },
    );
    expect(list.data!.tokens).toEqual({
      edges: [
        {
          node: {
            id: created_.id,
            title: 'Entra provisioning',
            scope: 'SCIM',
            status: 'ACTIVE',
            userName: server.bootstrap.adminEmail,
          },
        },
      ],
      pageInfo: { hasNextPage: false },
    });
  });
});
