import Router from '@koa/router';

import type { OperationExecutor } from '../../graphql/execute';
import { USER_OPERATIONS } from '../operations/user.operations';
import { ScimError } from '../protocol/scim-error';
import { toUserInput } from '../render/user-input';
import {
  normalizeResource,
  ScimInputError,
  type SchemaRegistry,
  type ScimObject,
} from '../schemas';
import { runOperation, sendResource } from '../scim-request';

type UserPayload = { scim: Record<string, unknown> };

/** `/Users` and `/Users/{id}`: RFC 7644 §3.3 to §3.6 over the user operations. */
export function userRoutes(executor: OperationExecutor, registry: SchemaRegistry): Router {
  const router = new Router();
  const op = {
    get: executor.prepare('GetUser', USER_OPERATIONS.getUser),
    create: executor.prepare('CreateUser', USER_OPERATIONS.createUser),
    replace: executor.prepare('ReplaceUser', USER_OPERATIONS.replaceUser),
    delete: executor.prepare('DeleteUser', USER_OPERATIONS.deleteUser),
  };

  const readInput = (body: unknown) => {
    try {
      const normalized = normalizeResource(body, registry, 'User');
      return toUserInput({ ...normalized.document, ...(normalized.undeclared as ScimObject) });
    } catch (error) {
      if (error instanceof ScimInputError) {
        throw ScimError.badRequest(error.scimType, error.message);
      }
      throw error;
    }
  };

  router.get('/Users/:id', async (ctx) => {
    const data = await runOperation<{ user: UserPayload }>(
      executor,
      ctx,
      op.get,
      { id: ctx.params.id },
      { transactional: false },
    );
    sendResource(ctx, 200, data.user.scim);
  });

  router.post('/Users', async (ctx) => {
    const input = readInput(ctx.request.body);
    requireUserName(input);

    const data = await runOperation<{ createUser: UserPayload }>(
      executor,
      ctx,
      op.create,
      { input },
      { transactional: true },
    );
    sendResource(ctx, 201, data.createUser.scim);
  });

  router.put('/Users/:id', async (ctx) => {
    const input = readInput(ctx.request.body);
    requireUserName(input);

    const data = await runOperation<{ replaceUser: UserPayload }>(
      executor,
      ctx,
      op.replace,
      { id: ctx.params.id, input, ifMatch: ctx.get('if-match') || null },
      { transactional: true },
    );
    sendResource(ctx, 200, data.replaceUser.scim);
  });

  router.delete('/Users/:id', async (ctx) => {
    await runOperation(
      executor,
      ctx,
      op.delete,
      { id: ctx.params.id, ifMatch: ctx.get('if-match') || null },
      { transactional: true },
    );
    ctx.status = 204;
  });

  return router;
}

/** userName is required (RFC 7643 §4.1.1); GraphQL would report it less clearly. */
function requireUserName(input: Record<string, unknown>): void {
  if (typeof input.userName !== 'string' || input.userName.trim() === '') {
    throw ScimError.badRequest('invalidValue', "attribute 'userName' is required");
  }
}
