import type { ActorVia } from '../entities/audit-event.entity';
import type { Principal } from './principal';

/** Who makes a change, as the audit trail records it. */
export interface Actor {
  organizationId: string;
  via: ActorVia;
  userId: string | null;
  tokenId: string | null;
  /** The request that carried the change, when there was one. */
  requestId?: string;
}

declare const adminAuthority: unique symbol;

/**
 * An actor allowed to administer `organizationId`. Only `requireAdmin` and `systemActor`
 * create one, so a service method that takes it cannot be reached without the check.
 */
export type AdminActor = Actor & { readonly [adminAuthority]: true };

/** Describes an authenticated principal as an actor. */
export function actorOf(principal: Principal, requestId?: string): Actor {
  return {
    organizationId: principal.organizationId,
    via: principal.via === 'token' ? 'TOKEN' : 'SESSION',
    userId: principal.userId,
    tokenId: principal.tokenId ?? null,
    requestId,
  };
}

/** The actor of work that Roster or its operator does outside any request (first start, CLI). */
export function systemActor(organizationId: string, via: 'CLI' | 'SYSTEM'): AdminActor {
  return { organizationId, via, userId: null, tokenId: null } as AdminActor;
}

/** Marks an actor as checked to be an admin; only the access guard calls this. */
export function grantAdmin(actor: Actor): AdminActor {
  return actor as AdminActor;
}
