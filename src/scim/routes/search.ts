import Router from '@koa/router';
import type { Context } from 'koa';

import { parseFilter, printFilter } from '../filter';
import { filterForType } from '../protocol/filter-for-type';
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
    const filter = types.length > 1 ? rootFilterFor(request.filter, type) : request.filter;
    if (filter === false) {
      continue;
    }

    const pageRequest: ListRequest = {
      ...request,
      filter: filter === true ? undefined : filter,
      startIndex: skip + 1,
      count: remaining,
    };
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

/**
 * Returns a root search's filter for one type as text, or `false` when no resource of the type
 * can match. A filter that does not parse is returned as it is, so that listing reports it.
 */
function rootFilterFor(
  filter: string | undefined,
  type: ResourceTypeName,
): string | boolean | undefined {
  if (filter === undefined) {
    return undefined;
  }

  let parsed;
  try {
    parsed = parseFilter(filter);
  } catch {
    return filter;
  }

  const reduced = filterForType(parsed, type);
  return typeof reduced === 'boolean' ? reduced : printFilter(reduced);
}
