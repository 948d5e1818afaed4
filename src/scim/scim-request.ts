import type { Context } from 'koa';

import type { OperationExecutor, PreparedOperation, Principal } from '../graphql/execute';
import type { Logger } from '../logger';
import { toScimError } from './protocol/operation-errors';
import { SCIM_CONTENT_TYPE } from './protocol/media-type';

/** Runs one prepared operation for an authenticated SCIM request; errors become ScimErrors. */
export async function runOperation<T>(
  executor: OperationExecutor,
  ctx: Context,
  operation: PreparedOperation,
  variables: Record<string, unknown>,
  options: { transactional: boolean },
): Promise<T> {
  const caller = {
    principal: ctx.state.principal as Principal,
    requestId: ctx.state.requestId as string,
    logger: ctx.state.logger as Logger,
  };
  const result = await executor.run<T>(operation, variables, caller, options);

  if (result.errors?.length) {
    throw toScimError(result.errors);
  }

  return result.data as T;
}

/** Sends a SCIM resource with its `ETag` header (RFC 7644 §3.14). */
export function sendResource(
  ctx: Context,
  status: number,
  resource: Record<string, unknown>,
): void {
  const meta = resource.meta as { version?: string; location?: string } | undefined;

  ctx.status = status;
  ctx.type = SCIM_CONTENT_TYPE;
  ctx.body = resource;
  if (meta?.version) {
    ctx.set('ETag', meta.version);
  }
  if (status === 201 && meta?.location) {
    ctx.set('Location', meta.location);
  }
}
