import Router from '@koa/router';
import type { Context } from 'koa';

import { listRequestFromBody, type ListRequest } from '../protocol/list-request';
import { listResponse } from '../protocol/list-response';
import { SCIM_CONTENT_TYPE } from '../protocol/media-type';
import type { ResourceTypeName } from '../schemas';
import type { ResourceLister } from './list';

/** `POST /Users/.search`, `/Groups/.search` and `/.search` (RFC 7644 §3.4.3). */
export function searchRoutes(lister: ResourceLister, maxResults: number): Router {
  const router = new Router();

  router.post('/Users/.search', async (ctx) => {
    await search(ctx, lister, ['User'], maxResults);
  });
  router.post('/Groups/.search', async (ctx) => {
    await search(ctx, lister, ['Group'], maxResults);
  });
  router.post('/.search', async (ctx) => {
    await search(ctx, lister, ['User', 'Group'], maxResults);
  });

  return router;
}

/**
 * Searches one or more resource types with one filter. Across types, users come first, then
 * groups, and startIndex/count page through that combined order.
 */
async function search(
  ctx: Context,
  lister: ResourceLister,
  types: ResourceTypeName[],
  maxResults: number,
) {
  const request = listRequestFromBody(ctx.request.body);
  const startIndex = Math.max(1, request.startIndex ?? 1);
  let remaining = Math.min(Math.max(0, request.count ?? maxResults), maxResults);
  let skip = startIndex - 1;
  let totalResults = 0;
  const resources = [];

  for (const type of types) {
    const pageRequest: ListRequest = { ...request, startIndex: skip + 1, count: remaining };
    const page = await lister.list(ctx, type, pageRequest);

    totalResults += page.totalResults;
    resources.push(...page.resources);
    skip = Math.max(0, skip - page.totalResults);
    remaining = Math.max(0, remaining - page.resources.length);
  }

  ctx.status = 200;
  ctx.type = SCIM_CONTENT_TYPE;
  ctx.body = listResponse(resources, totalResults, startIndex);
}
