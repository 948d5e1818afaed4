import type { Middleware } from 'koa';

import type { OperationExecutor } from '../graphql/execute';
import type { RateLimits } from '../http/rate-limit/rate-limits';
import type { RequestState } from '../http/state';
import { ScimError } from './protocol/scim-error';

const CHALLENGE = 'Bearer realm="Roster SCIM"';

function tooManyRequests(detail: string, waitSeconds: number): ScimError {
  return new ScimError(429, detail, undefined, { 'Retry-After': String(waitSeconds) });
}

/**
 * Authenticates `Authorization: Bearer <SCIM token>` (RFC 6750); the token decides the
 * organization. Missing, unknown, expired, revoked or wrong-scope tokens get 401 with
 * `WWW-Authenticate: Bearer`. The reason is logged with the token id, never the secret.
 * A client address with too many failed authentications, and a token over its request
 * budget, get 429 with `Retry-After`.
 */
export function scimAuthentication(
  executor: OperationExecutor,
  limits: RateLimits,
): Middleware<RequestState> {
  return async (ctx, next) => {
    const blockedFor = await limits.authFailureWait(ctx.ip);
    if (blockedFor > 0) {
      ctx.state.logger.warn(
        { address: ctx.ip },
        'SCIM request rejected: too many failed authentications',
      );
      throw tooManyRequests(limits.authFailureMessage(blockedFor), blockedFor);
    }

    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);

    if (!match) {
      await limits.recordAuthFailure(ctx.ip);
      throw new ScimError(
        401,
        'authentication required: send the SCIM token as "Authorization: Bearer <token>"',
        undefined,
        { 'WWW-Authenticate': CHALLENGE },
      );
    }

    const check = await executor.authenticate(match[1], 'SCIM');
    if (!check.ok) {
      ctx.state.organizationId = check.organizationId;
      ctx.state.tokenId = check.tokenId;
      await limits.recordAuthFailure(ctx.ip);
      ctx.state.logger.warn(
        { reason: check.reason, tokenId: check.tokenId, organizationId: check.organizationId },
        'SCIM token rejected',
      );
      throw new ScimError(
        401,
        'the bearer token is not a valid SCIM token: it is unknown, expired or revoked, or its ' +
          'owner is no longer an active admin; create a new token in Roster',
        undefined,
        { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
      );
    }

    ctx.state.principal = check.principal;
    ctx.state.schemaVersion = check.schemaVersion;
    ctx.state.syncTarget = check.syncTarget;
    ctx.state.organizationId = check.principal.organizationId;
    ctx.state.tokenId = check.principal.tokenId;

    // A SCIM principal always comes from a token; the user id only keeps the key defined.
    const budgetKey = check.principal.tokenId ?? `user:${check.principal.userId}`;
    const overBudgetFor = await limits.consumeScimRequest(budgetKey);
    if (overBudgetFor > 0) {
      ctx.state.logger.warn('SCIM request rejected: the token is over its request budget');
      throw tooManyRequests(limits.scimLimitMessage(overBudgetFor), overBudgetFor);
    }

    return next();
  };
}
