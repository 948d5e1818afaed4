import type { EntityManager } from '@mikro-orm/postgresql';

import type { SchemaRegistry } from '../scim/schemas';
import type { SchemaRegistryProvider } from './schema-registry.service';

/** The registry lookups that domain services use. */
export interface RegistrySource {
  forOrganization(organizationId: string, em?: EntityManager): Promise<SchemaRegistry>;
  /** Drops an organization's cached registry, after this process changed its declarations. */
  invalidate(organizationId: string): void;
}

/**
 * Maximum age in ms of a schema version read earlier in the request that a lookup may use.
 * A SCIM write starts its transaction well within it unless its client sends the body slowly.
 * Then the version is read again, so that a declaration committed meanwhile applies.
 */
export const EARLIER_READ_MAX_AGE_MS = 100;

/** An organization's schema version as read earlier in the request (null: no settings row). */
export interface SchemaVersionRead {
  organizationId: string;
  version: string | null;
  /** `performance.now()` when the version was read. */
  readAt: number;
}

/**
 * One request's access to the registries. The first lookup for the organization uses the
 * schema version read with the request's bearer token, when that read is at most
 * EARLIER_READ_MAX_AGE_MS old, which saves a query per SCIM request. Later lookups read the
 * version again, because the request may have changed the declarations since.
 */
export class RequestRegistries implements RegistrySource {
  constructor(
    private readonly provider: SchemaRegistryProvider,
    private earlierRead?: SchemaVersionRead,
  ) {}

  async forOrganization(organizationId: string, em?: EntityManager): Promise<SchemaRegistry> {
    const read = this.earlierRead;
    this.earlierRead = undefined;

    const fresh = read && performance.now() - read.readAt <= EARLIER_READ_MAX_AGE_MS;
    if (read?.organizationId === organizationId && fresh) {
      return this.provider.forVersion(organizationId, read.version, em);
    }

    return this.provider.forOrganization(organizationId, em);
  }

  invalidate(organizationId: string): void {
    this.earlierRead = undefined;
    this.provider.invalidate(organizationId);
  }
}
