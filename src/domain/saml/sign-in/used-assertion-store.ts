import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Assertion ids already used for a sign-in (the replay cache), in the database so that every
 * Roster instance reads the same set. A row is kept until its assertion could no longer be accepted.
 */
export class UsedAssertionStore {
  constructor(private readonly em: EntityManager) {}

  /**
   * Records an assertion id and returns true, or returns false when it was used before. The
   * primary key decides, so of two concurrent uses of one assertion at most one succeeds.
   */
  async markUsed(
    organizationId: string,
    assertionId: string,
    now: Date,
    keepUntil: Date,
  ): Promise<boolean> {
    await this.em.execute(
      'delete from saml_used_assertions where organization_id = ? and expires_at <= ?',
      [organizationId, now],
    );
    const rows = await this.em.execute<{ assertion_id: string }[]>(
      `insert into saml_used_assertions (organization_id, assertion_id, used_at, expires_at)
       values (?, ?, ?, ?)
       on conflict (organization_id, assertion_id) do nothing
       returning assertion_id`,
      [organizationId, assertionId, now, keepUntil],
    );

    return rows.length === 1;
  }
}
