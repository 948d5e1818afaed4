import { useQuery } from '@tanstack/react-query';

import { execute } from '../../api/client';
import { DateTime } from '../../components/date-time';
import { Dialog } from '../../components/dialog';
import { ErrorList } from '../../components/error-list';
import { OPERATION_LABELS, OUTCOME_LABELS } from './labels';
import { ProvisioningEventQuery } from './operations';

function showValue(value: unknown): string {
  if (value === null || value === undefined) {
    return '—';
  }

  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Renders one SCIM request in a side panel: what was asked, the outcome, and what changed. */
export function EventDrawer({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const event = useQuery({
    queryKey: ['provisioningEvent', eventId],
    queryFn: () => execute(ProvisioningEventQuery, { id: eventId }),
  });
  const detail = event.data?.provisioningEvent;

  return (
    <Dialog title="Provisioning event" onClose={onClose} className="drawer">
      <ErrorList error={event.error} />
      {event.isPending ? <p className="loading">Loading…</p> : null}
      {detail ? (
        <>
          <dl className="facts">
            <dt>When</dt>
            <dd>
              <DateTime value={detail.occurredAt} />
            </dd>
            <dt>Operation</dt>
            <dd>{OPERATION_LABELS[detail.operation]}</dd>
            <dt>Outcome</dt>
            <dd>
              {OUTCOME_LABELS[detail.outcome]} (HTTP {detail.status})
            </dd>
            <dt>Request</dt>
            <dd>
              <code className="wrap">
                {detail.method} {detail.path}
                {detail.query ? `?${detail.query}` : ''}
              </code>
            </dd>
            <dt>Resource</dt>
            <dd>
              {detail.resourceType ?? '—'} {detail.resourceName ?? ''}
              {detail.resourceId ? <div className="hint">{detail.resourceId}</div> : null}
            </dd>
            <dt>External ID</dt>
            <dd>{detail.externalId ?? '—'}</dd>
            <dt>Token</dt>
            <dd>{detail.tokenTitle ?? '—'}</dd>
            <dt>Duration</dt>
            <dd>{detail.durationMs.toFixed(1)} ms</dd>
            <dt>Request ID</dt>
            <dd>
              <code>{detail.requestId}</code>
            </dd>
          </dl>
          {detail.error ? (
            <div className="error-box">
              <h3>Why it failed</h3>
              <p>
                {detail.error.detail}
                {detail.error.scimType ? ` (scimType ${detail.error.scimType})` : ''}
              </p>
            </div>
          ) : null}
          {detail.warnings.length > 0 ? (
            <div className="warning">
              <h3>Warnings</h3>
              <ul>
                {detail.warnings.map((warning) => (
                  <li key={`${warning.code}-${warning.attribute}`}>
                    {warning.attribute}: {warning.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <h3>Changes</h3>
          {detail.changes.length === 0 ? (
            <p>No attribute changed.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Changed attributes</caption>
              <thead>
                <tr>
                  <th scope="col">Attribute</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {detail.changes.map((change) => (
                  <tr key={change.attribute}>
                    <th scope="row">{change.attribute}</th>
                    <td className="wrap">{showValue(change.oldValue)}</td>
                    <td className="wrap">{showValue(change.newValue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
