import type { EntityManager } from '@mikro-orm/postgresql';

import type { ApplicationField } from '../../entities/application-field.entity';
import { ApplicationRecord, type FieldValue } from '../../entities/application-record.entity';
import type { AdminActor } from '../actor';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { isUuid, newId } from '../ids';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
} from '../paging';
import { inTransaction } from '../transaction';
import type { ApplicationService } from './application.service';
import { FieldValueError, validateFieldValue } from './field-values';
import { compileRecordFilters, type RecordFilter } from './record-filter';

export interface RecordListRequest extends PageRequest {
  applicationId: string;
  filters?: RecordFilter[] | null;
  /** Only the record linked to this user. */
  userId?: string | null;
  includeArchived?: boolean | null;
}

/** Creates, changes, reads and lists the records of an organization's applications. */
export class RecordService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly applications: ApplicationService,
  ) {}

  /** Creates a record in an active application; every value is checked against its field. */
  async create(
    actor: AdminActor,
    applicationId: string,
    values: Record<string, unknown>,
  ): Promise<ApplicationRecord> {
    return inTransaction(this.em, async (tx) => {
      const application = await this.applications.find(tx, actor.organizationId, applicationId);
      if (application.archivedAt) {
        throw new DomainError(
          'CONFLICT',
          `application '${application.name}' is archived and takes no new records`,
        );
      }

      const fields = await this.applications.fieldsOf(tx, actor.organizationId, application.id);
      const now = this.deps.now();
      const record = tx.create(ApplicationRecord, {
        organizationId: actor.organizationId,
        id: newId(),
        applicationId: application.id,
        values: await checkValues(tx, actor.organizationId, fields, values, {}),
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();

      return record;
    });
  }

  /**
   * Changes the values named in `values` (null clears one) and keeps the others. Sync may
   * overwrite mapped fields of a linked record on the user's next change.
   */
  async update(
    actor: AdminActor,
    id: string,
    values: Record<string, unknown>,
  ): Promise<ApplicationRecord> {
    return inTransaction(this.em, async (tx) => {
      const record = await this.find(tx, actor.organizationId, id);
      const fields = await this.applications.fieldsOf(
        tx,
        actor.organizationId,
        record.applicationId,
      );
      const next = await checkValues(tx, actor.organizationId, fields, values, record.values);

      if (JSON.stringify(next) !== JSON.stringify(record.values)) {
        record.values = next;
        record.version += 1;
        record.updatedAt = this.deps.now();
        await tx.flush();
      }

      return record;
    });
  }

  /** Deletes a record; returns its id. */
  async delete(actor: AdminActor, id: string): Promise<string> {
    return inTransaction(this.em, async (tx) => {
      const record = await this.find(tx, actor.organizationId, id);
      tx.remove(record);
      await tx.flush();

      return record.id;
    });
  }

  /** Returns one record, or NOT_FOUND. */
  async get(actor: AdminActor, id: string): Promise<ApplicationRecord> {
    return this.find(this.em, actor.organizationId, id);
  }

  /** Lists the records of an application, newest first, matching every filter. */
  async list(actor: AdminActor, request: RecordListRequest): Promise<Page<ApplicationRecord>> {
    const organizationId = actor.organizationId;
    const application = await this.applications.find(
      this.em,
      organizationId,
      request.applicationId,
    );
    const fields = await this.applications.fieldsOf(this.em, organizationId, application.id);
    const first = request.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw DomainError.invalid(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, {
        field: 'first',
      });
    }

    const filter = compileRecordFilters(request.filters ?? [], fields);
    const conditions = ['organization_id = ?', 'application_id = ?', filter.sql];
    const params: unknown[] = [organizationId, application.id, ...filter.params];

    if (!request.includeArchived) {
      conditions.push('archived_at is null');
    }
    if (request.userId) {
      if (!isUuid(request.userId)) {
        return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      }
      conditions.push('user_id = ?');
      params.push(request.userId);
    }
    if (request.after) {
      const { time, id } = decodeCursor(request.after);
      conditions.push('(created_at < ? or (created_at = ? and id < ?))');
      params.push(time, time, id);
    }

    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select * from application_records where ${conditions.join(' and ')}
        order by created_at desc, id desc limit ?`,
      [...params, first + 1],
    );
    const records = rows.map((row) => this.em.map(ApplicationRecord, row));
    const edges = records.slice(0, first).map((node) => ({
      cursor: encodeCursor(node.createdAt, node.id),
      node,
    }));

    return {
      edges,
      pageInfo: { hasNextPage: records.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  private async find(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<ApplicationRecord> {
    const record = isUuid(id) ? await em.findOne(ApplicationRecord, { organizationId, id }) : null;
    if (!record) {
      throw DomainError.notFound('Record', id);
    }

    return record;
  }
}

/**
 * Checks `changes` against the fields and merges them into `current`. Unknown keys, invalid
 * values and USER values naming no user of the organization raise BAD_USER_INPUT.
 */
async function checkValues(
  em: EntityManager,
  organizationId: string,
  fields: readonly ApplicationField[],
  changes: Record<string, unknown>,
  current: Record<string, FieldValue>,
): Promise<Record<string, FieldValue>> {
  const next = { ...current };
  const userIds: { key: string; id: string }[] = [];

  for (const [key, raw] of Object.entries(changes)) {
    const field = fields.find((candidate) => candidate.key === key);
    if (!field) {
      throw DomainError.invalid(
        `unknown field '${key}'; the application has ` +
          (fields.map((f) => f.key).join(', ') || 'no fields'),
        { field: `values.${key}` },
      );
    }

    let value: FieldValue | null;
    try {
      value = validateFieldValue(field, raw);
    } catch (error) {
      if (error instanceof FieldValueError) {
        throw DomainError.invalid(`invalid value for field '${key}': ${error.message}`, {
          field: `values.${key}`,
        });
      }
      throw error;
    }

    if (value === null) {
      delete next[key];
      continue;
    }
    if (field.type === 'USER') {
      userIds.push({ key, id: value as string });
    }
    next[key] = value;
  }

  await assertUsersExist(em, organizationId, userIds);
  return next;
}

async function assertUsersExist(
  em: EntityManager,
  organizationId: string,
  references: { key: string; id: string }[],
): Promise<void> {
  if (references.length === 0) {
    return;
  }

  const rows = await em.execute<{ id: string }[]>(
    'select id from users where organization_id = ? and id in (?)',
    [organizationId, references.map((reference) => reference.id)],
  );
  const found = new Set(rows.map((row) => row.id));
  const missing = references.find((reference) => !found.has(reference.id));

  if (missing) {
    throw DomainError.invalid(
      `invalid value for field '${missing.key}': user '${missing.id}' not found`,
      { field: `values.${missing.key}` },
    );
  }
}
