import { otherOrganizationSession, type AdminSession } from '../helpers/admin-session';
import { graphql } from '../helpers/graphql-client';
import {
  CREATE_SAML,
  DELETE_SAML,
  ENABLE_SAML,
  IMPORT_SAML_METADATA,
  SAML_INTEGRATION,
  UPDATE_SAML,
} from '../helpers/operations';
import {
  base64Of,
  entraFederationMetadata,
  EXPIRED_CERTIFICATE,
  NEXT_SIGNING_CERTIFICATE,
  SIGNING_CERTIFICATE,
} from '../helpers/saml-fixtures';
import { completeIntegrationInput, TENANT_ID } from '../helpers/saml-setup';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('SAML integration over GraphQL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  async function create(session: AdminSession, input: Record<string, unknown>) {
    return graphql(server, CREATE_SAML, { input }, { cookie: session.cookie });
  }

  it('generates the service-provider values from PUBLIC_URL and the slug', async () => {
    const session = await otherOrganizationSession(server);

    const response = await create(session, { name: 'Entra ID' });
    const provider = response.data!.createSamlIntegration.serviceProvider;
    const base = `https://roster.test/sso/${session.slug}`;

    expect(provider).toMatchObject({
      entityId: `${base}/metadata`,
      acsUrl: `${base}/acs`,
      signOnUrl: `${base}/login`,
      logoutUrl: `${base}/logout`,
      metadataUrl: `${base}/metadata`,
    });
    expect(provider.metadataXml).toContain(`entityID="${base}/metadata"`);
    expect(provider.metadataXml).toContain(
      `<AssertionConsumerService index="1" isDefault="true" ` +
        `Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${base}/acs"/>`,
    );
  });

  it("maps Entra's default claims until told otherwise", async () => {
    const session = await otherOrganizationSession(server);

    const response = await create(session, { name: 'Entra ID' });

    expect(response.data!.createSamlIntegration.attributeMapping).toEqual([
      {
        attribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
        field: 'EMAIL',
      },
      {
        attribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
        field: 'GIVEN_NAME',
      },
      {
        attribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
        field: 'FAMILY_NAME',
      },
      {
        attribute: 'http://schemas.microsoft.com/identity/claims/displayname',
        field: 'DISPLAY_NAME',
      },
      {
        attribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
        field: 'GROUPS',
      },
    ]);
  });

  it('shows the parsed certificates', async () => {
    const session = await otherOrganizationSession(server);

    const response = await create(session, {
      ...completeIntegrationInput(),
      idpNextCertificate: NEXT_SIGNING_CERTIFICATE,
    });
    const provider = response.data!.createSamlIntegration.identityProvider;

    expect(provider.certificate.subject).toBe(
      'CN=Microsoft Azure Federated SSO Certificate (test)',
    );
    expect(provider.certificate.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(provider.certificate.pem).toBe(SIGNING_CERTIFICATE);
    expect(provider.nextCertificate.subject).toBe('CN=Roster test IdP next signing certificate');
  });

  it('rejects an expired certificate, naming the field', async () => {
    const session = await otherOrganizationSession(server);

    const response = await create(session, {
      ...completeIntegrationInput(),
      idpCertificate: EXPIRED_CERTIFICATE,
    });

    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idpCertificate',
    });
    expect(response.errors?.[0].message).toMatch(/expired on 2021-01-01T00:00:00\.000Z/);
  });

  it('rejects a second integration with CONFLICT', async () => {
    const session = await otherOrganizationSession(server);
    await create(session, { name: 'First' });

    const response = await create(session, { name: 'Second' });

    expect(response.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('rejects a mapping that names a field twice', async () => {
    const session = await otherOrganizationSession(server);

    const response = await create(session, {
      name: 'Entra ID',
      attributeMapping: [
        { attribute: 'mail', field: 'EMAIL' },
        { attribute: 'upn', field: 'EMAIL' },
      ],
    });

    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'attributeMapping[1].field',
    });
  });

  it('changes only the given fields, and null clears an optional one', async () => {
    const session = await otherOrganizationSession(server);
    const created = await create(session, {
      ...completeIntegrationInput(),
      description: 'old',
      idpLogoutUrl: 'https://login.microsoftonline.com/logout',
    });
    const id = created.data!.createSamlIntegration.id;

    const response = await graphql(
      server,
      UPDATE_SAML,
      { id, input: { description: 'new', idpLogoutUrl: null } },
      { cookie: session.cookie },
    );
    const updated = response.data!.updateSamlIntegration;

    expect(updated.description).toBe('new');
    expect(updated.identityProvider.logoutUrl).toBeNull();
    expect(updated.identityProvider.entityId).toBe(completeIntegrationInput().idpEntityId);
    expect(updated.name).toBe('Entra ID');
  });

  it('imports the identity provider values from federation metadata', async () => {
    const session = await otherOrganizationSession(server);
    const created = await create(session, { name: 'Entra ID' });
    const id = created.data!.createSamlIntegration.id;

    const response = await graphql(
      server,
      IMPORT_SAML_METADATA,
      {
        id,
        xml: entraFederationMetadata(TENANT_ID, [SIGNING_CERTIFICATE, NEXT_SIGNING_CERTIFICATE]),
      },
      { cookie: session.cookie },
    );
    const provider = response.data!.importSamlIdentityProviderMetadata.identityProvider;

    expect(provider.entityId).toBe(`https://sts.windows.net/${TENANT_ID}/`);
    expect(provider.signOnUrl).toBe(`https://login.microsoftonline.com/${TENANT_ID}/saml2`);
    expect(provider.logoutUrl).toBe(`https://login.microsoftonline.com/${TENANT_ID}/saml2`);
    expect(base64Of(provider.certificate.pem)).toBe(base64Of(SIGNING_CERTIFICATE));
    expect(provider.nextCertificate.subject).toBe('CN=Roster test IdP next signing certificate');
  });

  it('enables only a complete integration, naming what is missing', async () => {
    const session = await otherOrganizationSession(server);
    const created = await create(session, {
      name: 'Entra ID',
      idpEntityId: 'https://sts.windows.net/x/',
      idpSignOnUrl: 'https://login.microsoftonline.com/x/saml2',
    });
    const id = created.data!.createSamlIntegration.id;

    const response = await graphql(server, ENABLE_SAML, { id }, { cookie: session.cookie });

    expect(response.errors?.[0]).toMatchObject({
      message:
        "idpCertificate is required while the integration is enabled: set the identity provider's " +
        'signing certificate (Base64) with updateSamlIntegration or importSamlIdentityProviderMetadata',
      extensions: { code: 'BAD_USER_INPUT', field: 'idpCertificate' },
    });
  });

  it('keeps an enabled integration complete', async () => {
    const session = await otherOrganizationSession(server);
    const created = await create(session, completeIntegrationInput());
    const id = created.data!.createSamlIntegration.id;
    await graphql(server, ENABLE_SAML, { id }, { cookie: session.cookie });

    const response = await graphql(
      server,
      UPDATE_SAML,
      { id, input: { idpSignOnUrl: null } },
      { cookie: session.cookie },
    );

    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idpSignOnUrl',
    });
  });

  it('deletes the integration, after which the query returns null', async () => {
    const session = await otherOrganizationSession(server);
    const created = await create(session, { name: 'Entra ID' });
    const id = created.data!.createSamlIntegration.id;

    const deleted = await graphql(server, DELETE_SAML, { id }, { cookie: session.cookie });
    const after = await graphql(server, SAML_INTEGRATION, {}, { cookie: session.cookie });
    const again = await graphql(server, DELETE_SAML, { id }, { cookie: session.cookie });

    expect(deleted.data).toEqual({ deleteSamlIntegration: id });
    expect(after.data).toEqual({ samlIntegration: null });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('GET /sso/:slug/metadata', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('serves the service-provider metadata without sign-in', async () => {
    const response = await fetch(`${server.url}/sso/default/metadata`);
    const xml = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/samlmetadata+xml');
    expect(xml).toMatch(
      /^<\?xml version="1\.0"\?>\s*<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2\.0:metadata"/,
    );
    expect(xml).toContain('entityID="https://roster.test/sso/default/metadata"');
    expect(xml).toContain('Location="https://roster.test/sso/default/acs"');
    expect(xml).toContain('Location="https://roster.test/sso/default/logout"');
    expect(xml).toContain('WantAssertionsSigned="true"');
  });

  it('answers 404 for an unknown organization', async () => {
    const response = await fetch(`${server.url}/sso/nobody/metadata`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "organization 'nobody' not found" });
  });
});
