import type { Middleware } from 'koa';

import type { OperationExecutor } from '../graphql/execute';
import type { Logger } from '../logger';
import { ScimError } from './protocol/scim-error';

const CHALLENGE = 'Bearer realm="Roster SCIM"';

/**
 * Authenticates `Authorization: Bearer <SCIM token>` (RFC 6750); the token decides the
 * organization. Missing, unknown, expired, revoked or wrong-scope tokens get 401 with
 * `WWW-Authenticate: Bearer`. The reason is logged with the token id, never the secret.
 */
export function scimAuthentication(executor: OperationExecutor): Middleware {
  return async (ctx, next) => {
    const logger = ctx.state.logger as Logger;
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);

    if (!match) {
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
      logger.warn(
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
    ctx.state.organizationId = check.principal.organizationId;
    ctx.state.tokenId = check.principal.tokenId;

    return next();
  };
}
