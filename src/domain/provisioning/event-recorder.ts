import type { EntityManager } from '@mikro-orm/postgresql';

import type {
  DirectoryChange,
  DirectoryListener,
  GroupChange,
  ProvisioningWarning,
  UserChange,
} from '../changes/directory-change';
import { diffDocuments, REDACTED } from './attribute-diff';
import { StaleSyncTarget } from '../scim-settings/stale-sync-target';
import type { AttributeChange, ProvisioningOperation } from './event-types';
import { currentProvisioningRequest, elapsedMs } from './request-context';

const WRITE_STATUS = { created: 201, updated: 200, deleted: 204 } as const;

const INSERT_EVENT = `
  insert into provisioning_events
    (organization_id, id, occurred_at, request_id, token_id, token_title, user_agent, method,
     path, query, operation, resource_type, resource_id, external_id, resource_name, status,
     outcome, duration_ms, changes, warnings)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
  returning
    (select target_application_id from scim_settings where organization_id = ?) as sync_target`;

function userChanges(change: UserChange): AttributeChange[] {
  const changes = diffDocuments(change.before, change.after);
  if (change.passwordChanged) {
    changes.push({ attribute: 'password', oldValue: null, newValue: REDACTED });
  }
  return changes;
}

function groupChanges(change: GroupChange): AttributeChange[] {
  const changes = diffDocuments(change.before, change.after);
  for (const id of change.membersAdded) {
    changes.push({ attribute: 'members', oldValue: null, newValue: id });
  }
  for (const id of change.membersRemoved) {
    changes.push({ attribute: 'members', oldValue: id, newValue: null });
  }
  return changes;
}

/** Names what a change did: a changed `active` is a disable or enable, members-only edits too. */
export function operationOfChange(change: DirectoryChange): ProvisioningOperation {
  if (change.kind === 'created') {
    return 'CREATE';
  }
  if (change.kind === 'deleted') {
    return 'DELETE';
  }

  if (change.resourceType === 'User') {
    const wasActive = change.before?.active !== false;
    const isActive = change.after?.active !== false;
    if (wasActive !== isActive) {
      return isActive ? 'ENABLE' : 'DISABLE';
    }
    return 'UPDATE';
  }

  const attributesChanged = diffDocuments(change.before, change.after).length > 0;
  if (!attributesChanged && change.membersRemoved.length === 0 && change.membersAdded.length) {
    return 'MEMBERSHIP_ADD';
  }
  if (!attributesChanged && change.membersAdded.length === 0 && change.membersRemoved.length) {
    return 'MEMBERSHIP_REMOVE';
  }
  return 'UPDATE';
}

function identityOf(change: DirectoryChange) {
  const document = (change.after ?? change.before ?? {}) as Record<string, unknown>;
  const name = change.resourceType === 'User' ? document.userName : document.displayName;

  return {
    externalId: typeof document.externalId === 'string' ? document.externalId : null,
    resourceName: typeof name === 'string' ? name : null,
  };
}

/**
 * Writes the provisioning event of a SCIM write inside the write's transaction, so a committed
 * change always has its event. Subscribe it after every listener that adds warnings.
 * Changes made outside a SCIM request (GraphQL, command line) are not provisioning events.
 */
export class ProvisioningEventRecorder implements DirectoryListener {
  async onChange(
    tx: EntityManager,
    change: DirectoryChange,
    warnings: ProvisioningWarning[],
  ): Promise<void> {
    const request = currentProvisioningRequest();
    if (!request || request.organizationId !== change.organizationId) {
      return;
    }

    const changes = change.resourceType === 'User' ? userChanges(change) : groupChanges(change);

    // A later change of the same request needs no second check of the target application:
    // the first check ran after this transaction's first write, and a resync started after a
    // settings change waits for transactions that were writing by then.
    if (request.writtenOutcome) {
      await tx.execute(
        `update provisioning_events
            set changes = changes || ?::jsonb, warnings = warnings || ?::jsonb
          where organization_id = ? and id = ?`,
        [JSON.stringify(changes), JSON.stringify(warnings), change.organizationId, request.eventId],
      );
      return;
    }

    const guessed = { operation: request.operation, resourceType: request.resourceType };
    request.operation = operationOfChange(change);
    request.resourceType = change.resourceType;
    request.writtenOutcome = warnings.length > 0 ? 'WARNING' : 'SUCCESS';

    // The write commits before the response is sent, so the row stores the status the response
    // will have and the time spent until the change was made.
    const { externalId, resourceName } = identityOf(change);
    const rows = await tx.execute<{ sync_target: string | null }[]>(INSERT_EVENT, [
      change.organizationId,
      request.eventId,
      request.occurredAt,
      request.requestId,
      request.tokenId ?? null,
      request.tokenTitle ?? null,
      request.userAgent,
      request.method,
      request.path,
      request.query,
      request.operation,
      change.resourceType,
      change.id,
      externalId,
      resourceName,
      WRITE_STATUS[change.kind],
      request.writtenOutcome,
      elapsedMs(request),
      JSON.stringify(changes),
      JSON.stringify(warnings),
      change.organizationId,
    ]);

    // This statement runs after the change's own writes, so a target application saved before
    // it is seen here, and a resync started after it waits for this transaction.
    if (request.syncPlanSkipped && rows[0]?.sync_target) {
      Object.assign(request, guessed, {
        writtenOutcome: undefined,
        syncTargetAtAuth: undefined,
        syncPlanSkipped: false,
      });
      throw new StaleSyncTarget();
    }
  }
}
