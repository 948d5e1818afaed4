import bodyParser from 'koa-bodyparser';
import type { Middleware } from 'koa';

import type { RequestState } from './state';

/**
 * Parses `/graphql` JSON bodies up to `limitBytes`. A larger body gets status 413 and a
 * GraphQL error of code `LIMIT_EXCEEDED` that names ROSTER_MAX_BODY_BYTES.
 */
export function graphqlBody(limitBytes: number): Middleware<RequestState> {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: `${limitBytes}b` });

  return async (ctx, next) => {
    try {
      await parse(ctx, async () => undefined);
    } catch (error) {
      if ((error as { status?: number }).status !== 413) {
        throw error;
      }

      ctx.status = 413;
      ctx.body = {
        errors: [
          {
            message:
              `request body exceeds the limit of ${limitBytes} bytes (ROSTER_MAX_BODY_BYTES); ` +
              'send a smaller operation or fewer variables',
            extensions: { code: 'LIMIT_EXCEEDED' },
          },
        ],
      };
      return;
    }

    await next();
  };
}
