import type { EntityManager } from '@mikro-orm/postgresql';

import type { SchemaRegistry } from '../scim/schemas';
import type { SchemaRegistryProvider } from './schema-registry.service';

/** The registry lookups that domain services use. */
export interface RegistrySource {
  forOrganization(organizationId: string, em?: EntityManager): Promise<SchemaRegistry>;
  /** Drops an organization's cached registry, after this process changed its declarations. */
  invalidate(organizationId: string): void;
}

/** An organization's schema version as read earlier in the request (null: no settings row). */
export interface SchemaVersionRead {
  organizationId: string;
  version: string | null;
}

/**
 * One request's access to the registries. The first lookup for the organization uses the
 * schema version read with the request's bearer token, which saves a query per SCIM request.
 * Later lookups read the version again, because the request may have changed the
 * declarations since.
 */
export class RequestRegistries implements RegistrySource {
  constructor(
    private readonly provider: SchemaRegistryProvider,
    private earlierRead?: SchemaVersionRead,
  ) {}

  async forOrganization(organizationId: string, em?: EntityManager): Promise<SchemaRegistry> {
    const read = this.earlierRead;
    this.earlierRead = undefined;

    if (read?.organizationId === organizationId) {
      return this.provider.forVersion(organizationId, read.version, em);
    }

    return this.provider.forOrganization(organizationId, em);
  }

  invalidate(organizationId: string): void {
    this.earlierRead = undefined;
    this.provider.invalidate(organizationId);
  }
}
