import type { Context, Middleware } from 'koa';

import type { ProvisioningOutcome } from '../../domain/provisioning/event-types';
import type { ProvisioningEventQueue } from '../../domain/provisioning/event-queue';
import { newId } from '../../domain/ids';
import {
  currentProvisioningRequest,
  elapsedMs,
  runWithProvisioningRequest,
  type ProvisioningRequest,
} from '../../domain/provisioning/request-context';
import type { Principal } from '../../domain/principal';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics/metrics';
import { classifyRequest } from './classify-request';

export interface ProvisioningLogOptions {
  queue: ProvisioningEventQueue;
  metrics: Metrics;
  now: () => Date;
  /** The SCIM path prefix, removed before classifying. */
  prefix: string;
}

/** Maximum length of the query string stored with an event, in characters. */
const MAX_QUERY_LENGTH = 2000;

/** Maximum length of the User-Agent stored with an event, in characters. */
const MAX_USER_AGENT_LENGTH = 500;

function filterParameter(ctx: Context): string | undefined {
  const key = Object.keys(ctx.query).find((name) => name.toLowerCase() === 'filter');
  const value = key ? ctx.query[key] : undefined;
  return Array.isArray(value) ? value.at(-1) : value;
}

function errorOf(status: number, body: unknown) {
  if (status < 400) {
    return null;
  }

  const { scimType, detail } = (body ?? {}) as { scimType?: unknown; detail?: unknown };
  return {
    scimType: typeof scimType === 'string' ? scimType : null,
    detail: typeof detail === 'string' ? detail : `HTTP ${status}`,
  };
}

function outcomeOf(status: number, request: ProvisioningRequest): ProvisioningOutcome {
  if (status >= 400) {
    return 'FAILURE';
  }
  return request.writtenOutcome ?? 'SUCCESS';
}

/**
 * Makes every SCIM request a provisioning event. Writes record theirs inside their transaction
 * (see ProvisioningEventRecorder); this middleware queues the rest: reads, lists, writes that
 * changed nothing, and failures. Requests whose token names no organization are not recorded,
 * because no admin could see them; their rejection is in the log.
 */
export function provisioningLog(options: ProvisioningLogOptions): Middleware {
  return async (ctx, next) => {
    const request: ProvisioningRequest = {
      eventId: newId(),
      occurredAt: options.now(),
      startedAt: process.hrtime.bigint(),
      requestId: ctx.state.requestId as string,
      method: ctx.method,
      path: ctx.path,
      query: ctx.querystring ? ctx.querystring.slice(0, MAX_QUERY_LENGTH) : null,
      userAgent: ctx.get('user-agent').slice(0, MAX_USER_AGENT_LENGTH) || null,
      operation: 'OTHER',
      resourceType: null,
    };

    try {
      await runWithProvisioningRequest(request, next);
    } finally {
      try {
        finish(ctx, request, options);
      } catch (error) {
        // The response is already decided; a fault in recording it must not change it.
        (ctx.state.logger as Logger).error(
          { err: error, organizationId: request.organizationId, eventId: request.eventId },
          'recording the provisioning event failed',
        );
      }
    }
  };
}

function finish(ctx: Context, request: ProvisioningRequest, options: ProvisioningLogOptions) {
  const status = ctx.status;
  const outcome = outcomeOf(status, request);
  if (request.writtenOutcome !== undefined && status < 400) {
    options.metrics.scimOperations.inc({ operation: request.operation, outcome });
    return;
  }

  const summary = classifyRequest({
    method: ctx.method,
    path: ctx.path.slice(options.prefix.length),
    filter: filterParameter(ctx),
    requestBody: ctx.request.body,
    status,
    responseBody: ctx.body,
  });
  options.metrics.scimOperations.inc({ operation: summary.operation, outcome });

  // A rejected token that matches a stored one (expired, revoked) still gives its organization.
  const organizationId = request.organizationId ?? (ctx.state.organizationId as string | undefined);
  if (!organizationId) {
    return;
  }

  options.queue.enqueue({
    organizationId,
    id: request.eventId,
    occurredAt: request.occurredAt,
    requestId: request.requestId,
    tokenId: request.tokenId ?? (ctx.state.tokenId as string | undefined) ?? null,
    tokenTitle: request.tokenTitle ?? null,
    userAgent: request.userAgent,
    method: request.method,
    path: request.path,
    query: request.query,
    ...summary,
    status,
    outcome,
    durationMs: elapsedMs(request),
    changes: [],
    warnings: [],
    error: errorOf(status, ctx.body),
  });
}

/** Copies the authenticated principal into the current provisioning request. */
export function bindProvisioningPrincipal(): Middleware {
  return async (ctx, next) => {
    const request = currentProvisioningRequest();
    const principal = ctx.state.principal as Principal | undefined;

    if (request && principal) {
      request.organizationId = principal.organizationId;
      request.tokenId = principal.tokenId;
      request.tokenTitle = principal.tokenTitle;
      request.syncTargetAtAuth = ctx.state.syncTarget as string | null | undefined;
    }
    return next();
  };
}
