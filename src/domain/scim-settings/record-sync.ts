import type { EntityManager } from '@mikro-orm/postgresql';

import { ApplicationRecord, type FieldValue } from '../../entities/application-record.entity';
import type { ProvisioningWarning } from '../changes/directory-change';
import { newId } from '../ids';
import { USER_VIEW_COLUMNS, userViewFromRow, type UserViewRow } from '../users/user-view-loader';
import type { UserView } from '../users/user-view';
import { convertValues } from './conversions';
import type { SourceInput } from './mapping-source';
import type { SyncPlan } from './sync-plan';

/** A user as sync reads it. */
export interface SyncSubject extends SourceInput {
  active: boolean;
}

/** Describes a user view for sync. */
export function subjectOf(view: UserView): SyncSubject {
  return {
    userId: view.user.id,
    document: view.document,
    groupNames: view.groups.map((group) => group.displayName),
    active: view.user.active,
  };
}

/**
 * Loads users for sync in id order and locks their rows for update, as SCIM writes to a user
 * do. So a resync batch, a group change and a user change never compute the same user's
 * record at once: none writes values read before another's commit, and none inserts a second
 * record for the user.
 */
export async function loadSubjects(
  tx: EntityManager,
  organizationId: string,
  condition: { ids: string[] } | { afterId: string | null; limit: number },
  publicUrl: string,
): Promise<SyncSubject[]> {
  const params: unknown[] = [organizationId];
  let where = 'u.organization_id = ?';
  let limit = '';

  if ('ids' in condition) {
    if (condition.ids.length === 0) {
      return [];
    }
    where += ' and u.id in (?)';
    params.push(condition.ids);
  } else {
    if (condition.afterId) {
      where += ' and u.id > ?';
      params.push(condition.afterId);
    }
    limit = ' limit ?';
  }

  const rows = await tx.execute<UserViewRow[]>(
    `select u.*, ${USER_VIEW_COLUMNS} from users u where ${where}
      order by u.id${limit} for update of u`,
    'limit' in condition ? [...params, condition.limit] : params,
  );

  // Users are mapped in a separate identity map: sync only reads them, and entities managed
  // by `tx` would make each flush of the batch compare them for changes.
  const mapper = tx.fork();
  return rows.map((row) => subjectOf(userViewFromRow(mapper, row, publicUrl)));
}

/**
 * Brings the records of `subjects` up to date: creates the record of a user seen for the first
 * time, writes every mapped field and applies the deprovisioning policy to inactive users.
 * Values that cannot convert leave their field empty and add a MAPPING_CONVERSION warning.
 * Returns the number of warnings added.
 */
export async function syncRecords(
  tx: EntityManager,
  plan: SyncPlan,
  subjects: readonly SyncSubject[],
  now: Date,
  warnings: ProvisioningWarning[],
): Promise<number> {
  if (subjects.length === 0) {
    return 0;
  }

  const existing = await findRecords(
    tx,
    plan,
    subjects.map((subject) => subject.userId),
  );
  const before = warnings.length;

  for (const subject of subjects) {
    const record = existing.get(subject.userId);

    if (!subject.active && plan.action === 'DELETE') {
      if (record) {
        tx.remove(record);
      }
      continue;
    }

    const values = mappedValues(plan, subject, record?.values ?? {}, warnings);
    if (plan.status) {
      setValue(
        values,
        plan.status.field.key,
        subject.active ? plan.status.active : plan.status.inactive,
      );
    }
    const archivedAt =
      !subject.active && plan.action === 'ARCHIVE' ? (record?.archivedAt ?? now) : null;

    if (!record) {
      tx.create(ApplicationRecord, {
        organizationId: plan.organizationId,
        id: newId(),
        applicationId: plan.applicationId,
        userId: subject.userId,
        values,
        archivedAt,
        createdAt: now,
        updatedAt: now,
      });
      continue;
    }

    updateRecord(record, values, archivedAt, now);
  }

  await tx.flush();
  return warnings.length - before;
}

/** Applies the deprovisioning policy to the record of a deleted user. */
export async function syncDeletion(
  tx: EntityManager,
  plan: SyncPlan,
  userId: string,
  now: Date,
): Promise<void> {
  const record = (await findRecords(tx, plan, [userId])).get(userId);
  if (!record) {
    return;
  }

  switch (plan.action) {
    case 'DELETE':
      tx.remove(record);
      break;
    case 'ARCHIVE':
      updateRecord(record, record.values, record.archivedAt ?? now, now);
      break;
    case 'SET_STATUS': {
      // The status settings stop applying when an admin later removes the status value from
      // the field's choices; the record is then kept unchanged.
      if (!plan.status) {
        return;
      }
      const values = { ...record.values };
      setValue(values, plan.status.field.key, plan.status.deleted);
      updateRecord(record, values, record.archivedAt, now);
      break;
    }
    default: {
      const unknown: never = plan.action;
      throw new Error(`unknown deprovisioning action ${String(unknown)}`);
    }
  }

  await tx.flush();
}

async function findRecords(
  tx: EntityManager,
  plan: SyncPlan,
  userIds: string[],
): Promise<Map<string, ApplicationRecord>> {
  const records = await tx.find(ApplicationRecord, {
    organizationId: plan.organizationId,
    applicationId: plan.applicationId,
    userId: { $in: userIds },
  });

  return new Map(records.map((record) => [record.userId!, record]));
}

function mappedValues(
  plan: SyncPlan,
  subject: SyncSubject,
  current: Record<string, FieldValue>,
  warnings: ProvisioningWarning[],
): Record<string, FieldValue> {
  const values = { ...current };

  for (const row of plan.rows) {
    const input = row.source.read(subject);
    const converted = convertValues(input, row.field);
    setValue(values, row.field.key, converted.value);

    if (converted.problem) {
      warnings.push({
        code: 'MAPPING_CONVERSION',
        attribute: row.source.path,
        message:
          `user ${subject.userId}: cannot convert '${row.source.path}' to ${row.field.type} ` +
          `field '${row.field.key}': ${converted.problem}` +
          (converted.value === null ? '; the field is left empty' : ''),
      });
    }
  }

  return values;
}

function setValue(values: Record<string, FieldValue>, key: string, value: FieldValue | null): void {
  if (value === null) {
    delete values[key];
    return;
  }

  values[key] = value;
}

/** Writes values and the archived state, changing the version only when something changed. */
function updateRecord(
  record: ApplicationRecord,
  values: Record<string, FieldValue>,
  archivedAt: Date | null,
  now: Date,
): void {
  const sameValues = JSON.stringify(sortKeys(values)) === JSON.stringify(sortKeys(record.values));
  const sameArchive = (archivedAt === null) === (record.archivedAt === null);
  if (sameValues && sameArchive) {
    return;
  }

  record.values = values;
  record.archivedAt = archivedAt;
  record.version += 1;
  record.updatedAt = now;
}

function sortKeys(values: Record<string, FieldValue>): [string, FieldValue][] {
  return Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
}
