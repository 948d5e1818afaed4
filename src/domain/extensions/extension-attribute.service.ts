import type { EntityManager } from '@mikro-orm/postgresql';

import {
  EXTENSION_ATTRIBUTE_TYPES,
  ScimExtensionAttribute,
  type ExtensionAttributeType,
} from '../../entities/scim-extension-attribute.entity';
import {
  attribute as attributeDefinition,
  ATTRIBUTE_NAME_PATTERN,
  coerceValue,
  CUSTOM_USER_EXTENSION_PATTERN,
  ScimInputError,
} from '../../scim/schemas';
import type { AdminActor } from '../actor';
import { recordAudit } from '../audit/audit.service';
import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { newId } from '../ids';
import type { SchemaRegistryProvider } from '../schema-registry.service';
import { inTransaction } from '../transaction';
import { isUuid } from '../users/user-rules';
import { MAX_ATTRIBUTE_NAME_LENGTH, MAX_DESCRIPTION_LENGTH } from './extension-limits';
import { lockSchemaSettings, readSchemaSettings } from './schema-store';
import { rewriteStoredValues, type ValueConverter } from './stored-values';

/** Maximum per-organization limit of discovered attributes. */
export const MAX_DISCOVERY_LIMIT = 10_000;

export interface DeclareAttributeInput {
  /** `urn:ietf:params:scim:schemas:extension:<Name>:2.0:User`. */
  schema: string;
  name: string;
  type: ExtensionAttributeType;
  description?: string | null;
  required?: boolean | null;
  caseExact?: boolean | null;
}

/** Changes to an attribute; absent fields stay as they are. */
export interface UpdateAttributeInput {
  type?: ExtensionAttributeType | null;
  description?: string | null;
  required?: boolean | null;
  caseExact?: boolean | null;
}

export interface DiscoverySettings {
  /** Discovered attributes allowed now: the organization's own limit or the default. */
  discoveryLimit: number;
  /** The organization's own limit; null when the configured default applies. */
  discoveryLimitOverride: number | null;
  discoveredCount: number;
}

/**
 * The custom User extension attributes an organization declares for SCIM, and the limit on
 * attributes that SCIM requests declare by themselves (discovery).
 */
export class ExtensionAttributeService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DomainDeps,
    private readonly registries: SchemaRegistryProvider,
  ) {}

  /** Lists the organization's attributes by schema URN and name. */
  async list(actor: AdminActor): Promise<ScimExtensionAttribute[]> {
    const attributes = await this.em.find(ScimExtensionAttribute, {
      organizationId: actor.organizationId,
    });

    return attributes.sort(
      (a, b) =>
        a.schemaUrn.toLowerCase().localeCompare(b.schemaUrn.toLowerCase()) ||
        a.name.toLowerCase().localeCompare(b.name.toLowerCase()),
    );
  }

  /** Returns the discovery limit that applies and how much of it is used. */
  async discoverySettings(actor: AdminActor): Promise<DiscoverySettings> {
    const settings = await readSchemaSettings(this.em, actor.organizationId);
    const discoveredCount = await this.em.count(ScimExtensionAttribute, {
      organizationId: actor.organizationId,
      discovered: true,
    });
    const override = settings?.discoveryLimit ?? null;

    return {
      discoveryLimit: override ?? this.deps.config.scimMaxDiscoveredAttributes,
      discoveryLimitOverride: override,
      discoveredCount,
    };
  }

  /**
   * Declares an attribute. Values stored for it before, under any spelling, are converted to
   * its type; a value that does not convert fails the declaration, naming its user.
   */
  async declare(actor: AdminActor, input: DeclareAttributeInput): Promise<ScimExtensionAttribute> {
    const schema = input.schema.trim();
    const name = input.name.trim();
    assertSchemaUrn(schema);
    assertName(name);
    assertType(input.type);
    const description = checkedDescription(input.description ?? '');

    return this.change(actor.organizationId, async (tx, now) => {
      const existing = await tx.find(ScimExtensionAttribute, {
        organizationId: actor.organizationId,
      });
      const sameSchema = existing.filter(
        (item) => item.schemaUrn.toLowerCase() === schema.toLowerCase(),
      );
      if (sameSchema.some((item) => item.name.toLowerCase() === name.toLowerCase())) {
        throw DomainError.conflict(
          `attribute '${schema}:${name}' is already declared; update it instead`,
          'name',
        );
      }

      const declared = tx.create(ScimExtensionAttribute, {
        organizationId: actor.organizationId,
        id: newId(),
        schemaUrn: sameSchema[0]?.schemaUrn ?? schema,
        name,
        type: input.type,
        description,
        required: input.required ?? false,
        caseExact: input.caseExact ?? false,
        discovered: false,
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();

      await this.convertStoredValues(tx, declared, now);
      await recordAudit(tx, actor, auditEntry('SCIM_ATTRIBUTE_DECLARED', declared), now);
      return declared;
    });
  }

  /**
   * Changes an attribute. A new type converts every stored value; the change fails when one
   * does not convert, naming its user.
   */
  async update(
    actor: AdminActor,
    id: string,
    input: UpdateAttributeInput,
  ): Promise<ScimExtensionAttribute> {
    if (input.type !== undefined && input.type !== null) {
      assertType(input.type);
    }
    const description =
      input.description === undefined || input.description === null
        ? undefined
        : checkedDescription(input.description);

    return this.change(actor.organizationId, async (tx, now) => {
      const attribute = await this.load(tx, actor.organizationId, id);
      const typeChanged =
        input.type !== undefined && input.type !== null && input.type !== attribute.type;

      attribute.type = input.type ?? attribute.type;
      attribute.description = description ?? attribute.description;
      attribute.required = input.required ?? attribute.required;
      attribute.caseExact = input.caseExact ?? attribute.caseExact;
      attribute.updatedAt = now;
      await tx.flush();

      if (typeChanged) {
        await this.convertStoredValues(tx, attribute, now);
      }
      await recordAudit(tx, actor, auditEntry('SCIM_ATTRIBUTE_UPDATED', attribute), now);
      return attribute;
    });
  }

  /**
   * Removes an attribute and its stored values from every user, each of which gets a new
   * version. A SCIM client that sends the attribute again declares it as discovered.
   */
  async remove(actor: AdminActor, id: string): Promise<ScimExtensionAttribute> {
    return this.change(actor.organizationId, async (tx, now) => {
      const attribute = await this.load(tx, actor.organizationId, id);
      tx.remove(attribute);
      await tx.flush();

      await rewriteStoredValues(
        tx,
        actor.organizationId,
        { urn: attribute.schemaUrn, name: attribute.name },
        () => undefined,
        now,
      );
      await recordAudit(tx, actor, auditEntry('SCIM_ATTRIBUTE_REMOVED', attribute), now);
      return attribute;
    });
  }

  /** Sets the organization's limit of discovered attributes; null restores the default. */
  async setDiscoveryLimit(actor: AdminActor, limit: number | null): Promise<DiscoverySettings> {
    if (limit !== null && (!Number.isInteger(limit) || limit < 0 || limit > MAX_DISCOVERY_LIMIT)) {
      throw DomainError.invalid(
        `discovery limit ${limit} is invalid; use a whole number from 0 to ` +
          `${MAX_DISCOVERY_LIMIT}, or null for the default of ` +
          `${this.deps.config.scimMaxDiscoveredAttributes}`,
        { field: 'limit' },
      );
    }

    await inTransaction(this.em, async (tx) => {
      const now = this.deps.now();
      await tx.execute(
        `insert into scim_schema_settings (organization_id, version, discovery_limit, updated_at)
         values (?, ?, ?, ?)
         on conflict (organization_id)
         do update set discovery_limit = excluded.discovery_limit,
                       updated_at = excluded.updated_at`,
        [actor.organizationId, newId(), limit, now],
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'ORGANIZATION_SETTINGS_CHANGED',
          targetType: 'ORGANIZATION',
          targetId: actor.organizationId,
          detail: { scimDiscoveryLimit: limit },
        },
        now,
      );
    });

    return this.discoverySettings(actor);
  }

  /** Runs a change of the declarations in a transaction that holds the organization's lock. */
  private async change<T>(
    organizationId: string,
    work: (tx: EntityManager, now: Date) => Promise<T>,
  ): Promise<T> {
    const result = await inTransaction(this.em, async (tx) => {
      const now = this.deps.now();
      await lockSchemaSettings(tx, organizationId, now);
      return work(tx, now);
    });

    this.registries.invalidate(organizationId);
    return result;
  }

  private async load(
    tx: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<ScimExtensionAttribute> {
    const attribute = isUuid(id)
      ? await tx.findOne(ScimExtensionAttribute, { organizationId, id })
      : null;
    if (!attribute) {
      throw DomainError.notFound('SCIM extension attribute', id);
    }

    return attribute;
  }

  // NOTE: a user write that runs concurrently and read the old declaration can still store a
  // value of the old type. Filters skip such a value (see extensionField) until a write
  // replaces it.
  private async convertStoredValues(
    tx: EntityManager,
    attribute: ScimExtensionAttribute,
    now: Date,
  ): Promise<void> {
    const path = `${attribute.schemaUrn}:${attribute.name}`;
    const definition = attributeDefinition(attribute.name, attribute.type, attribute.description);

    const convert: ValueConverter = (value, userId) => {
      try {
        return coerceValue(definition, value, path, { dropReadOnly: false });
      } catch (error) {
        if (error instanceof ScimInputError) {
          throw DomainError.invalid(
            `'${path}' cannot be of type ${attribute.type}: user ${userId} has the value ` +
              `${JSON.stringify(value)}, which does not convert; change or remove that value ` +
              'first',
            { field: 'type' },
          );
        }
        throw error;
      }
    };

    await rewriteStoredValues(
      tx,
      attribute.organizationId,
      { urn: attribute.schemaUrn, name: attribute.name },
      convert,
      now,
    );
  }
}

function assertSchemaUrn(schema: string): void {
  if (!CUSTOM_USER_EXTENSION_PATTERN.test(schema)) {
    throw DomainError.invalid(
      `schema '${schema}' is not a custom User extension URN; write ` +
        'urn:ietf:params:scim:schemas:extension:<Name>:2.0:User, where Name has letters, ' +
        "digits, '-' or '_' and is not 'enterprise'",
      { field: 'schema' },
    );
  }
}

function assertName(name: string): void {
  if (ATTRIBUTE_NAME_PATTERN.test(name) && name.length <= MAX_ATTRIBUTE_NAME_LENGTH) {
    return;
  }

  throw DomainError.invalid(
    `attribute name '${name}' is invalid; it starts with a letter, has only letters, digits, ` +
      `'-' and '_', and at most ${MAX_ATTRIBUTE_NAME_LENGTH} characters`,
    { field: 'name' },
  );
}

function assertType(type: string): void {
  if (!(EXTENSION_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
    throw DomainError.invalid(
      `attribute type '${type}' is not supported; use ${EXTENSION_ATTRIBUTE_TYPES.join(', ')}`,
      { field: 'type' },
    );
  }
}

function checkedDescription(description: string): string {
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw DomainError.invalid(
      `description has ${description.length} characters; at most ` +
        `${MAX_DESCRIPTION_LENGTH} are allowed`,
      { field: 'description' },
    );
  }

  return description;
}

function auditEntry(
  action: 'SCIM_ATTRIBUTE_DECLARED' | 'SCIM_ATTRIBUTE_UPDATED' | 'SCIM_ATTRIBUTE_REMOVED',
  attribute: ScimExtensionAttribute,
) {
  return {
    action,
    targetType: 'SCIM_ATTRIBUTE' as const,
    targetId: attribute.id,
    detail: {
      path: `${attribute.schemaUrn}:${attribute.name}`,
      type: attribute.type,
      required: attribute.required,
      caseExact: attribute.caseExact,
    },
  };
}
