import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

import { ApplicationField } from '../../entities/application-field.entity';
import { Application } from '../../entities/application.entity';
import { ScimSettings } from '../../entities/scim-settings.entity';
import type { AdminActor } from '../actor';
import type { AuditAction } from '../audit/audit-action';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { isUuid, newId } from '../ids';
import { findPage, type Page, type PageRequest } from '../paging';
import { inTransaction } from '../transaction';
import {
  checkChoices,
  checkFieldInput,
  checkName,
  MAX_FIELDS_PER_APPLICATION,
  type FieldInput,
} from './field-input';

/** An application with its fields in display order. */
export interface ApplicationView {
  application: Application;
  fields: ApplicationField[];
}

/** Creates, renames and archives an organization's applications and declares their fields. */
export class ApplicationService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
  ) {}

  /** Creates an application with its first fields. */
  async create(
    actor: AdminActor,
    input: { name: string; fields?: FieldInput[] | null },
  ): Promise<ApplicationView> {
    const name = checkName(input.name, 'name');
    const inputs = (input.fields ?? []).map((field, i) => checkFieldInput(field, `fields[${i}]`));
    assertDistinctKeys(inputs);

    return inTransaction(this.em, async (tx) => {
      const now = this.deps.now();
      const application = tx.create(Application, {
        organizationId: actor.organizationId,
        id: newId(),
        name,
        createdAt: now,
        updatedAt: now,
      });
      await flushUnique(tx, `an application named '${name}' already exists`, 'name');

      const fields = inputs.map((field, position) =>
        tx.create(ApplicationField, {
          ...toFieldData(field),
          organizationId: actor.organizationId,
          id: newId(),
          applicationId: application.id,
          position,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await tx.flush();
      await this.audit(tx, actor, 'APPLICATION_CREATED', application, {
        fields: fields.map((field) => field.key),
      });

      return { application, fields };
    });
  }

  /** Renames an application; names are unique per organization, ignoring case. */
  async rename(actor: AdminActor, id: string, newName: string): Promise<ApplicationView> {
    const name = checkName(newName, 'name');

    return inTransaction(this.em, async (tx) => {
      const application = await this.find(tx, actor.organizationId, id);
      if (application.name !== name) {
        const previous = application.name;
        application.name = name;
        this.touch(application);
        await flushUnique(tx, `an application named '${name}' already exists`, 'name');
        await this.audit(tx, actor, 'APPLICATION_RENAMED', application, { previous });
      }

      return this.view(tx, application);
    });
  }

  /**
   * Archives an application: its records stay readable, but it takes no new records and
   * cannot be the SCIM target. Archiving the current SCIM target raises CONFLICT.
   */
  async archive(actor: AdminActor, id: string): Promise<ApplicationView> {
    return inTransaction(this.em, async (tx) => {
      const application = await this.find(tx, actor.organizationId, id);
      const settings = await tx.findOne(ScimSettings, { organizationId: actor.organizationId });
      if (settings?.targetApplicationId === application.id) {
        throw new DomainError(
          'CONFLICT',
          `application '${application.name}' receives provisioned users; choose another ` +
            'target application in the SCIM settings first',
        );
      }

      if (!application.archivedAt) {
        application.archivedAt = this.deps.now();
        this.touch(application);
        await tx.flush();
        await this.audit(tx, actor, 'APPLICATION_ARCHIVED', application, {});
      }

      return this.view(tx, application);
    });
  }

  /** Adds a field after the existing ones. */
  async addField(
    actor: AdminActor,
    applicationId: string,
    input: FieldInput,
  ): Promise<ApplicationView> {
    const checked = checkFieldInput(input, 'field');

    return inTransaction(this.em, async (tx) => {
      const application = await this.find(tx, actor.organizationId, applicationId);
      const fields = await this.fieldsOf(tx, actor.organizationId, application.id);
      if (fields.length >= MAX_FIELDS_PER_APPLICATION) {
        throw new DomainError(
          'LIMIT_EXCEEDED',
          `an application has at most ${MAX_FIELDS_PER_APPLICATION} fields`,
        );
      }

      const now = this.deps.now();
      tx.create(ApplicationField, {
        ...toFieldData(checked),
        organizationId: actor.organizationId,
        id: newId(),
        applicationId: application.id,
        position: fields.length,
        createdAt: now,
        updatedAt: now,
      });
      this.touch(application);
      await flushUnique(tx, `a field with key '${checked.key}' already exists`, 'field.key');
      await this.audit(tx, actor, 'APPLICATION_FIELD_ADDED', application, {
        field: checked.key,
        type: checked.type,
      });

      return this.view(tx, application);
    });
  }

  /** Changes a field's name or choices; its key and type never change. */
  async updateField(
    actor: AdminActor,
    fieldId: string,
    input: { name?: string | null; choices?: string[] | null },
  ): Promise<ApplicationView> {
    return inTransaction(this.em, async (tx) => {
      const field = await this.findField(tx, actor.organizationId, fieldId);
      const changed: string[] = [];
      if (input.name !== undefined && input.name !== null) {
        field.name = checkName(input.name, 'name');
        changed.push('name');
      }
      if (input.choices !== undefined && input.choices !== null) {
        field.choices = checkChoices(field.type, input.choices, 'choices');
        changed.push('choices');
      }
      field.updatedAt = this.deps.now();

      const application = await this.find(tx, actor.organizationId, field.applicationId);
      this.touch(application);
      await tx.flush();
      await this.audit(tx, actor, 'APPLICATION_FIELD_UPDATED', application, {
        field: field.key,
        changed,
      });

      return this.view(tx, application);
    });
  }

  /**
   * Removes a field and its values from every record. A field that the SCIM mapping or the
   * deprovisioning policy writes raises CONFLICT naming the mapping row.
   */
  async removeField(actor: AdminActor, fieldId: string): Promise<ApplicationView> {
    return inTransaction(this.em, async (tx) => {
      const field = await this.findField(tx, actor.organizationId, fieldId);
      await assertFieldUnused(tx, field);

      await tx.execute(
        `update application_records set field_values = field_values - ?
          where organization_id = ? and application_id = ?`,
        [field.key, actor.organizationId, field.applicationId],
      );
      tx.remove(field);

      const application = await this.find(tx, actor.organizationId, field.applicationId);
      this.touch(application);
      await tx.flush();
      await this.audit(tx, actor, 'APPLICATION_FIELD_REMOVED', application, { field: field.key });

      return this.view(tx, application);
    });
  }

  /** Returns one application with its fields, or NOT_FOUND. */
  async get(actor: AdminActor, id: string): Promise<ApplicationView> {
    return this.view(this.em, await this.find(this.em, actor.organizationId, id));
  }

  /** Lists applications, newest first; archived ones only with `includeArchived`. */
  async list(
    actor: AdminActor,
    page: PageRequest,
    includeArchived: boolean,
  ): Promise<Page<Application>> {
    const where = includeArchived
      ? { organizationId: actor.organizationId }
      : { organizationId: actor.organizationId, archivedAt: null };

    return findPage(this.em, Application, where, page, 'createdAt');
  }

  /** Returns the fields of an application in display order. */
  async fieldsOf(
    em: EntityManager,
    organizationId: string,
    applicationId: string,
  ): Promise<ApplicationField[]> {
    return em.find(
      ApplicationField,
      { organizationId, applicationId },
      { orderBy: { position: 'asc' } },
    );
  }

  /** Finds an application of the organization or raises NOT_FOUND. */
  async find(em: EntityManager, organizationId: string, id: string): Promise<Application> {
    const application = isUuid(id) ? await em.findOne(Application, { organizationId, id }) : null;
    if (!application) {
      throw DomainError.notFound('Application', id);
    }

    return application;
  }

  private async findField(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<ApplicationField> {
    const field = isUuid(id) ? await em.findOne(ApplicationField, { organizationId, id }) : null;
    if (!field) {
      throw DomainError.notFound('Field', id);
    }

    return field;
  }

  private async audit(
    tx: EntityManager,
    actor: AdminActor,
    action: AuditAction,
    application: Application,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(
      tx,
      actor,
      {
        action,
        targetType: 'APPLICATION',
        targetId: application.id,
        detail: { name: application.name, ...detail },
      },
      this.deps.now(),
    );
  }

  private async view(em: EntityManager, application: Application): Promise<ApplicationView> {
    const fields = await this.fieldsOf(em, application.organizationId, application.id);
    return { application, fields };
  }

  private touch(application: Application): void {
    application.version += 1;
    application.updatedAt = this.deps.now();
  }
}

function toFieldData(field: FieldInput) {
  return { key: field.key, name: field.name, type: field.type, choices: field.choices ?? [] };
}

function assertDistinctKeys(fields: FieldInput[]): void {
  const seen = new Set<string>();

  fields.forEach((field, index) => {
    if (seen.has(field.key)) {
      throw DomainError.invalid(`key '${field.key}' is used by two fields`, {
        field: `fields[${index}].key`,
      });
    }
    seen.add(field.key);
  });
}

async function assertFieldUnused(tx: EntityManager, field: ApplicationField): Promise<void> {
  const settings = await tx.findOne(ScimSettings, { organizationId: field.organizationId });
  if (!settings || settings.targetApplicationId !== field.applicationId) {
    return;
  }

  const row = settings.mappings.findIndex((mapping) => mapping.field === field.key);
  if (row >= 0) {
    throw new DomainError(
      'CONFLICT',
      `field '${field.key}' is the target of SCIM mapping row ${row + 1} ` +
        `(${settings.mappings[row].source}); remove that row first`,
    );
  }
  if (settings.deprovisionAction === 'SET_STATUS' && settings.statusField === field.key) {
    throw new DomainError(
      'CONFLICT',
      `field '${field.key}' is the status field of the deprovisioning policy; change it first`,
    );
  }
}

async function flushUnique(tx: EntityManager, message: string, field: string): Promise<void> {
  try {
    await tx.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw DomainError.conflict(message, field);
    }
    throw error;
  }
}
