import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { customExtensionSchemas, SchemaRegistry } from '../scim/schemas';
import { loadDeclarations, readSchemaSettings } from './extensions/schema-store';

/** Registries kept in memory at most; the least recently used one is dropped first. */
const MAX_CACHED_REGISTRIES = 10_000;

interface CachedRegistry {
  version: string;
  registry: SchemaRegistry;
}

/**
 * Provides each organization's schema registry: the built-in schemas plus the custom User
 * extensions the organization declared. Registries are cached in the process and checked
 * against the organization's schema version, which `forOrganization` reads and callers of
 * `forVersion` have just read, so a change made by another Roster process is seen on the
 * next request.
 */
export class SchemaRegistryProvider {
  private readonly builtIn = SchemaRegistry.create();
  private readonly cache = new Map<string, CachedRegistry>();

  /** Without `orm`, callers must pass an EntityManager or they get the built-in schemas. */
  constructor(private readonly orm?: MikroORM) {}

  /**
   * Returns the registry for an organization. Pass the caller's EntityManager when it has
   * one, above all inside a transaction: the embedded database serves one connection, so a
   * read on another connection would wait for the transaction forever. Without it, the read
   * joins the transaction of the current async context, if any.
   */
  async forOrganization(organizationId: string, em?: EntityManager): Promise<SchemaRegistry> {
    const manager = em ?? this.fork();
    if (!manager) {
      return this.builtIn;
    }

    const settings = await readSchemaSettings(manager, organizationId);
    return this.forVersion(organizationId, settings?.version ?? null, manager);
  }

  /**
   * Returns the registry for an organization whose schema version the caller has just read
   * (null when the organization has no schema settings row). Reads the declarations only
   * when the cached registry has another version.
   */
  async forVersion(
    organizationId: string,
    version: string | null,
    em?: EntityManager,
  ): Promise<SchemaRegistry> {
    const manager = em ?? this.fork();
    if (version === null || !manager) {
      return this.builtIn;
    }

    const cached = this.cache.get(organizationId);
    if (cached && cached.version === version) {
      this.cache.delete(organizationId);
      this.cache.set(organizationId, cached);
      return cached.registry;
    }

    const declarations = await loadDeclarations(manager, organizationId);
    const registry =
      declarations.length === 0
        ? this.builtIn
        : SchemaRegistry.create(customExtensionSchemas(declarations));
    this.remember(organizationId, { version, registry });

    return registry;
  }

  /** Drops an organization's cached registry, after this process changed its declarations. */
  invalidate(organizationId: string): void {
    this.cache.delete(organizationId);
  }

  private fork(): EntityManager | undefined {
    return this.orm?.em.fork({ keepTransactionContext: true });
  }

  private remember(organizationId: string, entry: CachedRegistry): void {
    this.cache.delete(organizationId);
    this.cache.set(organizationId, entry);

    if (this.cache.size > MAX_CACHED_REGISTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) {
        this.cache.delete(oldest);
      }
    }
  }
}
