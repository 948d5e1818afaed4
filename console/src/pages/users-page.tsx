import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { execute, GraphQLRequestError } from '../api/client';
import { DateTime } from '../components/date-time';
import { EmptyState } from '../components/empty-state';
import { ErrorList } from '../components/error-list';
import { usePageTitle } from '../components/page-title';
import { Pager } from '../components/pager';
import { UsersQuery } from './directory-operations';
import { FilterForm } from './filter-form';
import { rangeSummary, useListParams } from './use-list-params';

const PAGE_SIZE = 25;

/** Users: search with a SCIM filter, 25 per page. */
export function UsersPage() {
  usePageTitle('Users');
  const { filter, startIndex, update } = useListParams();

  const users = useQuery({
    queryKey: ['users', filter, startIndex],
    queryFn: () => execute(UsersQuery, { filter: filter || null, startIndex, count: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const filterRejected =
    users.error instanceof GraphQLRequestError && users.error.code === 'BAD_USER_INPUT';
  const list = users.isError ? undefined : users.data?.users;

  return (
    <>
      <h1>Users</h1>
      <FilterForm
        filter={filter}
        onSearch={(next) => update({ filter: next })}
        error={users.error}
        examples='For example: userName sw "a", emails.value co "@contoso.com", active eq false'
      />
      {filterRejected ? null : <ErrorList error={users.error} />}
      {users.isPending ? <p className="loading">Loading…</p> : null}
      {list && list.totalResults === 0 && !filter ? (
        <EmptyState title="No users yet">
          <p>
            Users appear here once Entra ID provisions them. Create a SCIM token under{' '}
            <Link to="/tokens">Tokens</Link>, paste it in Entra ID&apos;s provisioning settings with
            the tenant URL ending in /scim/v2, and start provisioning.
          </p>
        </EmptyState>
      ) : null}
      {list && list.totalResults === 0 && filter ? (
        <p role="status">No users match this filter.</p>
      ) : null}
      {list && list.resources.length > 0 ? (
        <table>
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">User name</th>
              <th scope="col">Display name</th>
              <th scope="col">Status</th>
              <th scope="col">Role</th>
              <th scope="col">External ID</th>
              <th scope="col">Last modified</th>
            </tr>
          </thead>
          <tbody>
            {list.resources.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  <Link to={`/users/${user.id}`}>{user.userName}</Link>
                </th>
                <td>{user.displayName ?? '—'}</td>
                <td>{user.active ? 'Active' : 'Inactive'}</td>
                <td>{user.role === 'ADMIN' ? 'Admin' : 'Member'}</td>
                <td>{user.externalId ?? '—'}</td>
                <td>
                  <DateTime value={user.meta.lastModified} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list && list.totalResults > 0 ? (
        <Pager
          label="users"
          summary={rangeSummary('Users', list.startIndex, list.resources.length, list.totalResults)}
          hasPrevious={list.startIndex > 1}
          hasNext={list.startIndex + list.resources.length <= list.totalResults}
          onPrevious={() => update({ startIndex: Math.max(1, list.startIndex - PAGE_SIZE) })}
          onNext={() => update({ startIndex: list.startIndex + list.resources.length })}
        />
      ) : null}
    </>
  );
}
