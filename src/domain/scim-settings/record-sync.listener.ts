import type { EntityManager } from '@mikro-orm/postgresql';

import type {
  DirectoryChange,
  DirectoryListener,
  GroupChange,
  ProvisioningWarning,
} from '../changes/directory-change';
import type { DomainDeps } from '../deps';
import { currentProvisioningRequest } from '../provisioning/request-context';
import type { SchemaRegistryProvider } from '../schema-registry.service';
import { MAX_GROUP_NESTING } from '../users/user-view-loader';
import { loadSubjects, subjectOf, syncDeletion, syncRecords } from './record-sync';
import { loadSyncPlan, type SyncPlan } from './sync-plan';

/** Users re-read per query when a change touches many of them. */
const SYNC_CHUNK = 500;

/**
 * Keeps each provisioned user's record in the SCIM target application current, inside the
 * transaction of the user or group change, so the record commits or rolls back with it.
 */
export class RecordSyncListener implements DirectoryListener {
  constructor(
    private readonly deps: DomainDeps,
    private readonly registries: SchemaRegistryProvider,
  ) {}

  async onChange(
    tx: EntityManager,
    change: DirectoryChange,
    warnings: ProvisioningWarning[],
  ): Promise<void> {
    // A SCIM request whose token saw no target application skips the plan; recording its
    // event checks that none appeared since (ProvisioningEventRecorder).
    const request = currentProvisioningRequest();
    if (request?.organizationId === change.organizationId && request.syncTargetAtAuth === null) {
      request.syncPlanSkipped = true;
      return;
    }

    const plan = await loadSyncPlan(tx, change.organizationId, () =>
      this.registries.forOrganization(change.organizationId, tx),
    );
    if (!plan) {
      return;
    }

    const now = this.deps.now();
    if (change.resourceType === 'User') {
      if (change.kind === 'deleted') {
        await syncDeletion(tx, plan, change.id, now);
        await this.syncReferrers(tx, plan, change.id, now, warnings);
        return;
      }
      await syncRecords(tx, plan, [subjectOf(change.view!)], now, warnings);
      return;
    }

    await this.onGroupChange(tx, plan, change, now, warnings);
  }

  /** Recomputes the users whose group names changed, when a row maps `groups`. */
  private async onGroupChange(
    tx: EntityManager,
    plan: SyncPlan,
    change: GroupChange,
    now: Date,
    warnings: ProvisioningWarning[],
  ): Promise<void> {
    if (!plan.rows.some((row) => row.source.kind === 'groups')) {
      return;
    }

    const renamed =
      change.kind === 'updated' && change.before?.displayName !== change.after?.displayName;
    const changedMembers = [...change.membersAdded, ...change.membersRemoved];
    const roots = renamed ? [...changedMembers, change.id] : changedMembers;
    const userIds = await usersReachedFrom(tx, change.organizationId, roots);

    // NOTE: the group change holds its group's row and now locks these users, while a user
    // deletion locks the user and then its groups. Run at once, the two can deadlock;
    // PostgreSQL then aborts one, which fails with 500 and Entra retries it.

    for (let start = 0; start < userIds.length; start += SYNC_CHUNK) {
      const ids = userIds.slice(start, start + SYNC_CHUNK);
      const subjects = await loadSubjects(tx, change.organizationId, { ids }, this.publicUrl);
      await syncRecords(tx, plan, subjects, now, warnings);
    }
  }

  /**
   * Recomputes the users whose records name a deleted user in a field mapped from a user
   * reference, such as the manager. The deletion has already cleared their manager, but
   * without publishing a change for them.
   */
  private async syncReferrers(
    tx: EntityManager,
    plan: SyncPlan,
    deletedId: string,
    now: Date,
    warnings: ProvisioningWarning[],
  ): Promise<void> {
    const keys = plan.rows.filter((row) => row.source.kind === 'user').map((row) => row.field.key);
    if (keys.length === 0) {
      return;
    }

    const conditions = keys.map(() => 'field_values @> ?::jsonb').join(' or ');
    const rows = await tx.execute<{ user_id: string }[]>(
      `select user_id from application_records
        where organization_id = ? and application_id = ? and user_id is not null
          and (${conditions})
        order by user_id`,
      [
        plan.organizationId,
        plan.applicationId,
        ...keys.map((key) => JSON.stringify({ [key]: deletedId })),
      ],
    );
    const ids = rows.map((row) => row.user_id);

    for (let start = 0; start < ids.length; start += SYNC_CHUNK) {
      const chunk = ids.slice(start, start + SYNC_CHUNK);
      const subjects = await loadSubjects(tx, plan.organizationId, { ids: chunk }, this.publicUrl);
      await syncRecords(tx, plan, subjects, now, warnings);
    }
  }

  private get publicUrl(): string {
    return this.deps.config.publicUrl;
  }
}

/**
 * Returns, in id order, the users among `ids` and the users that belong, directly or through
 * nested groups, to the groups among `ids`.
 */
async function usersReachedFrom(
  tx: EntityManager,
  organizationId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }

  const rows = await tx.execute<{ id: string }[]>(
    `with recursive below(member_id, member_type, depth) as (
        select member_id, member_type, 1 from group_members
         where organization_id = ? and group_id in (?)
        union
        select child.member_id, child.member_type, below.depth + 1 from group_members child
          join below on child.group_id = below.member_id and below.member_type = 'Group'
         where child.organization_id = ? and below.depth < ${MAX_GROUP_NESTING})
     select id from users where organization_id = ? and id in (?)
     union
     select member_id from below where member_type = 'User'
     order by 1`,
    [organizationId, ids, organizationId, organizationId, ids],
  );

  return rows.map((row) => row.id);
}
