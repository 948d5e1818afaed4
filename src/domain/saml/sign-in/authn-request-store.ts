import type { EntityManager } from '@mikro-orm/postgresql';

/** An AuthnRequest that Roster sent and that no response has named yet. */
export interface OutstandingRequest {
  id: string;
  /** The path to open after sign-in, such as `/users`. */
  returnTo: string | null;
}

interface RequestRow {
  id: string;
  return_to: string | null;
}

/** An AuthnRequest id is accepted in a response for this long after it was sent. */
export const AUTHN_REQUEST_LIFETIME_MS = 10 * 60_000;

/**
 * Outstanding AuthnRequest ids, in the database so that any Roster instance can accept the
 * response. Each id is consumed by the first response that names it.
 */
export class AuthnRequestStore {
  constructor(private readonly em: EntityManager) {}

  /**
   * Stores a sent request and deletes the organization's expired ones.
   *
   * NOTE: anyone can start a sign-in, and nothing limits how many requests a client starts
   * within the 10 minutes a row lives.
   */
  async save(organizationId: string, request: OutstandingRequest, now: Date): Promise<void> {
    await this.em.execute(
      'delete from saml_authn_requests where organization_id = ? and expires_at <= ?',
      [organizationId, now],
    );
    await this.em.execute(
      `insert into saml_authn_requests (organization_id, id, return_to, created_at, expires_at)
       values (?, ?, ?, ?, ?)`,
      [
        organizationId,
        request.id,
        request.returnTo,
        now,
        new Date(now.getTime() + AUTHN_REQUEST_LIFETIME_MS),
      ],
    );
  }

  /**
   * Deletes the request and returns it when it is outstanding at `now`; returns undefined for
   * an unknown, already consumed or expired id. The delete makes two concurrent responses
   * naming the same id succeed at most once.
   */
  async consume(
    organizationId: string,
    id: string,
    now: Date,
  ): Promise<OutstandingRequest | undefined> {
    const rows = await this.em.execute<RequestRow[]>(
      `delete from saml_authn_requests where organization_id = ? and id = ?
       returning id, return_to, expires_at > ? as outstanding`,
      [organizationId, id, now],
    );
    const row = rows[0] as (RequestRow & { outstanding: boolean }) | undefined;

    return row?.outstanding ? { id: row.id, returnTo: row.return_to } : undefined;
  }
}
