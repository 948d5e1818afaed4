import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';

import { execute } from '../api/client';
import { DateTime } from '../components/date-time';
import { ErrorList } from '../components/error-list';
import { usePageTitle } from '../components/page-title';
import { Pager } from '../components/pager';
import { GroupQuery } from './directory-operations';

const MEMBERS_PER_PAGE = 50;

/** Renders one group and its members, 50 at a time. */
export function GroupDetailPage() {
  const { id = '' } = useParams();
  const [startIndex, setStartIndex] = useState(1);
  const group = useQuery({
    queryKey: ['group', id, startIndex],
    queryFn: () => execute(GroupQuery, { id, startIndex, count: MEMBERS_PER_PAGE }),
    placeholderData: keepPreviousData,
  });
  usePageTitle(group.data?.group.displayName ?? 'Group');

  if (group.isPending) {
    return <p className="loading">Loading…</p>;
  }
  if (group.error) {
    return (
      <>
        <h1>Group</h1>
        <ErrorList error={group.error} />
        <Link to="/groups">Back to groups</Link>
      </>
    );
  }

  const detail = group.data.group;
  const members = detail.members;

  return (
    <>
      <p>
        <Link to="/groups">← Groups</Link>
      </p>
      <h1>{detail.displayName}</h1>
      <dl className="facts">
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
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {members.length === 0 && startIndex === 1 ? (
          <p>No members. Entra ID adds the members of the group it provisions.</p>
        ) : null}
        {members.length === 0 && startIndex > 1 ? <p>No more members.</p> : null}
        {members.length > 0 ? (
          <ul>
            {members.map((member) => (
              <li key={member.id}>
                <Link to={member.type === 'User' ? `/users/${member.id}` : `/groups/${member.id}`}>
                  {member.display ?? member.id}
                </Link>{' '}
                <span className="hint">({member.type === 'User' ? 'user' : 'group'})</span>
              </li>
            ))}
          </ul>
        ) : null}
        {/* The API returns no total, so a full page always offers Next. */}
        <Pager
          label="members"
          summary={members.length ? `Members ${startIndex}–${startIndex + members.length - 1}` : ''}
          hasPrevious={startIndex > 1}
          hasNext={members.length === MEMBERS_PER_PAGE}
          onPrevious={() => setStartIndex(Math.max(1, startIndex - MEMBERS_PER_PAGE))}
          onNext={() => setStartIndex(startIndex + MEMBERS_PER_PAGE)}
        />
      </section>
    </>
  );
}
