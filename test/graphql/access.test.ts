import {
  CHANGE_PASSWORD,
  SIGN_IN,
  defaultAdminSession,
  expiredSession,
  memberSession,
  otherOrganizationSession,
  type AdminSession,
} from '../helpers/admin-session';
import { graphql, type GraphQLResponse } from '../helpers/graphql-client';
import {
  AUDIT_EVENTS,
  CREATE_SAML,
  CREATE_TOKEN,
  DELETE_SAML,
  DISABLE_SAML,
  ENABLE_SAML,
  IMPORT_SAML_METADATA,
  REVOKE_TOKEN,
  SAML_INTEGRATION,
  SIGN_OUT,
  TOKEN,
  TOKENS,
  UPDATE_SAML,
  UPDATE_SETTINGS,
  VIEWER,
} from '../helpers/operations';
import { entraFederationMetadata, SIGNING_CERTIFICATE } from '../helpers/saml-fixtures';
import { completeIntegrationInput, createIntegration, TENANT_ID } from '../helpers/saml-setup';
import { startTestServer, type TestServer } from '../helpers/test-server';

type Variables = Record<string, unknown>;

/** One operation and how to call it in each situation the access rules cover. */
interface OperationCase {
  operation: string;
  document: string;
  /** A successful call: which admin calls it, with what, and the check of its data. */
  success(): Promise<{ cookie: string; variables: Variables; check(data: any): void }>;
  /** Variables a member calls it with; the success variables are used when absent. */
  memberVariables?(): Promise<Variables>;
  /** The admin of another organization calls it with this organization's ids. */
  crossOrganization?(): Promise<{ variables: Variables; check(response: GraphQLResponse): void }>;
  /** Invalid input, and the field the error must name. */
  invalid?(): Promise<{ cookie: string; variables: Variables; field: string }>;
}

describe('GraphQL access rules', () => {
  let server: TestServer;
  let admin: AdminSession;
  let other: AdminSession;
  let member: string;
  let integrationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await defaultAdminSession(server);
    other = await otherOrganizationSession(server);
    member = await memberSession(server, admin.organizationId);
    integrationId = await createIntegration(server, admin.cookie);
  });

  afterAll(async () => {
    await server.close();
  });

  async function createApiToken(session: AdminSession = admin): Promise<string> {
    const created = await graphql(
      server,
      CREATE_TOKEN,
      { input: { title: 'fixture', scope: 'API', expiration: 'DAYS_30' } },
      { cookie: session.cookie },
    );
    return created.data!.createToken.token.id;
  }

  const cases: OperationCase[] = [
    {
      operation: 'viewer',
      document: VIEWER,
      success: async () => ({
        cookie: admin.cookie,
        variables: {},
        check: (data) =>
          expect(data.viewer).toEqual({
            id: admin.userId,
            userName: admin.email,
            role: 'ADMIN',
            organization: { id: admin.organizationId, slug: 'default' },
          }),
      }),
    },
    {
      operation: 'tokens',
      document: TOKENS,
      success: async () => {
        const id = await createApiToken();
        return {
          cookie: admin.cookie,
          variables: { first: 100 },
          check: (data) => expect(data.tokens.edges.map((edge: any) => edge.node.id)).toContain(id),
        };
      },
      crossOrganization: async () => {
        const id = await createApiToken();
        return {
          variables: { first: 100 },
          check: (response) =>
            expect(response.data!.tokens.edges.map((edge: any) => edge.node.id)).not.toContain(id),
        };
      },
      invalid: async () => ({ cookie: admin.cookie, variables: { first: 0 }, field: 'first' }),
    },
    {
      operation: 'token',
      document: TOKEN,
      success: async () => {
        const id = await createApiToken();
        return {
          cookie: admin.cookie,
          variables: { id },
          check: (data) => expect(data.token).toEqual({ id, title: 'fixture', status: 'ACTIVE' }),
        };
      },
      crossOrganization: async () => ({
        variables: { id: await createApiToken() },
        check: (response) => expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND'),
      }),
    },
    {
      operation: 'samlIntegration',
      document: SAML_INTEGRATION,
      success: async () => ({
        cookie: admin.cookie,
        variables: {},
        check: (data) => expect(data.samlIntegration.id).toBe(integrationId),
      }),
      crossOrganization: async () => ({
        variables: {},
        check: (response) => expect(response.data).toEqual({ samlIntegration: null }),
      }),
    },
    {
      operation: 'auditEvents',
      document: AUDIT_EVENTS,
      success: async () => ({
        cookie: admin.cookie,
        variables: { first: 100, filter: { actions: ['SAML_INTEGRATION_CREATED'] } },
        check: (data) =>
          expect(data.auditEvents.edges.map((edge: any) => edge.node.targetId)).toEqual([
            integrationId,
          ]),
      }),
      crossOrganization: async () => ({
        variables: { first: 100, filter: { actions: ['SAML_INTEGRATION_CREATED'] } },
        check: (response) => expect(response.data!.auditEvents.edges).toEqual([]),
      }),
      invalid: async () => ({
        cookie: admin.cookie,
        variables: {
          filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        },
        field: 'filter.to',
      }),
    },
    {
      operation: 'createToken',
      document: CREATE_TOKEN,
      success: async () => ({
        cookie: admin.cookie,
        variables: { input: { title: 'CI', scope: 'API', expiration: 'DAYS_60' } },
        check: (data) =>
          expect(data.createToken.token).toMatchObject({
            title: 'CI',
            scope: 'API',
            status: 'ACTIVE',
            userId: admin.userId,
          }),
      }),
      crossOrganization: async () => ({
        variables: {
          input: { title: 'CI', scope: 'API', expiration: 'DAYS_60', userId: admin.userId },
        },
        check: (response) => {
          expect(response.errors?.[0].extensions).toMatchObject({
            code: 'NOT_FOUND',
            field: 'userId',
          });
        },
      }),
      invalid: async () => ({
        cookie: admin.cookie,
        variables: { input: { title: 'x'.repeat(101), scope: 'API', expiration: 'DAYS_60' } },
        field: 'title',
      }),
    },
    {
      operation: 'revokeToken',
      document: REVOKE_TOKEN,
      success: async () => {
        const id = await createApiToken();
        return {
          cookie: admin.cookie,
          variables: { id },
          check: (data) => expect(data.revokeToken).toMatchObject({ id, status: 'REVOKED' }),
        };
      },
      memberVariables: async () => ({ id: await createApiToken() }),
      crossOrganization: async () => ({
        variables: { id: await createApiToken() },
        check: (response) => expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND'),
      }),
    },
    {
      operation: 'updateOrganizationSettings',
      document: UPDATE_SETTINGS,
      success: async () => ({
        cookie: admin.cookie,
        variables: { input: { allowNeverExpiringTokens: true } },
        check: (data) =>
          expect(data.updateOrganizationSettings).toEqual({
            id: admin.organizationId,
            slug: 'default',
            allowNeverExpiringTokens: true,
          }),
      }),
      crossOrganization: async () => ({
        variables: { input: { allowNeverExpiringTokens: true } },
        check: (response) =>
          expect(response.data!.updateOrganizationSettings.id).toBe(other.organizationId),
      }),
      invalid: async () => ({
        cookie: admin.cookie,
        variables: { input: { allowNeverExpiringTokens: 'yes' } },
        field: 'allowNeverExpiringTokens',
      }),
    },
    {
      operation: 'createSamlIntegration',
      document: CREATE_SAML,
      success: async () => {
        const fresh = await otherOrganizationSession(server);
        return {
          cookie: fresh.cookie,
          variables: { input: completeIntegrationInput('Fresh') },
          check: (data) =>
            expect(data.createSamlIntegration).toMatchObject({ name: 'Fresh', enabled: false }),
        };
      },
      invalid: async () => ({
        cookie: (await otherOrganizationSession(server)).cookie,
        variables: { input: { name: 'Broken', idpCertificate: 'not a certificate' } },
        field: 'idpCertificate',
      }),
    },
    {
      operation: 'updateSamlIntegration',
      document: UPDATE_SAML,
      success: async () => ({
        cookie: admin.cookie,
        variables: { id: integrationId, input: { description: 'Contoso tenant' } },
        check: (data) => expect(data.updateSamlIntegration.description).toBe('Contoso tenant'),
      }),
      crossOrganization: async () => ({
        variables: { id: integrationId, input: { description: 'taken over' } },
        check: (response) => expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND'),
      }),
      invalid: async () => ({
        cookie: admin.cookie,
        variables: { id: integrationId, input: { idpSignOnUrl: 'http://login.example.com' } },
        field: 'idpSignOnUrl',
      }),
    },
    {
      operation: 'importSamlIdentityProviderMetadata',
      document: IMPORT_SAML_METADATA,
      success: async () => ({
        cookie: admin.cookie,
        variables: {
          id: integrationId,
          xml: entraFederationMetadata(TENANT_ID, [SIGNING_CERTIFICATE]),
        },
        check: (data) =>
          expect(data.importSamlIdentityProviderMetadata.identityProvider.entityId).toBe(
            `https://sts.windows.net/${TENANT_ID}/`,
          ),
      }),
      crossOrganization: async () => ({
        variables: {
          id: integrationId,
          xml: entraFederationMetadata(TENANT_ID, [SIGNING_CERTIFICATE]),
        },
        check: (response) => expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND'),
      }),
      invalid: async () => ({
        cookie: admin.cookie,
        variables: { id: integrationId, xml: '<EntityDescriptor' },
        field: 'xml',
      }),
    },
    {
      operation: 'enableSamlIntegration',
      document: ENABLE_SAML,
      success: async () => {
        await graphql(server, DISABLE_SAML, { id: integrationId }, { cookie: admin.cookie });
        return {
          cookie: admin.cookie,
          variables: { id: integrationId },
          check: (data) =>
            expect(data.enableSamlIntegration).toEqual({ id: integrationId, enabled: true }),
        };
      },
      crossOrganization: async () => ({
        variables: { id: integrationId },
        check: (response) => expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND'),
      }),
      invalid: async () => {
        const fresh = await otherOrganizationSession(server);
        const id = await createIntegration(server, fresh.cookie, {
          enabled: false,
          input: { name: 'Incomplete' },
        });
        return { cookie: fresh.cookie, variables: { id }, field: 'idpEntityId' };
      },
    },
    {
      operation: 'disableSamlIntegration',
      document: DISABLE_SAML,
      success: async () => {
        await graphql(server, ENABLE_SAML, { id: integrationId }, { cookie: admin.cookie });
        return {
          cookie: admin.cookie,
          variables: { id: integrationId },
          check: (data) =>
            expect(data.disableSamlIntegration).toEqual({ id: integrationId, enabled: false }),
        };
      },
      crossOrganization: async () => ({
        variables: { id: integrationId },
        check: (response) => expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND'),
      }),
    },
    {
      operation: 'deleteSamlIntegration',
      document: DELETE_SAML,
      success: async () => {
        const fresh = await otherOrganizationSession(server);
        const id = await createIntegration(server, fresh.cookie);
        return {
          cookie: fresh.cookie,
          variables: { id },
          check: (data) => expect(data.deleteSamlIntegration).toBe(id),
        };
      },
      crossOrganization: async () => ({
        variables: { id: integrationId },
        check: (response) => expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND'),
      }),
    },
  ];

  describe.each(cases)('$operation', (operation) => {
    it('succeeds for an admin', async () => {
      const { cookie, variables, check } = await operation.success();

      const response = await graphql(server, operation.document, variables, { cookie });

      expect(response.errors).toBeUndefined();
      check(response.data);
    });

    if (operation.operation !== 'viewer') {
      it('rejects a member with FORBIDDEN', async () => {
        const variables = operation.memberVariables
          ? await operation.memberVariables()
          : (await operation.success()).variables;

        const response = await graphql(server, operation.document, variables, { cookie: member });

        expect(response.errors).toHaveLength(1);
        expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      });
    }

    if (operation.crossOrganization) {
      it("keeps another organization's data out of reach", async () => {
        const { variables, check } = await operation.crossOrganization!();

        const response = await graphql(server, operation.document, variables, {
          cookie: other.cookie,
        });

        check(response);
      });
    }

    it('rejects a request without a session with UNAUTHENTICATED', async () => {
      const { variables } = await operation.success();

      const response = await graphql(server, operation.document, variables);

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rejects an expired session with UNAUTHENTICATED', async () => {
      const { variables } = await operation.success();
      const cookie = await expiredSession(server, admin.organizationId, admin.userId);

      const response = await graphql(server, operation.document, variables, { cookie });

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    if (operation.invalid) {
      it('rejects invalid input with BAD_USER_INPUT naming the field', async () => {
        const { cookie, variables, field } = await operation.invalid!();

        const response = await graphql(server, operation.document, variables, { cookie });

        expect(response.errors).toHaveLength(1);
        expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].extensions?.field).toBe(field);
      });
    }
  });

  describe('viewer for a member', () => {
    it('returns the member with role MEMBER', async () => {
      const response = await graphql(server, VIEWER, {}, { cookie: member });

      expect(response.data?.viewer.role).toBe('MEMBER');
      expect(response.data?.viewer.organization.id).toBe(admin.organizationId);
    });
  });

  describe('signIn', () => {
    it("rejects an admin's email under another organization's slug", async () => {
      const response = await graphql(server, SIGN_IN, {
        input: { organization: other.slug, email: admin.email, password: admin.password },
      });

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.setCookie).toBeNull();
    });

    it('rejects an empty email with BAD_USER_INPUT naming email', async () => {
      const response = await graphql(server, SIGN_IN, {
        input: { organization: 'default', email: '', password: 'whatever' },
      });

      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'email',
      });
    });
  });

  describe('changePassword', () => {
    it('rejects a request without a session with UNAUTHENTICATED', async () => {
      const response = await graphql(server, CHANGE_PASSWORD, {
        input: { currentPassword: 'whatever-it-was', newPassword: 'a brand new password' },
      });

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rejects a short new password with BAD_USER_INPUT naming newPassword', async () => {
      const response = await graphql(
        server,
        CHANGE_PASSWORD,
        { input: { currentPassword: admin.password, newPassword: 'short' } },
        { cookie: admin.cookie },
      );

      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'newPassword',
      });
    });
  });

  describe('signOut', () => {
    it('rejects a request without a session with UNAUTHENTICATED', async () => {
      const response = await graphql(server, SIGN_OUT);

      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
