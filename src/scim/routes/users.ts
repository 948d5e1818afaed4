import Router from '@koa/router';

import type { OperationExecutor } from '../../graphql/execute';
import { USER_OPERATIONS } from '../operations/user.operations';
import { listRequestFromQuery } from '../protocol/list-request';
import { listResponse } from '../protocol/list-response';
import { SCIM_CONTENT_TYPE } from '../protocol/media-type';
import { readPatchRequest, toOperationInputs } from '../protocol/patch-request';
import { readResource } from '../protocol/read-resource';
import { ScimError } from '../protocol/scim-error';
import { toUserInput } from '../render/user-input';
import type { SchemaRegistry, ScimObject } from '../schemas';
import { runOperation, sendResource } from '../scim-request';
import type { ResourceLister } from './list';

type UserPayload = { scim: ScimObject };

/** `/Users` and `/Users/{id}`: RFC 7644 §3.3 to §3.6 over the user operations. */
export function userRoutes(
  executor: OperationExecutor,
  registry: SchemaRegistry,
  lister: ResourceLister,
  maxPatchOperations: number,
): Router {
  const router = new Router();
  const op = {
    get: executor.prepare('GetUser', USER_OPERATIONS.getUser),
    create: executor.prepare('CreateUser', USER_OPERATIONS.createUser),
    replace: executor.prepare('ReplaceUser', USER_OPERATIONS.replaceUser),
    patch: executor.prepare('PatchUser', USER_OPERATIONS.patchUser),
    delete: executor.prepare('DeleteUser', USER_OPERATIONS.deleteUser),
  };

  const readInput = (body: unknown) => {
    const normalized = readResource(body, registry, 'User');
    const input = toUserInput({ ...normalized.document, ...(normalized.undeclared as ScimObject) });

    if (typeof input.userName !== 'string' || input.userName.trim() === '') {
      throw ScimError.badRequest('invalidValue', "attribute 'userName' is required");
    }
    return input;
  };

  router.get('/Users', async (ctx) => {
    const request = listRequestFromQuery(ctx.query);
    const page = await lister.list(ctx, 'User', request);

    ctx.type = SCIM_CONTENT_TYPE;
    ctx.body = listResponse(page.resources, page.totalResults, page.startIndex);
  });

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
    const data = await runOperation<{ replaceUser: UserPayload }>(
      executor,
      ctx,
      op.replace,
      { id: ctx.params.id, input, ifMatch: ctx.get('if-match') || null },
      { transactional: true },
    );
    sendResource(ctx, 200, data.replaceUser.scim);
  });

  router.patch('/Users/:id', async (ctx) => {
    const operations = readPatchRequest(ctx.request.body, maxPatchOperations);
    const data = await runOperation<{ patchUser: UserPayload }>(
      executor,
      ctx,
      op.patch,
      {
        id: ctx.params.id,
        operations: toOperationInputs(operations),
        ifMatch: ctx.get('if-match') || null,
      },
      { transactional: true },
    );
    sendResource(ctx, 200, data.patchUser.scim);
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
