import type { EntityManager } from '@mikro-orm/postgresql';

import { ApplicationField } from '../../entities/application-field.entity';
import type { FieldValue } from '../../entities/application-record.entity';
import { Application } from '../../entities/application.entity';
import {
  ScimSettings,
  type AttributeMappingRow,
  type DeprovisionAction,
} from '../../entities/scim-settings.entity';
import type { SchemaRegistry } from '../../scim/schemas';
import { FieldValueError } from '../applications/field-values';
import { ALLOWED_CONVERSIONS, convertText } from './conversions';
import { MappingSourceError, resolveMappingSource, type MappingSource } from './mapping-source';

export const MAX_MAPPING_ROWS = 100;

/** Field types that the SET_STATUS policy can write. */
export const STATUS_FIELD_TYPES = ['TEXT', 'SINGLE_CHOICE', 'BOOLEAN'] as const;

/** One mapping row, resolved: read `source`, write `field`. */
export interface SyncRow {
  /** Position in the settings, from 0. */
  index: number;
  source: MappingSource;
  field: ApplicationField;
}

/** The status values that SET_STATUS writes, converted for the status field. */
export interface StatusPolicy {
  field: ApplicationField;
  /** Written while the user is active; null clears the field. */
  active: FieldValue | null;
  inactive: FieldValue;
  deleted: FieldValue;
}

/** Everything sync needs to turn a user into its record. */
export interface SyncPlan {
  organizationId: string;
  applicationId: string;
  rows: SyncRow[];
  action: DeprovisionAction;
  status?: StatusPolicy;
}

/** A setting that cannot be applied, with the input field it concerns. */
export interface SettingsProblem {
  field: string;
  message: string;
}

/** The settings an admin saves, before they are checked. */
export interface SettingsDraft {
  mappings: AttributeMappingRow[];
  deprovisionAction: DeprovisionAction;
  statusField: string | null;
  activeStatus: string | null;
  inactiveStatus: string | null;
  deletedStatus: string | null;
}

/**
 * Checks settings against the target application's fields and the organization's schemas.
 * Returns the plan built from the rows that hold, and a problem for each that does not; each
 * problem's message names its mapping row, counted from 1.
 */
export function compilePlan(
  organizationId: string,
  applicationId: string,
  draft: SettingsDraft,
  fields: readonly ApplicationField[],
  registry: SchemaRegistry,
): { plan: SyncPlan; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const rows: SyncRow[] = [];

  if (draft.mappings.length > MAX_MAPPING_ROWS) {
    problems.push({
      field: 'mappings',
      message: `at most ${MAX_MAPPING_ROWS} mapping rows are allowed, got ${draft.mappings.length}`,
    });
  }

  draft.mappings.slice(0, MAX_MAPPING_ROWS).forEach((mapping, index) => {
    const row = compileRow(mapping, index, fields, registry, rows);
    if ('problem' in row) {
      problems.push(row.problem);
    } else {
      rows.push(row);
    }
  });

  const plan: SyncPlan = { organizationId, applicationId, rows, action: draft.deprovisionAction };
  if (draft.deprovisionAction === 'SET_STATUS') {
    const status = compileStatus(draft, fields, rows);
    if ('problem' in status) {
      problems.push(status.problem);
    } else {
      plan.status = status;
    }
  }

  return { plan, problems };
}

/**
 * Loads the organization's sync plan, or undefined when no application receives users. The
 * schema registry is loaded only when a plan exists. Inside a transaction the settings row is
 * share-locked, so a settings change waits for in-flight syncs, and a resync started after it
 * reads every user they wrote.
 */
export async function loadSyncPlan(
  em: EntityManager,
  organizationId: string,
  loadRegistry: () => Promise<SchemaRegistry>,
): Promise<SyncPlan | undefined> {
  const lock = em.isInTransaction() ? ' for share' : '';
  const rows = await em.execute<Record<string, unknown>[]>(
    `select * from scim_settings where organization_id = ?${lock}`,
    [organizationId],
  );
  const settings = rows[0] ? em.map(ScimSettings, rows[0]) : undefined;
  if (!settings?.targetApplicationId) {
    return undefined;
  }

  const application = await em.findOne(Application, {
    organizationId,
    id: settings.targetApplicationId,
  });
  if (!application || application.archivedAt) {
    return undefined;
  }

  const fields = await em.find(ApplicationField, { organizationId, applicationId: application.id });
  const registry = await loadRegistry();
  return compilePlan(organizationId, application.id, settings, fields, registry).plan;
}

function compileRow(
  mapping: AttributeMappingRow,
  index: number,
  fields: readonly ApplicationField[],
  registry: SchemaRegistry,
  earlier: readonly SyncRow[],
): SyncRow | { problem: SettingsProblem } {
  const row = `mapping row ${index + 1}`;
  const problem = (part: 'source' | 'field', message: string) => ({
    problem: { field: `mappings[${index}].${part}`, message: `${row}: ${message}` },
  });

  let source: MappingSource;
  try {
    source = resolveMappingSource(mapping.source, registry);
  } catch (error) {
    if (error instanceof MappingSourceError) {
      return problem('source', `invalid source '${mapping.source}': ${error.message}`);
    }
    throw error;
  }

  const field = fields.find((candidate) => candidate.key === mapping.field);
  if (!field) {
    return problem(
      'field',
      `field '${mapping.field}' not found in the target application; its fields are ` +
        (fields.map((candidate) => candidate.key).join(', ') || 'none'),
    );
  }

  const allowed = ALLOWED_CONVERSIONS[source.kind];
  if (!allowed.includes(field.type)) {
    return problem(
      'field',
      `cannot convert '${mapping.source}' (${source.kind}) to ${field.type} field ` +
        `'${field.key}'; a ${source.kind} value can fill ${allowed.join(', ')} fields`,
    );
  }

  const taken = earlier.find((other) => other.field.key === field.key);
  if (taken) {
    return problem('field', `field '${field.key}' is already filled by row ${taken.index + 1}`);
  }

  return { index, source, field };
}

function compileStatus(
  draft: SettingsDraft,
  fields: readonly ApplicationField[],
  rows: readonly SyncRow[],
): StatusPolicy | { problem: SettingsProblem } {
  const problem = (field: string, message: string) => ({
    problem: { field: `deprovisioning.${field}`, message: `deprovisioning: ${message}` },
  });

  const field = fields.find((candidate) => candidate.key === draft.statusField);
  if (!field) {
    return problem(
      'statusField',
      'SET_STATUS needs the key of a status field of the target application, got ' +
        `'${draft.statusField ?? ''}'`,
    );
  }
  if (!(STATUS_FIELD_TYPES as readonly string[]).includes(field.type)) {
    return problem(
      'statusField',
      `status field '${field.key}' is ${field.type}; use a ${STATUS_FIELD_TYPES.join(', ')} field`,
    );
  }
  const row = rows.find((candidate) => candidate.field.key === field.key);
  if (row) {
    return problem(
      'statusField',
      `status field '${field.key}' is already filled by mapping row ${row.index + 1}`,
    );
  }
  if (!draft.inactiveStatus) {
    return problem('inactiveStatus', 'SET_STATUS needs the value written on deactivation');
  }

  const values: Partial<Record<'activeStatus' | 'inactiveStatus' | 'deletedStatus', FieldValue>> =
    {};
  for (const name of ['activeStatus', 'inactiveStatus', 'deletedStatus'] as const) {
    const text = draft[name];
    if (text === null || text === undefined || text === '') {
      continue;
    }
    try {
      values[name] = convertText(text, field);
    } catch (error) {
      if (error instanceof FieldValueError) {
        return problem(name, `invalid value for status field '${field.key}': ${error.message}`);
      }
      throw error;
    }
  }

  return {
    field,
    active: values.activeStatus ?? null,
    inactive: values.inactiveStatus!,
    deleted: values.deletedStatus ?? values.inactiveStatus!,
  };
}
