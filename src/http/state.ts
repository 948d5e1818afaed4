import type { Principal } from '../domain/principal';
import type { SchemaVersionRead } from '../domain/request-registries';
import type { Logger } from '../logger';

/** Per-request values that Roster's middleware stores on `ctx.state`. */
export interface RequestState {
  requestId: string;
  /** Child logger carrying the request id and, once known, the organization and token ids. */
  logger: Logger;
  organizationId?: string;
  tokenId?: string;
  /** The principal a SCIM request acts as, once its bearer token is accepted. */
  principal?: Principal;
  /** The organization's extension schema version, read with a SCIM request's token. */
  schemaVersion?: SchemaVersionRead;
  /** The SCIM settings' target application, read with a SCIM request's token. */
  syncTarget?: string | null;
  /** Time in epoch milliseconds by which the request must be answered. */
  deadline?: number;
}
