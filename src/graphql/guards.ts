import { requireAdmin } from '../domain/access';
import type { AdminActor } from '../domain/actor';
import type { GraphQLContext } from './context';

/**
 * Returns the caller as an admin actor, with the request id for the audit trail. Raises
 * UNAUTHENTICATED, FORBIDDEN or PASSWORD_CHANGE_REQUIRED as `requireAdmin` does.
 */
export function adminOf(ctx: GraphQLContext): AdminActor {
  return requireAdmin(ctx.principal, ctx.requestId);
}
