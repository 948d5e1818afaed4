import { graphql } from '../../gql';

export const ProvisioningEventsQuery = graphql(`
  query ProvisioningEvents($first: Int, $after: String, $filter: ProvisioningEventFilter) {
    provisioningEvents(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          occurredAt
          operation
          outcome
          status
          method
          resourceType
          resourceName
          durationMs
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ProvisioningEventQuery = graphql(`
  query ProvisioningEvent($id: ID!) {
    provisioningEvent(id: $id) {
      id
      occurredAt
      operation
      outcome
      status
      method
      path
      query
      requestId
      resourceType
      resourceId
      resourceName
      externalId
      tokenTitle
      userAgent
      durationMs
      error {
        detail
        scimType
      }
      warnings {
        attribute
        code
        message
      }
      changes {
        attribute
        oldValue
        newValue
      }
    }
  }
`);

export const ProvisioningSummaryQuery = graphql(`
  query ProvisioningSummary($from: DateTimeISO!, $to: DateTimeISO!, $period: SummaryPeriod!) {
    provisioningSummary(from: $from, to: $to, period: $period) {
      start
      total
      failed
      warnings
      created
      updated
      deleted
    }
  }
`);

export const ProvisioningExportQuery = graphql(`
  query ProvisioningExport($filter: ProvisioningEventFilter, $format: ProvisioningExportFormat!) {
    provisioningEventExport(filter: $filter, format: $format) {
      url
    }
  }
`);
