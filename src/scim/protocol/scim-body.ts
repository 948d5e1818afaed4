import bodyParser from 'koa-bodyparser';
import type { Middleware } from 'koa';

import { isAcceptedContentType } from './media-type';
import { ScimError } from './scim-error';

/**
 * Parses JSON request bodies sent as `application/scim+json` or `application/json`.
 * Other media types get 415, bodies above `limitBytes` 413, and malformed JSON 400
 * `invalidSyntax`, each with a SCIM error body.
 */
export function scimBody(limitBytes: number): Middleware {
  const parse = bodyParser({
    enableTypes: ['json'],
    extendTypes: { json: ['application/scim+json'] },
    jsonLimit: `${limitBytes}b`,
    strict: true,
  });

  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(ctx.method)) {
      return next();
    }

    const hasBody = ctx.request.length > 0 || ctx.get('transfer-encoding') !== '';
    if (hasBody && !isAcceptedContentType(ctx.get('content-type'))) {
      throw new ScimError(
        415,
        `Content-Type '${ctx.get('content-type') || '(none)'}' is not supported; send ` +
          'application/scim+json or application/json',
      );
    }

    try {
      await parse(ctx, async () => undefined);
    } catch (error) {
      throw bodyError(error, limitBytes);
    }

    return next();
  };
}

function bodyError(error: unknown, limitBytes: number): unknown {
  const status = (error as { status?: number }).status;

  if (status === 413) {
    return new ScimError(
      413,
      `request body exceeds the limit of ${limitBytes} bytes (ROSTER_MAX_BODY_BYTES); send a ` +
        'smaller body, such as fewer PATCH operations per request',
    );
  }
  if (status === 400 || error instanceof SyntaxError) {
    return ScimError.badRequest(
      'invalidSyntax',
      `request body is not valid JSON: ${(error as Error).message}`,
    );
  }

  return error;
}
