import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { execute } from '../api/client';
import { DateTime } from '../components/date-time';
import { ErrorList } from '../components/error-list';
import { graphql } from '../gql';

const LinkedRecordTargetQuery = graphql(`
  query LinkedRecordTarget {
    scimSettings {
      targetApplication {
        id
        name
        fields {
          key
          name
        }
      }
    }
  }
`);

const RecordOfUserQuery = graphql(`
  query RecordOfUser($applicationId: ID!, $userId: ID!) {
    applicationRecords(
      applicationId: $applicationId
      userId: $userId
      first: 1
      includeArchived: true
    ) {
      edges {
        node {
          id
          archived
          updatedAt
          values
        }
      }
    }
  }
`);

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }

  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Renders the record that SCIM sync keeps for the user in the target application. */
export function LinkedRecord({ userId }: { userId: string }) {
  const target = useQuery({
    queryKey: ['linkedRecordTarget'],
    queryFn: () => execute(LinkedRecordTargetQuery),
  });
  const application = target.data?.scimSettings.targetApplication;

  const record = useQuery({
    queryKey: ['linkedRecord', application?.id, userId],
    queryFn: () => execute(RecordOfUserQuery, { applicationId: application!.id, userId }),
    enabled: Boolean(application),
  });
  const node = record.data?.applicationRecords.edges[0]?.node;

  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">Application record</h2>
      <ErrorList error={target.error ?? record.error} />
      {target.isSuccess && !application ? (
        <p>
          No target application: choose one under <Link to="/scim/settings">SCIM settings</Link> to
          keep a record of each provisioned user there.
        </p>
      ) : null}
      {application && record.isSuccess && !node ? (
        <p>
          {application.name} has no record of this user yet; a resync under{' '}
          <Link to="/scim/settings">SCIM settings</Link> creates it.
        </p>
      ) : null}
      {application && node ? (
        <>
          <p>
            In {application.name}
            {node.archived ? ' (archived)' : ''}, updated <DateTime value={node.updatedAt} />.
          </p>
          <dl className="facts">
            {application.fields.map((field) => (
              <div key={field.key} className="fact-row">
                <dt>{field.name}</dt>
                <dd>{showValue(node.values[field.key])}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
