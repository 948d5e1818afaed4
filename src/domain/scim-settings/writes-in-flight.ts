import type { EntityManager } from '@mikro-orm/postgresql';

const POLL_MS = 20;

interface Writer {
  pid: number;
  xid: string;
}

/**
 * Transactions of this database, other than the caller's, that have written something.
 *
 * NOTE: PostgreSQL shows `backend_xid` only for sessions of the same role, or to roles with
 * pg_read_all_stats. Roster's connections share one role, so they see each other.
 */
async function writers(em: EntityManager, pids?: number[]): Promise<Writer[]> {
  await em.execute('select pg_stat_clear_snapshot()');

  const onlyThese = pids ? ' and pid in (?)' : '';
  return em.execute<Writer[]>(
    `select pid, backend_xid::text as xid from pg_stat_activity
      where datname = current_database() and backend_xid is not null
        and pid <> pg_backend_pid()${onlyThese}`,
    pids ? [pids] : [],
  );
}

/**
 * Waits until the transactions that were writing in this database when it was called have
 * ended, for at most `maxWaitMs`. Returns false when some were still running then.
 *
 * A SCIM write whose token saw no target application skips the record sync, and it checks
 * the settings again only after its own writes. So a resync that starts after those writers
 * end reads what they wrote.
 */
export async function waitForWritesInFlight(
  em: EntityManager,
  maxWaitMs: number,
): Promise<boolean> {
  let pending = await writers(em);
  const giveUpAt = Date.now() + maxWaitMs;

  while (pending.length > 0) {
    if (Date.now() >= giveUpAt) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));

    const running = await writers(
      em,
      pending.map((writer) => writer.pid),
    );
    pending = pending.filter((writer) =>
      running.some((row) => row.pid === writer.pid && row.xid === writer.xid),
    );
  }

  return true;
}
