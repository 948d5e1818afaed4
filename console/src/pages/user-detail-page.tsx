import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';

import { execute } from '../api/client';
import { DateTime } from '../components/date-time';
import { ErrorList } from '../components/error-list';
import { usePageTitle } from '../components/page-title';
import { UserQuery } from './directory-operations';
import { LinkedRecord } from './linked-record';
import { UserRoleControl } from './user-role-control';

/** Renders one user: identity, enterprise attributes, group memberships and its SCIM form. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const user = useQuery({ queryKey: ['user', id], queryFn: () => execute(UserQuery, { id }) });
  usePageTitle(user.data?.user.userName ?? 'User');

  if (user.isPending) {
    return <p className="loading">Loading…</p>;
  }
  if (user.error) {
    return (
      <>
        <h1>User</h1>
        <ErrorList error={user.error} />
        <Link to="/users">Back to users</Link>
      </>
    );
  }

  const detail = user.data.user;
  const enterprise = detail.enterprise;
  const extensionCount = Object.keys(detail.extensions).length;

  return (
    <>
      <p>
        <Link to="/users">← Users</Link>
      </p>
      <h1>{detail.displayName ?? detail.userName}</h1>
      <section aria-labelledby="identity-heading">
        <h2 id="identity-heading">Identity</h2>
        <dl className="facts">
          <dt>User name</dt>
          <dd>{detail.userName}</dd>
          <dt>Status</dt>
          <dd>{detail.active ? 'Active' : 'Inactive'}</dd>
          <dt>Role</dt>
          <dd>
            <UserRoleControl userId={detail.id} role={detail.role} />
          </dd>
          <dt>Name</dt>
          <dd>
            {detail.name?.formatted ??
              ([detail.name?.givenName, detail.name?.familyName].filter(Boolean).join(' ') || '—')}
          </dd>
          <dt>Email</dt>
          <dd>{detail.emails.map((email) => email.value).join(', ') || '—'}</dd>
          <dt>Job title</dt>
          <dd>{detail.title ?? '—'}</dd>
          <dt>External ID (Entra object ID)</dt>
          <dd>{detail.externalId ?? '—'}</dd>
          <dt>Created</dt>
          <dd>
            <DateTime value={detail.meta.created} />
          </dd>
          <dt>Last modified</dt>
          <dd>
            <DateTime value={detail.meta.lastModified} /> (version {detail.meta.version})
          </dd>
        </dl>
      </section>
      <section aria-labelledby="enterprise-heading">
        <h2 id="enterprise-heading">Enterprise attributes</h2>
        <dl className="facts">
          <dt>Employee number</dt>
          <dd>{enterprise.employeeNumber ?? '—'}</dd>
          <dt>Department</dt>
          <dd>{enterprise.department ?? '—'}</dd>
          <dt>Cost center</dt>
          <dd>{enterprise.costCenter ?? '—'}</dd>
          <dt>Organization</dt>
          <dd>{enterprise.organization ?? '—'}</dd>
          <dt>Division</dt>
          <dd>{enterprise.division ?? '—'}</dd>
          <dt>Manager</dt>
          <dd>
            {enterprise.manager ? (
              <Link to={`/users/${enterprise.manager.id}`}>
                {enterprise.manager.displayName ?? enterprise.manager.id}
              </Link>
            ) : (
              '—'
            )}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">Group memberships</h2>
        {detail.groups.length === 0 ? (
          <p>Not a member of any group.</p>
        ) : (
          <ul>
            {detail.groups.map((group) => (
              <li key={group.id}>
                <Link to={`/groups/${group.id}`}>{group.displayName}</Link>{' '}
                <span className="hint">
                  ({group.type === 'direct' ? 'direct' : 'through a nested group'})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <LinkedRecord userId={detail.id} />
      {extensionCount > 0 ? (
        <section aria-labelledby="extensions-heading">
          <h2 id="extensions-heading">Custom extension attributes</h2>
          <pre>{JSON.stringify(detail.extensions, null, 2)}</pre>
        </section>
      ) : null}
      <details>
        <summary>SCIM representation</summary>
        <pre>{JSON.stringify(detail.scim, null, 2)}</pre>
      </details>
    </>
  );
}
