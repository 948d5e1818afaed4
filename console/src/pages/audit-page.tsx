import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { execute, fieldError } from '../api/client';
import { DateTime } from '../components/date-time';
import { EmptyState } from '../components/empty-state';
import { ErrorList } from '../components/error-list';
import { usePageTitle } from '../components/page-title';
import { Pager } from '../components/pager';
import { TextField } from '../components/text-field';
import type { AuditAction, AuditEventFilter } from '../gql/graphql';
import { AuditEventsQuery } from './audit-operations';

const PAGE_SIZE = 25;

const ACTIONS: AuditAction[] = [
  'SIGNED_IN',
  'SIGN_IN_FAILED',
  'SIGNED_OUT',
  'PASSWORD_CHANGED',
  'TOKEN_CREATED',
  'TOKEN_REVOKED',
  'SAML_INTEGRATION_CREATED',
  'SAML_INTEGRATION_UPDATED',
  'SAML_INTEGRATION_ENABLED',
  'SAML_INTEGRATION_DISABLED',
  'SAML_INTEGRATION_DELETED',
  'SCIM_ATTRIBUTE_DECLARED',
  'SCIM_ATTRIBUTE_UPDATED',
  'SCIM_ATTRIBUTE_REMOVED',
  'SCIM_SETTINGS_UPDATED',
  'SCIM_RESYNC_STARTED',
  'APPLICATION_CREATED',
  'APPLICATION_RENAMED',
  'APPLICATION_ARCHIVED',
  'APPLICATION_FIELD_ADDED',
  'APPLICATION_FIELD_UPDATED',
  'APPLICATION_FIELD_REMOVED',
  'USER_ROLE_CHANGED',
  'ORGANIZATION_CREATED',
  'ORGANIZATION_SETTINGS_CHANGED',
];

/** TOKEN_CREATED becomes "Token created". */
function actionLabel(action: string): string {
  const words = action.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Audit trail: administrative changes and sign-ins, newest first. */
export function AuditPage() {
  usePageTitle('Audit trail');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];

  const events = useQuery({
    queryKey: ['auditEvents', filter, after],
    queryFn: () => execute(AuditEventsQuery, { first: PAGE_SIZE, after, filter }),
    placeholderData: keepPreviousData,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCursors([null]);
    setFilter({
      actions: action ? [action as AuditAction] : null,
      from: from ? `${from}T00:00:00.000Z` : null,
      to: to ? `${to}T23:59:59.999Z` : null,
    });
  };

  const edges = events.isError ? [] : (events.data?.auditEvents.edges ?? []);
  const pageInfo = events.data?.auditEvents.pageInfo;

  return (
    <>
      <h1>Audit trail</h1>
      <form className="filter-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All actions</option>
            {ACTIONS.map((value) => (
              <option key={value} value={value}>
                {actionLabel(value)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="From (UTC)"
          type="date"
          value={from}
          onChange={setFrom}
          error={fieldError(events.error, 'from')}
        />
        <TextField
          label="To (UTC)"
          type="date"
          value={to}
          onChange={setTo}
          error={fieldError(events.error, 'to')}
        />
        <div className="actions">
          <button type="submit">Apply</button>
        </div>
      </form>
      <ErrorList error={events.error} shownFields={['from', 'to']} />
      {events.isPending ? <p className="loading">Loading…</p> : null}
      {events.isSuccess && edges.length === 0 ? (
        <EmptyState title="No events">
          <p>
            No administrative change or sign-in matches. Sign-ins, token changes and SAML settings
            changes are recorded here as they happen.
          </p>
        </EmptyState>
      ) : null}
      {edges.length > 0 ? (
        <table>
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">Target</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <DateTime value={node.occurredAt} />
                </td>
                <th scope="row">{actionLabel(node.action)}</th>
                <td>
                  {node.actorVia.toLowerCase()}
                  {node.actorUserId ? <div className="hint">user {node.actorUserId}</div> : null}
                  {node.actorTokenId ? <div className="hint">token {node.actorTokenId}</div> : null}
                </td>
                <td>
                  {node.targetType.toLowerCase().replaceAll('_', ' ')}
                  {node.targetId ? <div className="hint">{node.targetId}</div> : null}
                </td>
                <td>
                  <code className="wrap">{JSON.stringify(node.detail)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pageInfo && edges.length > 0 ? (
        <Pager
          label="audit events"
          summary={`Page ${cursors.length}`}
          hasPrevious={cursors.length > 1}
          hasNext={pageInfo.hasNextPage}
          onPrevious={() => setCursors(cursors.slice(0, -1))}
          onNext={() => setCursors([...cursors, pageInfo.endCursor ?? null])}
        />
      ) : null}
    </>
  );
}
