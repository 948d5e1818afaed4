import type { Middleware } from 'koa';

import { isStatementTimeout, STATEMENT_TIMEOUT_RETRY_SECONDS } from '../../db/statement-timeout';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  warnDatabaseUnavailable,
} from '../../db/database-unavailable';
import type { Logger } from '../../logger';
import { SCIM_CONTENT_TYPE } from './media-type';
import { ScimError } from './scim-error';

/**
 * Keeps SCIM errors, turns HTTP errors (405 from the router) and an unavailable database
 * (503) into them, hides the rest.
 */
function toScimError(caught: unknown, requestId: string): ScimError {
  if (caught instanceof ScimError) {
    return caught;
  }

  if (isDatabaseUnavailable(caught)) {
    return new ScimError(503, DATABASE_UNAVAILABLE_MESSAGE, undefined, {
      'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
    });
  }

  const { status, expose, message } = caught as {
    status?: number;
    expose?: boolean;
    message?: string;
  };
  if (status && status >= 400 && status < 500 && expose) {
    return new ScimError(status, message ?? 'invalid request');
  }

  if (isStatementTimeout(caught)) {
    return new ScimError(
      503,
      'a database statement ran longer than DATABASE_STATEMENT_TIMEOUT_MS and was cancelled; ' +
        `retry after ${STATEMENT_TIMEOUT_RETRY_SECONDS} seconds`,
      undefined,
      { 'Retry-After': String(STATEMENT_TIMEOUT_RETRY_SECONDS) },
    );
  }

  return new ScimError(500, `internal error; quote request id ${requestId}`);
}

/**
 * Answers every failure below `/scim/v2` with an RFC 7644 §3.12 error body in
 * `application/scim+json`. Unexpected errors become 500 without details and are logged with
 * the ids involved. An unavailable database becomes 503 with `Retry-After`.
 */
export function scimErrorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      const logger = ctx.state.logger as Logger;
      const error = toScimError(caught, ctx.state.requestId);

      if (error.status === 503 && error.detail === DATABASE_UNAVAILABLE_MESSAGE) {
        const fields = { organizationId: ctx.state.organizationId, path: ctx.path };
        warnDatabaseUnavailable(
          logger,
          caught,
          fields,
          'SCIM request failed: database unavailable',
        );
      } else if (error.status >= 500) {
        logger.error(
          { err: caught, organizationId: ctx.state.organizationId, path: ctx.path },
          'SCIM request failed',
        );
      } else if (error.status >= 400) {
        // The detail may quote values the client sent, so it is logged at debug level only.
        const detail = logger.isLevelEnabled('debug') ? { detail: error.detail } : {};
        logger.info(
          {
            status: error.status,
            scimType: error.scimType,
            organizationId: ctx.state.organizationId,
            tokenId: ctx.state.tokenId,
            path: ctx.path,
            ...detail,
          },
          'SCIM request rejected',
        );
      }

      ctx.status = error.status;
      ctx.set(error.headers);
      ctx.body = error.toBody();
    }

    if (ctx.body !== undefined && ctx.body !== null) {
      ctx.type = SCIM_CONTENT_TYPE;
    }
  };
}
