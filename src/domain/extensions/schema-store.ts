import type { EntityManager } from '@mikro-orm/postgresql';

import type { CustomAttributeDeclaration } from '../../scim/schemas';
import { newId } from '../ids';

/** An organization's row of `scim_schema_settings`. */
export interface SchemaSettingsRow {
  version: string;
  /** Discovered attributes allowed; null means the configured default. */
  discoveryLimit: number | null;
}

/** Reads the organization's extension schema version and settings; undefined before any change. */
export async function readSchemaSettings(
  em: EntityManager,
  organizationId: string,
): Promise<SchemaSettingsRow | undefined> {
  const rows = await em.execute<{ version: string; discovery_limit: number | null }[]>(
    'select version, discovery_limit from scim_schema_settings where organization_id = ?',
    [organizationId],
  );
  const row = rows[0];

  return row ? { version: row.version, discoveryLimit: row.discovery_limit } : undefined;
}

/**
 * Gives the organization's declarations a new version and locks its settings row until the
 * transaction ends, so that changes to the declarations, discovery included, run one at a
 * time per organization. Call it first in a transaction that changes declarations.
 */
export async function lockSchemaSettings(
  tx: EntityManager,
  organizationId: string,
  now: Date,
): Promise<SchemaSettingsRow> {
  const rows = await tx.execute<{ version: string; discovery_limit: number | null }[]>(
    `insert into scim_schema_settings (organization_id, version, updated_at) values (?, ?, ?)
      on conflict (organization_id)
      do update set version = excluded.version, updated_at = excluded.updated_at
      returning version, discovery_limit`,
    [organizationId, newId(), now],
  );

  return { version: rows[0].version, discoveryLimit: rows[0].discovery_limit };
}

/** Loads the organization's declared extension attributes, in declaration order. */
export async function loadDeclarations(
  em: EntityManager,
  organizationId: string,
): Promise<CustomAttributeDeclaration[]> {
  const rows = await em.execute<
    {
      schema_urn: string;
      name: string;
      type: CustomAttributeDeclaration['type'];
      description: string;
      required: boolean;
      case_exact: boolean;
    }[]
  >(
    `select schema_urn, name, type, description, required, case_exact
       from scim_extension_attributes where organization_id = ?
      order by created_at, id`,
    [organizationId],
  );

  return rows.map((row) => ({
    schemaUrn: row.schema_urn,
    name: row.name,
    type: row.type,
    description: row.description,
    required: row.required,
    caseExact: row.case_exact,
  }));
}
