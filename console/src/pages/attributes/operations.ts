import { graphql } from '../../gql';

export const ExtensionAttributeFields = graphql(`
  fragment ExtensionAttributeFields on ScimExtensionAttributeType {
    id
    schema
    name
    path
    type
    description
    required
    caseExact
    discovered
    updatedAt
  }
`);

export const ExtensionAttributesQuery = graphql(`
  query ExtensionAttributes {
    scimExtensionAttributes {
      ...ExtensionAttributeFields
    }
    scimDiscoverySettings {
      discoveredCount
      discoveryLimit
      discoveryLimitOverride
    }
  }
`);

export const DeclareAttributeMutation = graphql(`
  mutation DeclareAttribute($input: DeclareScimExtensionAttributeInput!) {
    declareScimExtensionAttribute(input: $input) {
      ...ExtensionAttributeFields
    }
  }
`);

export const UpdateAttributeMutation = graphql(`
  mutation UpdateAttribute($id: ID!, $input: UpdateScimExtensionAttributeInput!) {
    updateScimExtensionAttribute(id: $id, input: $input) {
      ...ExtensionAttributeFields
    }
  }
`);

export const RemoveAttributeMutation = graphql(`
  mutation RemoveAttribute($id: ID!) {
    removeScimExtensionAttribute(id: $id) {
      id
    }
  }
`);

export const SetDiscoveryLimitMutation = graphql(`
  mutation SetDiscoveryLimit($limit: Int) {
    setScimDiscoveryLimit(limit: $limit) {
      discoveredCount
      discoveryLimit
      discoveryLimitOverride
    }
  }
`);
