import { graphql } from '../gql';

export const UsersQuery = graphql(`
  query Users($filter: String, $startIndex: Int, $count: Int) {
    users(filter: $filter, startIndex: $startIndex, count: $count, sortBy: "userName") {
      totalResults
      startIndex
      itemsPerPage
      resources {
        id
        userName
        displayName
        active
        role
        externalId
        meta {
          lastModified
        }
      }
    }
  }
`);

export const UserQuery = graphql(`
  query User($id: ID!) {
    user(id: $id) {
      id
      userName
      displayName
      active
      role
      externalId
      title
      userType
      locale
      timezone
      name {
        givenName
        familyName
        formatted
      }
      emails {
        value
        type
        primary
      }
      phoneNumbers {
        value
        type
      }
      enterprise {
        employeeNumber
        department
        costCenter
        organization
        division
        manager {
          id
          displayName
        }
      }
      groups {
        id
        displayName
        type
      }
      extensions
      meta {
        created
        lastModified
        version
      }
      scim
    }
  }
`);

export const GroupsQuery = graphql(`
  query Groups($filter: String, $startIndex: Int, $count: Int) {
    groups(filter: $filter, startIndex: $startIndex, count: $count, sortBy: "displayName") {
      totalResults
      startIndex
      itemsPerPage
      resources {
        id
        displayName
        externalId
        meta {
          lastModified
        }
      }
    }
  }
`);

export const GroupQuery = graphql(`
  query Group($id: ID!, $startIndex: Int!, $count: Int!) {
    group(id: $id) {
      id
      displayName
      externalId
      meta {
        created
        lastModified
        version
      }
      members(startIndex: $startIndex, count: $count) {
        id
        type
        display
      }
    }
  }
`);
