import { DomainError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import type { GraphQLContext } from './context';

/** Returns the caller when it is an admin; otherwise UNAUTHENTICATED or FORBIDDEN. */
export function requireAdmin(ctx: GraphQLContext): Principal {
  if (!ctx.principal) {
    throw DomainError.unauthenticated();
  }
  if (ctx.principal.role !== 'ADMIN') {
    throw DomainError.forbidden();
  }

  return ctx.principal;
}
