import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` in a transaction: the caller's when one is open (the SCIM facade opens one per
 * request), otherwise a new one, so that every write of a service call is all or nothing.
 */
export async function inTransaction<T>(
  em: EntityManager,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  if (em.isInTransaction()) {
    return work(em);
  }

  return em.transactional((tx) => work(tx as EntityManager));
}
