import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { execute, fieldError } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { EmptyState } from '../../components/empty-state';
import { ErrorList } from '../../components/error-list';
import { usePageTitle } from '../../components/page-title';
import { Pager } from '../../components/pager';
import { TextField } from '../../components/text-field';
import type {
  ProvisioningEventFilter,
  ProvisioningExportFormat,
  ProvisioningOperation,
  ProvisioningOutcome,
} from '../../gql/graphql';
import { EventDrawer } from './event-drawer';
import { OPERATION_LABELS, OUTCOME_LABELS } from './labels';
import { ProvisioningEventsQuery, ProvisioningExportQuery } from './operations';
import { SummaryChart } from './summary-chart';

const PAGE_SIZE = 25;

/** Provisioning logs: every SCIM request Entra ID sent, filterable, with details and export. */
export function ProvisioningPage() {
  usePageTitle('Provisioning logs');
  const [outcome, setOutcome] = useState('');
  const [operation, setOperation] = useState('');
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState<ProvisioningEventFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [openEvent, setOpenEvent] = useState<string | null>(null);
  const after = cursors[cursors.length - 1];

  const events = useQuery({
    queryKey: ['provisioningEvents', filter, after],
    queryFn: () => execute(ProvisioningEventsQuery, { first: PAGE_SIZE, after, filter }),
    placeholderData: keepPreviousData,
  });

  const exportEvents = useMutation({
    mutationFn: (format: ProvisioningExportFormat) =>
      execute(ProvisioningExportQuery, { filter, format }),
    onSuccess: (result) => {
      // The URL is absolute under PUBLIC_URL; its path works from any origin that serves Roster.
      const url = new URL(result.provisioningEventExport.url);
      window.location.assign(url.pathname + url.search);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCursors([null]);
    setFilter({
      outcomes: outcome ? [outcome as ProvisioningOutcome] : null,
      operations: operation ? [operation as ProvisioningOperation] : null,
      nameContains: name.trim() || null,
      from: from ? `${from}T00:00:00.000Z` : null,
      to: to ? `${to}T23:59:59.999Z` : null,
    });
  };

  const edges = events.isError ? [] : (events.data?.provisioningEvents.edges ?? []);
  const pageInfo = events.data?.provisioningEvents.pageInfo;
  const filtered = Object.values(filter).some((value) => value !== null && value !== undefined);

  return (
    <>
      <h1>Provisioning logs</h1>
      <SummaryChart />
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Requests</h2>
        <form className="filter-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="event-outcome">Outcome</label>
            <select id="event-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              <option value="">All outcomes</option>
              {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="event-operation">Operation</label>
            <select
              id="event-operation"
              value={operation}
              onChange={(e) => setOperation(e.target.value)}
            >
              <option value="">All operations</option>
              {Object.entries(OPERATION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label="User or group name contains"
            value={name}
            onChange={setName}
            error={fieldError(events.error, 'nameContains')}
          />
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
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={exportEvents.isPending}
            onClick={() => exportEvents.mutate('CSV')}
          >
            Export CSV
          </button>
          <button
            type="button"
            className="secondary"
            disabled={exportEvents.isPending}
            onClick={() => exportEvents.mutate('NDJSON')}
          >
            Export NDJSON
          </button>
        </div>
        <ErrorList error={exportEvents.error} />
        <ErrorList error={events.error} shownFields={['nameContains', 'from', 'to']} />
        {events.isPending ? <p className="loading">Loading…</p> : null}
        {events.isSuccess && edges.length === 0 && !filtered ? (
          <EmptyState title="No provisioning requests yet">
            <p>
              Entra ID&apos;s requests appear here once it provisions with a SCIM token from{' '}
              <Link to="/tokens">Tokens</Link>. In Entra ID, open the enterprise application →
              Provisioning and click Test Connection to send the first one.
            </p>
          </EmptyState>
        ) : null}
        {events.isSuccess && edges.length === 0 && filtered ? (
          <p role="status">No requests match these filters.</p>
        ) : null}
        {edges.length > 0 ? (
          <table>
            <caption className="visually-hidden">Provisioning requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Operation</th>
                <th scope="col">Resource</th>
                <th scope="col">Outcome</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <DateTime value={node.occurredAt} />
                  </td>
                  <th scope="row">{OPERATION_LABELS[node.operation]}</th>
                  <td>
                    {node.resourceType ?? ''} {node.resourceName ?? '—'}
                  </td>
                  <td>
                    <span className={`badge outcome-${node.outcome.toLowerCase()}`}>
                      {OUTCOME_LABELS[node.outcome]}
                    </span>
                  </td>
                  <td>{node.status}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Details of ${OPERATION_LABELS[node.operation]} ${node.resourceName ?? ''}`.trim()}
                      onClick={() => setOpenEvent(node.id)}
                    >
                      Details
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {pageInfo && edges.length > 0 ? (
          <Pager
            label="provisioning requests"
            summary={`Page ${cursors.length}`}
            hasPrevious={cursors.length > 1}
            hasNext={pageInfo.hasNextPage}
            onPrevious={() => setCursors(cursors.slice(0, -1))}
            onNext={() => setCursors([...cursors, pageInfo.endCursor ?? null])}
          />
        ) : null}
      </section>
      {openEvent ? <EventDrawer eventId={openEvent} onClose={() => setOpenEvent(null)} /> : null}
    </>
  );
}
