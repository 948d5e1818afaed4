import { graphql } from '../../gql';

export const SamlIntegrationFields = graphql(`
  fragment SamlIntegrationFields on SamlIntegration {
    id
    name
    description
    enabled
    updatedAt
    serviceProvider {
      entityId
      acsUrl
      signOnUrl
      logoutUrl
      metadataUrl
      metadataXml
    }
    identityProvider {
      entityId
      signOnUrl
      logoutUrl
      certificate {
        subject
        issuer
        notBefore
        notAfter
        fingerprintSha256
      }
      nextCertificate {
        subject
        notAfter
        fingerprintSha256
      }
    }
    attributeMapping {
      attribute
      field
    }
  }
`);

export const SamlIntegrationQuery = graphql(`
  query SamlIntegration {
    samlIntegration {
      ...SamlIntegrationFields
    }
  }
`);

export const CreateSamlIntegrationMutation = graphql(`
  mutation CreateSamlIntegration($input: CreateSamlIntegrationInput!) {
    createSamlIntegration(input: $input) {
      ...SamlIntegrationFields
    }
  }
`);

export const UpdateSamlIntegrationMutation = graphql(`
  mutation UpdateSamlIntegration($id: ID!, $input: UpdateSamlIntegrationInput!) {
    updateSamlIntegration(id: $id, input: $input) {
      ...SamlIntegrationFields
    }
  }
`);

export const ImportSamlMetadataMutation = graphql(`
  mutation ImportSamlMetadata($id: ID!, $xml: String!) {
    importSamlIdentityProviderMetadata(id: $id, xml: $xml) {
      ...SamlIntegrationFields
    }
  }
`);

export const EnableSamlIntegrationMutation = graphql(`
  mutation EnableSamlIntegration($id: ID!) {
    enableSamlIntegration(id: $id) {
      ...SamlIntegrationFields
    }
  }
`);

export const DisableSamlIntegrationMutation = graphql(`
  mutation DisableSamlIntegration($id: ID!) {
    disableSamlIntegration(id: $id) {
      ...SamlIntegrationFields
    }
  }
`);
