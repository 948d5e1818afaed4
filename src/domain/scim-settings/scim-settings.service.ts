import type { EntityManager } from '@mikro-orm/postgresql';

import type { ApplicationField } from '../../entities/application-field.entity';
import { ScimResyncJob } from '../../entities/scim-resync-job.entity';
import {
  ScimSettings,
  type AttributeMappingRow,
  type DeprovisionAction,
} from '../../entities/scim-settings.entity';
import type { AdminActor } from '../actor';
import type { ApplicationService } from '../applications/application.service';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { isUuid, newId } from '../ids';
import type { SchemaRegistryProvider } from '../schema-registry.service';
import { inTransaction } from '../transaction';
import { compilePlan, type SettingsDraft } from './sync-plan';

export interface ScimSettingsInput {
  /** The application that receives provisioned users; null turns sync off. */
  targetApplicationId: string | null;
  mappings: AttributeMappingRow[];
  deprovisionAction: DeprovisionAction;
  statusField?: string | null;
  activeStatus?: string | null;
  inactiveStatus?: string | null;
  deletedStatus?: string | null;
}

/** Reads and changes the SCIM settings, and starts resyncs of every user's record. */
export class ScimSettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly registries: SchemaRegistryProvider,
    private readonly applications: ApplicationService,
  ) {}

  /** Returns the settings; an organization that never saved any gets unsaved defaults. */
  async get(actor: AdminActor): Promise<ScimSettings> {
    const settings = await this.em.findOne(ScimSettings, { organizationId: actor.organizationId });
    return settings ?? this.defaults(actor.organizationId);
  }

  /**
   * Replaces the settings after checking every mapping row: the source exists in the
   * organization's schemas, the field exists in the target application, and the source's type
   * converts to the field's. All problems are reported in one BAD_USER_INPUT error whose
   * message names each row. A change of target, mapping or policy recommends a resync.
   */
  async update(actor: AdminActor, input: ScimSettingsInput): Promise<ScimSettings> {
    const organizationId = actor.organizationId;
    const draft: SettingsDraft = {
      mappings: input.mappings.map((row) => ({ source: row.source.trim(), field: row.field })),
      deprovisionAction: input.deprovisionAction,
      statusField: input.statusField ?? null,
      activeStatus: input.activeStatus ?? null,
      inactiveStatus: input.inactiveStatus ?? null,
      deletedStatus: input.deletedStatus ?? null,
    };

    return inTransaction(this.em, async (tx) => {
      const fields = await this.targetFields(tx, organizationId, input.targetApplicationId);
      if (input.targetApplicationId === null && draft.mappings.length > 0) {
        throw DomainError.invalid('mapping rows need a target application', {
          field: 'targetApplicationId',
        });
      }

      if (input.targetApplicationId !== null) {
        const registry = await this.registries.forOrganization(organizationId, tx);
        const { problems } = compilePlan(
          organizationId,
          input.targetApplicationId,
          draft,
          fields,
          registry,
        );
        if (problems.length > 0) {
          throw DomainError.invalid(problems.map((problem) => problem.message).join('; '), {
            field: problems[0].field,
          });
        }
      }

      const settings = await this.lockSettings(tx, organizationId);
      const changed =
        settings.targetApplicationId !== input.targetApplicationId ||
        !sameMappings(settings.mappings, draft.mappings) ||
        settings.deprovisionAction !== draft.deprovisionAction ||
        settings.statusField !== draft.statusField ||
        settings.activeStatus !== draft.activeStatus ||
        settings.inactiveStatus !== draft.inactiveStatus ||
        settings.deletedStatus !== draft.deletedStatus;

      if (changed) {
        Object.assign(settings, draft, { targetApplicationId: input.targetApplicationId });
        settings.resyncRecommended = input.targetApplicationId !== null;
        settings.version += 1;
        settings.updatedAt = this.deps.now();
        await tx.flush();
        await recordAudit(
          tx,
          actor,
          {
            action: 'SCIM_SETTINGS_UPDATED',
            targetType: 'SCIM_SETTINGS',
            targetId: null,
            detail: {
              targetApplicationId: settings.targetApplicationId,
              mappings: settings.mappings.length,
              deprovisionAction: settings.deprovisionAction,
              version: settings.version,
            },
          },
          settings.updatedAt,
        );
      }

      return settings;
    });
  }

  /**
   * Starts recomputing every user's record in the background and returns the job; a resync
   * already running for the organization is cancelled. The caller wakes the runner after
   * this transaction commits.
   */
  async startResync(actor: AdminActor): Promise<ScimResyncJob> {
    const organizationId = actor.organizationId;

    return inTransaction(this.em, async (tx) => {
      const settings = await this.lockSettings(tx, organizationId);
      if (!settings.targetApplicationId) {
        throw new DomainError(
          'CONFLICT',
          'no target application is set; choose one in the SCIM settings before a resync',
        );
      }

      const now = this.deps.now();
      await tx.execute(
        `update scim_resync_jobs set status = 'CANCELLED', finished_at = ?, updated_at = ?,
            last_error = 'replaced by a newer resync'
          where organization_id = ? and status = 'RUNNING'`,
        [now, now, organizationId],
      );
      const [{ count }] = await tx.execute<{ count: string }[]>(
        'select count(*) as count from users where organization_id = ?',
        [organizationId],
      );

      const job = tx.create(ScimResyncJob, {
        organizationId,
        id: newId(),
        applicationId: settings.targetApplicationId,
        status: 'RUNNING',
        total: Number(count),
        createdAt: now,
        updatedAt: now,
      });
      settings.resyncRecommended = false;
      await tx.flush();
      await recordAudit(
        tx,
        actor,
        {
          action: 'SCIM_RESYNC_STARTED',
          targetType: 'SCIM_RESYNC',
          targetId: job.id,
          detail: { applicationId: job.applicationId, total: job.total },
        },
        now,
      );

      return job;
    });
  }

  /** Returns one resync job, or NOT_FOUND. */
  async getResync(actor: AdminActor, id: string): Promise<ScimResyncJob> {
    const job = isUuid(id)
      ? await this.em.findOne(ScimResyncJob, { organizationId: actor.organizationId, id })
      : null;
    if (!job) {
      throw DomainError.notFound('Resync', id);
    }

    return job;
  }

  /** Returns the organization's most recent resync job, if any. */
  async latestResync(organizationId: string): Promise<ScimResyncJob | null> {
    return this.em.findOne(
      ScimResyncJob,
      { organizationId },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  private async targetFields(
    tx: EntityManager,
    organizationId: string,
    applicationId: string | null,
  ): Promise<ApplicationField[]> {
    if (applicationId === null) {
      return [];
    }

    let application;
    try {
      application = await this.applications.find(tx, organizationId, applicationId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') {
        throw DomainError.invalid(`application '${applicationId}' not found`, {
          field: 'targetApplicationId',
        });
      }
      throw error;
    }
    if (application.archivedAt) {
      throw DomainError.invalid(
        `application '${application.name}' is archived; choose an active application`,
        { field: 'targetApplicationId' },
      );
    }

    return this.applications.fieldsOf(tx, organizationId, application.id);
  }

  /** Loads the settings row for update, creating it on first use. */
  private async lockSettings(tx: EntityManager, organizationId: string): Promise<ScimSettings> {
    const rows = await tx.execute<Record<string, unknown>[]>(
      'select * from scim_settings where organization_id = ? for update',
      [organizationId],
    );
    if (rows[0]) {
      return tx.map(ScimSettings, rows[0]);
    }

    const settings = this.defaults(organizationId);
    tx.persist(settings);
    await tx.flush();
    return settings;
  }

  private defaults(organizationId: string): ScimSettings {
    const settings = new ScimSettings();
    settings.organizationId = organizationId;
    settings.updatedAt = this.deps.now();
    return settings;
  }
}

/** Compares mapping rows by value; jsonb does not keep the key order of stored rows. */
function sameMappings(a: AttributeMappingRow[], b: AttributeMappingRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((row, index) => row.source === b[index].source && row.field === b[index].field)
  );
}
