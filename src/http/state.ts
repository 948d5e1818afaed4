import type { Logger } from '../logger';

/** Per-request values that Roster's middleware stores on `ctx.state`. */
export interface RequestState {
  requestId: string;
  /** Child logger carrying the request id and, once known, the organization and token ids. */
  logger: Logger;
  organizationId?: string;
  tokenId?: string;
  /** Time in epoch milliseconds by which the request must be answered. */
  deadline?: number;
}
