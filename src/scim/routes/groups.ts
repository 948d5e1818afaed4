import Router from '@koa/router';

import type { OperationExecutor } from '../../graphql/execute';
import { GROUP_OPERATIONS } from '../operations/group.operations';
import { listRequestFromQuery } from '../protocol/list-request';
import { listResponse } from '../protocol/list-response';
import { SCIM_CONTENT_TYPE } from '../protocol/media-type';
import { readPatchRequest, toOperationInputs } from '../protocol/patch-request';
import { readResource } from '../protocol/read-resource';
import { isScimObject, type SchemaRegistry, type ScimObject } from '../schemas';
import { runOperation, sendResource, wantsMembers } from '../scim-request';
import type { ResourceLister } from './list';

type GroupPayload = { scim: ScimObject };

/** `/Groups` and `/Groups/{id}`: RFC 7644 §3.3 to §3.6 over the group operations. */
export function groupRoutes(
  executor: OperationExecutor,
  registry: SchemaRegistry,
  lister: ResourceLister,
  maxPatchOperations: number,
): Router {
  const router = new Router();
  const op = {
    get: executor.prepare('GetGroup', GROUP_OPERATIONS.getGroup),
    create: executor.prepare('CreateGroup', GROUP_OPERATIONS.createGroup),
    replace: executor.prepare('ReplaceGroup', GROUP_OPERATIONS.replaceGroup),
    patch: executor.prepare('PatchGroup', GROUP_OPERATIONS.patchGroup),
    patchQuietly: executor.prepare('PatchGroupQuietly', GROUP_OPERATIONS.patchGroupQuietly),
    delete: executor.prepare('DeleteGroup', GROUP_OPERATIONS.deleteGroup),
  };

  router.get('/Groups', async (ctx) => {
    const page = await lister.list(ctx, 'Group', listRequestFromQuery(ctx.query));

    ctx.type = SCIM_CONTENT_TYPE;
    ctx.body = listResponse(page.resources, page.totalResults, page.startIndex);
  });

  router.get('/Groups/:id', async (ctx) => {
    const data = await runOperation<{ group: GroupPayload }>(
      executor,
      ctx,
      op.get,
      { id: ctx.params.id, members: wantsMembers(ctx) },
      { transactional: false },
    );
    sendResource(ctx, 200, data.group.scim);
  });

  router.post('/Groups', async (ctx) => {
    const input = toGroupInput(readResource(ctx.request.body, registry, 'Group').document);
    const data = await runOperation<{ createGroup: GroupPayload }>(
      executor,
      ctx,
      op.create,
      { input, members: wantsMembers(ctx) },
      { transactional: true },
    );
    sendResource(ctx, 201, data.createGroup.scim);
  });

  router.put('/Groups/:id', async (ctx) => {
    const input = toGroupInput(readResource(ctx.request.body, registry, 'Group').document);
    const data = await runOperation<{ replaceGroup: GroupPayload }>(
      executor,
      ctx,
      op.replace,
      {
        id: ctx.params.id,
        input,
        ifMatch: ctx.get('if-match') || null,
        members: wantsMembers(ctx),
      },
      { transactional: true },
    );
    sendResource(ctx, 200, data.replaceGroup.scim);
  });

  // Entra ID prefers 204 for group PATCH and never needs the member list back, so a body is
  // sent only when the request asks for one with attributes or excludedAttributes.
  router.patch('/Groups/:id', async (ctx) => {
    const operations = readPatchRequest(ctx.request.body, maxPatchOperations);
    const variables = {
      id: ctx.params.id,
      operations: toOperationInputs(operations),
      ifMatch: ctx.get('if-match') || null,
    };
    const request = listRequestFromQuery(ctx.query);

    if (!request.projection.attributes && !request.projection.excludedAttributes) {
      await runOperation(executor, ctx, op.patchQuietly, variables, { transactional: true });
      ctx.status = 204;
      return;
    }

    const data = await runOperation<{ patchGroup: GroupPayload }>(
      executor,
      ctx,
      op.patch,
      { ...variables, members: wantsMembers(ctx) },
      { transactional: true },
    );
    sendResource(ctx, 200, data.patchGroup.scim);
  });

  router.delete('/Groups/:id', async (ctx) => {
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

/** Maps a canonical Group document onto the GraphQL `GroupInput`. */
function toGroupInput(document: ScimObject): Record<string, unknown> {
  const members = Array.isArray(document.members) ? document.members : undefined;

  return {
    displayName: document.displayName ?? '',
    externalId: document.externalId ?? null,
    memberIds: members?.map((member) => (isScimObject(member) ? member.value : member)) ?? null,
  };
}
