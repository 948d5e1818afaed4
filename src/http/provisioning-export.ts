import { Readable } from 'node:stream';

import Router from '@koa/router';
import type { MikroORM } from '@mikro-orm/postgresql';

import { requireAdmin } from '../domain/access';
import type { AdminActor } from '../domain/actor';
import type { DomainDeps } from '../domain/deps';
import { DomainError, type ErrorCode } from '../domain/errors';
import type { ProvisioningEventFilter } from '../domain/provisioning/event.service';
import { whereOf } from '../domain/provisioning/event.service';
import { csvHeader, csvLine, ndjsonLine } from '../domain/provisioning/export-format';
import {
  EXPORT_PATH,
  parseExportQuery,
  type ExportFormat,
} from '../domain/provisioning/export-query';
import { Services, type SharedServices } from '../domain/services';
import { authenticateGraphQLRequest } from '../graphql/authenticate';
import type { RequestState } from './state';

/** Rows read per query while streaming an export. */
const EXPORT_PAGE_SIZE = 100;

const ERROR_STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  NDJSON: 'application/x-ndjson; charset=utf-8',
};

async function* exportLines(
  services: Services,
  actor: AdminActor,
  filter: ProvisioningEventFilter,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'CSV') {
    yield csvHeader();
  }

  for await (const event of services.provisioningEvents.stream(actor, filter, EXPORT_PAGE_SIZE)) {
    yield format === 'CSV' ? csvLine(event) : ndjsonLine(event);
  }
}

/**
 * `GET /exports/provisioning-events?format=csv|ndjson&from=…`: the provisioning events that
 * match the filter, newest first, streamed as a download. It accepts the credentials of
 * `/graphql` (the session cookie, or `Authorization: Bearer` with an API-scope token) and is
 * for admins only. A GET changes nothing, so it needs no CSRF header.
 */
export function provisioningExportRoutes(
  orm: MikroORM,
  domainDeps: DomainDeps,
  shared: SharedServices,
): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get(EXPORT_PATH, async (ctx) => {
    const em = orm.em.fork();
    const services = new Services(em, domainDeps, shared);

    let actor: AdminActor;
    let query: ReturnType<typeof parseExportQuery>;
    try {
      const principal = await authenticateGraphQLRequest(
        ctx,
        em,
        services,
        shared.tokenAuthenticator,
      );
      actor = requireAdmin(principal, ctx.state.requestId);
      query = parseExportQuery(new URLSearchParams(ctx.querystring));
      whereOf(actor.organizationId, query.filter);
    } catch (error) {
      const status = error instanceof DomainError ? ERROR_STATUS[error.code] : undefined;
      if (!status || !(error instanceof DomainError)) {
        throw error;
      }
      ctx.status = status;
      ctx.body = { error: error.message, requestId: ctx.state.requestId };
      return;
    }

    const extension = query.format.toLowerCase();
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', `attachment; filename="provisioning-events.${extension}"`);
    ctx.type = CONTENT_TYPES[query.format];

    const body = Readable.from(exportLines(services, actor, query.filter, query.format));
    body.on('error', (error) => {
      ctx.state.logger.error(
        { err: error, organizationId: actor.organizationId },
        'provisioning event export failed while streaming',
      );
    });
    ctx.body = body;
  });

  return router;
}
