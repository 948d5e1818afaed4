import type { Context } from 'koa';

import type {
  OperationCaller,
  OperationExecutor,
  PreparedOperation,
  Principal,
} from '../graphql/execute';
import type { SchemaVersionRead } from '../domain/request-registries';
import type { Logger } from '../logger';
import { listRequestFromQuery } from './protocol/list-request';
import { SCIM_CONTENT_TYPE } from './protocol/media-type';
import { toScimError } from './protocol/operation-errors';
import { applyProjection, projectionIncludes } from './protocol/projection';
import type { ScimObject } from './schemas';

/** Runs one prepared operation for an authenticated SCIM request; errors become ScimErrors. */
export async function runOperation<T>(
  executor: OperationExecutor,
  ctx: Context,
  operation: PreparedOperation,
  variables: Record<string, unknown>,
  options: { transactional: boolean },
): Promise<T> {
  const caller: OperationCaller = {
    principal: ctx.state.principal as Principal,
    requestId: ctx.state.requestId as string,
    get logger() {
      return ctx.state.logger as Logger;
    },
    deadline: ctx.state.deadline as number | undefined,
    schemaVersion: ctx.state.schemaVersion as SchemaVersionRead | undefined,
  };
  const result = await executor.run<T>(operation, variables, caller, options);

  if (result.errors?.length) {
    throw toScimError(result.errors);
  }

  return result.data as T;
}

/**
 * Sends a SCIM resource with its `ETag` header (RFC 7644 §3.14), projected by the request's
 * `attributes` or `excludedAttributes`. A GET whose `If-None-Match` names the current version
 * gets 304 without a body.
 */
export function sendResource(ctx: Context, status: number, resource: ScimObject): void {
  const meta = resource.meta as { version?: string; location?: string } | undefined;
  const request = listRequestFromQuery(ctx.query);

  if (meta?.version) {
    ctx.set('ETag', meta.version);
  }
  if (status === 201 && meta?.location) {
    ctx.set('Location', meta.location);
  }

  const ifNoneMatch = ctx.get('if-none-match');
  if (ctx.method === 'GET' && meta?.version && etagListIncludes(ifNoneMatch, meta.version)) {
    ctx.status = 304;
    return;
  }

  ctx.status = status;
  ctx.type = SCIM_CONTENT_TYPE;
  ctx.body = applyProjection(resource, request.projection);
}

/** Whether an `If-None-Match` or `If-Match` header names `etag` or `*` (RFC 7232 §3). */
export function etagListIncludes(header: string, etag: string): boolean {
  if (!header) {
    return false;
  }

  const strong = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag || tag.replace(/^W\//, '') === strong);
}

/** Whether the request's projection keeps `members`, so that the server loads them. */
export function wantsMembers(ctx: Context): boolean {
  return projectionIncludes(listRequestFromQuery(ctx.query).projection, 'members');
}
