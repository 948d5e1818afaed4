/** GraphQL documents shared by the integration tests. */

export const VIEWER = '{ viewer { id userName role organization { id slug } } }';

export const TOKENS = `
  query Tokens($first: Int, $after: String) {
    tokens(first: $first, after: $after) {
      edges { cursor node { id title scope status userId userName } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export const TOKEN = 'query Token($id: ID!) { token(id: $id) { id title status } }';

export const CREATE_TOKEN = `
  mutation CreateToken($input: CreateTokenInput!) {
    createToken(input: $input) {
      secret
      token { id title description scope status userId userName expiresAt displayPrefix }
    }
  }`;

export const REVOKE_TOKEN =
  'mutation Revoke($id: ID!) { revokeToken(id: $id) { id status revokedAt } }';

export const UPDATE_SETTINGS = `
  mutation Settings($input: UpdateOrganizationSettingsInput!) {
    updateOrganizationSettings(input: $input) { id slug allowNeverExpiringTokens }
  }`;

const INTEGRATION_FIELDS = `
  id name description enabled
  serviceProvider { entityId acsUrl signOnUrl logoutUrl metadataUrl metadataXml }
  identityProvider {
    entityId signOnUrl logoutUrl
    certificate { subject issuer fingerprintSha256 notBefore notAfter pem }
    nextCertificate { subject fingerprintSha256 }
  }
  attributeMapping { attribute field }`;

export const SAML_INTEGRATION = `{ samlIntegration { ${INTEGRATION_FIELDS} } }`;

export const CREATE_SAML = `
  mutation Create($input: CreateSamlIntegrationInput!) {
    createSamlIntegration(input: $input) { ${INTEGRATION_FIELDS} }
  }`;

export const UPDATE_SAML = `
  mutation Update($id: ID!, $input: UpdateSamlIntegrationInput!) {
    updateSamlIntegration(id: $id, input: $input) { ${INTEGRATION_FIELDS} }
  }`;

export const IMPORT_SAML_METADATA = `
  mutation Import($id: ID!, $xml: String!) {
    importSamlIdentityProviderMetadata(id: $id, xml: $xml) { ${INTEGRATION_FIELDS} }
  }`;

export const ENABLE_SAML =
  'mutation Enable($id: ID!) { enableSamlIntegration(id: $id) { id enabled } }';

export const DISABLE_SAML =
  'mutation Disable($id: ID!) { disableSamlIntegration(id: $id) { id enabled } }';

export const DELETE_SAML = 'mutation Delete($id: ID!) { deleteSamlIntegration(id: $id) }';

export const AUDIT_EVENTS = `
  query Audit($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id occurredAt action actorVia actorUserId actorTokenId targetType targetId requestId detail
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export const SIGN_OUT = 'mutation { signOut }';
