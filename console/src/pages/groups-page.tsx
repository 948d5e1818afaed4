import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { execute, GraphQLRequestError } from '../api/client';
import { DateTime } from '../components/date-time';
import { EmptyState } from '../components/empty-state';
import { ErrorList } from '../components/error-list';
import { usePageTitle } from '../components/page-title';
import { Pager } from '../components/pager';
import { GroupsQuery } from './directory-operations';
import { FilterForm } from './filter-form';
import { rangeSummary, useListParams } from './use-list-params';

const PAGE_SIZE = 25;

/** Groups: search with a SCIM filter, 25 per page. */
export function GroupsPage() {
  usePageTitle('Groups');
  const { filter, startIndex, update } = useListParams();

  const groups = useQuery({
    queryKey: ['groups', filter, startIndex],
    queryFn: () => execute(GroupsQuery, { filter: filter || null, startIndex, count: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const filterRejected =
    groups.error instanceof GraphQLRequestError && groups.error.code === 'BAD_USER_INPUT';
  const list = groups.isError ? undefined : groups.data?.groups;

  return (
    <>
      <h1>Groups</h1>
      <FilterForm
        filter={filter}
        onSearch={(next) => update({ filter: next })}
        error={groups.error}
        examples='For example: displayName sw "Sales", externalId eq "0c1d…"'
      />
      {filterRejected ? null : <ErrorList error={groups.error} />}
      {groups.isPending ? <p className="loading">Loading…</p> : null}
      {list && list.totalResults === 0 && !filter ? (
        <EmptyState title="No groups yet">
          <p>
            Groups appear here once Entra ID provisions them: assign groups to the enterprise
            application in Entra ID and include them in the provisioning scope.
          </p>
        </EmptyState>
      ) : null}
      {list && list.totalResults === 0 && filter ? (
        <p role="status">No groups match this filter.</p>
      ) : null}
      {list && list.resources.length > 0 ? (
        <table>
          <caption className="visually-hidden">Groups</caption>
          <thead>
            <tr>
              <th scope="col">Display name</th>
              <th scope="col">External ID</th>
              <th scope="col">Last modified</th>
            </tr>
          </thead>
          <tbody>
            {list.resources.map((group) => (
              <tr key={group.id}>
                <th scope="row">
                  <Link to={`/groups/${group.id}`}>{group.displayName}</Link>
                </th>
                <td>{group.externalId ?? '—'}</td>
                <td>
                  <DateTime value={group.meta.lastModified} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list && list.totalResults > 0 ? (
        <Pager
          label="groups"
          summary={rangeSummary(
            'Groups',
            list.startIndex,
            list.resources.length,
            list.totalResults,
          )}
          hasPrevious={list.startIndex > 1}
          hasNext={list.startIndex + list.resources.length <= list.totalResults}
          onPrevious={() => update({ startIndex: Math.max(1, list.startIndex - PAGE_SIZE) })}
          onNext={() => update({ startIndex: list.startIndex + list.resources.length })}
        />
      ) : null}
    </>
  );
}
