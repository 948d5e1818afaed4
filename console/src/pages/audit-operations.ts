import { graphql } from '../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          action
          actorVia
          actorUserId
          actorTokenId
          targetType
          targetId
          occurredAt
          requestId
          detail
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
