import { AsyncLocalStorage } from 'node:async_hooks';

import type { ProvisioningOperation, ProvisioningOutcome } from './event-types';

/** Facts about the SCIM request in progress that its provisioning event records. */
export interface ProvisioningRequest {
  /** The event's id, taken when the request arrived. */
  eventId: string;
  occurredAt: Date;
  /** `process.hrtime.bigint()` when the request arrived, for the duration. */
  startedAt: bigint;
  requestId: string;
  method: string;
  path: string;
  query: string | null;
  userAgent: string | null;
  /** The operation guessed from the request; a write's change may refine it. */
  operation: ProvisioningOperation;
  resourceType: string | null;
  /** Set once the request is authenticated. */
  organizationId?: string;
  tokenId?: string;
  tokenTitle?: string;
  /** The outcome of the event written inside the write's transaction, once written. */
  writtenOutcome?: ProvisioningOutcome;
  /**
   * The SCIM settings' target application as read with the token. While it is null, writes
   * skip reading the sync plan, and the event insert checks that no target appeared since.
   */
  syncTargetAtAuth?: string | null;
  /** Set when a change of this request skipped reading the sync plan. */
  syncPlanSkipped?: boolean;
}

const storage = new AsyncLocalStorage<ProvisioningRequest>();

/** Runs `work` with `request` as the current SCIM request. */
export function runWithProvisioningRequest<T>(
  request: ProvisioningRequest,
  work: () => Promise<T>,
): Promise<T> {
  return storage.run(request, work);
}

/** Returns the SCIM request in progress, or undefined outside one (GraphQL, CLI). */
export function currentProvisioningRequest(): ProvisioningRequest | undefined {
  return storage.getStore();
}

/** Milliseconds since the request arrived, to 0.01 ms. */
export function elapsedMs(request: ProvisioningRequest): number {
  const nanoseconds = Number(process.hrtime.bigint() - request.startedAt);
  return Math.round(nanoseconds / 1e4) / 100;
}
