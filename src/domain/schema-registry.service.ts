import { SchemaRegistry } from '../scim/schemas';

/**
 * Provides each organization's schema registry. Every organization currently shares the
 * built-in schemas; custom extensions declared per organization extend it.
 */
export class SchemaRegistryProvider {
  private readonly builtIn = SchemaRegistry.create();

  /** Returns the registry for an organization. */
  async forOrganization(_organizationId: string): Promise<SchemaRegistry> {
    return this.builtIn;
  }
}
