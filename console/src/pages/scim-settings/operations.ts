import { graphql } from '../../gql';

export const ResyncFields = graphql(`
  fragment ResyncFields on ScimResync {
    id
    status
    processed
    total
    progress
    warnings
    lastError
    finishedAt
  }
`);

export const ScimSettingsPageQuery = graphql(`
  query ScimSettingsPage {
    scimSettings {
      version
      targetApplicationId
      resyncRecommended
      mappings {
        source
        field
      }
      deprovisioning {
        action
        statusField
        activeStatus
        inactiveStatus
        deletedStatus
      }
      latestResync {
        ...ResyncFields
      }
    }
    applications(first: 100) {
      edges {
        node {
          id
          name
          fields {
            key
            name
            type
          }
        }
      }
    }
    samlIntegration {
      id
      enabled
      serviceProvider {
        metadataUrl
      }
    }
  }
`);

export const UpdateScimSettingsMutation = graphql(`
  mutation UpdateScimSettings($input: ScimSettingsInput!) {
    updateScimSettings(input: $input) {
      version
      resyncRecommended
    }
  }
`);

export const StartResyncMutation = graphql(`
  mutation StartResync {
    startScimResync {
      ...ResyncFields
    }
  }
`);
