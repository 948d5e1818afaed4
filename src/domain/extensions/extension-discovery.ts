import type { EntityManager } from '@mikro-orm/postgresql';

import { ATTRIBUTE_NAME_PATTERN, type SchemaRegistry, type ScimObject } from '../../scim/schemas';
import type { ProvisioningWarning } from '../changes/directory-change';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { newId } from '../ids';
import type { RegistrySource } from '../request-registries';
import { MAX_ATTRIBUTE_NAME_LENGTH } from './extension-limits';
import {
  coerceExtensionValues,
  findUndeclaredAttributes,
  pathOf,
  type ExtensionAttributePath,
} from './extension-values';
import { lockSchemaSettings } from './schema-store';

export interface DiscoveryResult {
  /** The document with every custom extension value converted to its declared type. */
  document: ScimObject;
  /** The registry that declares every custom extension attribute of the document. */
  registry: SchemaRegistry;
  /** One ATTRIBUTE_DISCOVERED warning per attribute declared. */
  warnings: ProvisioningWarning[];
}

/**
 * Declares, as discovered string attributes, the custom extension attributes that a SCIM
 * client wrote before the organization declared them, so that Entra ID's values are kept and
 * can be typed and mapped later. An organization may have a limited number of them.
 */
export class ExtensionDiscovery {
  constructor(
    private readonly deps: DomainDeps,
    private readonly registries: RegistrySource,
  ) {}

  /**
   * Declares the undeclared custom extension attributes of a User document within `tx`.
   * Raises BAD_USER_INPUT (`invalidValue`) for an invalid attribute name or past the limit.
   */
  async declareUndeclared(
    tx: EntityManager,
    organizationId: string,
    document: ScimObject,
    registry: SchemaRegistry,
  ): Promise<DiscoveryResult> {
    if (findUndeclaredAttributes(document, registry).length === 0) {
      return { document, registry, warnings: [] };
    }

    const settings = await lockSchemaSettings(tx, organizationId, this.deps.now());
    const current = await this.registries.forOrganization(organizationId, tx);
    const missing = findUndeclaredAttributes(document, current);
    missing.forEach(assertAttributeName);

    const limit = settings.discoveryLimit ?? this.deps.config.scimMaxDiscoveredAttributes;
    const discovered = await countDiscovered(tx, organizationId);
    if (missing.length > 0 && discovered + missing.length > limit) {
      throw limitReached(missing[0], limit, discovered);
    }

    for (const attribute of missing) {
      await insertDiscovered(tx, organizationId, attribute, this.deps.now());
      this.deps.logger.info(
        { organizationId, attribute: pathOf(attribute) },
        'custom extension attribute discovered',
      );
    }
    this.registries.invalidate(organizationId);

    const updated = await this.registries.forOrganization(organizationId, tx);
    return {
      document: coerceExtensionValues(document, updated),
      registry: updated,
      warnings: missing.map(discoveredWarning),
    };
  }
}

function assertAttributeName(attribute: ExtensionAttributePath): void {
  if (
    ATTRIBUTE_NAME_PATTERN.test(attribute.name) &&
    attribute.name.length <= MAX_ATTRIBUTE_NAME_LENGTH
  ) {
    return;
  }

  throw DomainError.invalid(
    `'${pathOf(attribute)}' cannot be declared: an attribute name starts with a letter, has ` +
      `only letters, digits, '-' and '_', and at most ${MAX_ATTRIBUTE_NAME_LENGTH} characters`,
    { field: pathOf(attribute) },
  );
}

function limitReached(
  attribute: ExtensionAttributePath,
  limit: number,
  discovered: number,
): DomainError {
  return DomainError.invalid(
    `'${pathOf(attribute)}' is not declared, and declaring it automatically would pass the ` +
      `organization's limit of ${limit} discovered attributes (${discovered} so far); declare ` +
      'it in the SCIM settings, remove unused discovered attributes, or raise the limit',
    { field: pathOf(attribute) },
  );
}

function discoveredWarning(attribute: ExtensionAttributePath): ProvisioningWarning {
  return {
    code: 'ATTRIBUTE_DISCOVERED',
    attribute: pathOf(attribute),
    message:
      `'${pathOf(attribute)}' was not declared, so Roster declared it as a string attribute ` +
      'and stored the value; set its type in the SCIM settings if it is not text',
  };
}

async function countDiscovered(tx: EntityManager, organizationId: string): Promise<number> {
  const rows = await tx.execute<{ total: number }[]>(
    `select count(*)::int as total from scim_extension_attributes
      where organization_id = ? and discovered`,
    [organizationId],
  );

  return rows[0].total;
}

async function insertDiscovered(
  tx: EntityManager,
  organizationId: string,
  attribute: ExtensionAttributePath,
  now: Date,
): Promise<void> {
  await tx.execute(
    `insert into scim_extension_attributes
       (organization_id, id, schema_urn, name, type, description, discovered, created_at,
        updated_at)
     values (?, ?, ?, ?, 'string', ?, true, ?, ?)
     on conflict (organization_id, lower(schema_urn), lower(name)) do nothing`,
    [
      organizationId,
      newId(),
      attribute.urn,
      attribute.name,
      'Declared automatically when a SCIM client first sent a value.',
      now,
      now,
    ],
  );
}
