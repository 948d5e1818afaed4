import { graphql } from '../../gql';

export const TokenFields = graphql(`
  fragment TokenFields on ApiToken {
    id
    title
    description
    scope
    status
    displayPrefix
    userName
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

export const TokensQuery = graphql(`
  query Tokens($first: Int, $after: String) {
    tokens(first: $first, after: $after) {
      edges {
        node {
          ...TokenFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    samlIntegration {
      id
      enabled
    }
  }
`);

export const TokenOwnersQuery = graphql(`
  query TokenOwners {
    users(filter: "active eq true", count: 100, sortBy: "userName") {
      resources {
        id
        userName
        role
      }
    }
  }
`);

export const CreateTokenMutation = graphql(`
  mutation CreateToken($input: CreateTokenInput!) {
    createToken(input: $input) {
      secret
      token {
        ...TokenFields
      }
    }
  }
`);

export const RevokeTokenMutation = graphql(`
  mutation RevokeToken($id: ID!) {
    revokeToken(id: $id) {
      ...TokenFields
    }
  }
`);
