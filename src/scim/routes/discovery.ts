import Router from '@koa/router';
import type { Context } from 'koa';

import type { OperationExecutor } from '../../graphql/execute';
import { DISCOVERY_OPERATIONS } from '../operations/discovery.operations';
import { listResponse } from '../protocol/list-response';
import { SCIM_CONTENT_TYPE } from '../protocol/media-type';
import { ScimError } from '../protocol/scim-error';
import {
  renderResourceType,
  renderSchema,
  renderServiceProviderConfig,
  type ServiceProviderLimits,
} from '../render/discovery';
import type { ResourceTypeDefinition, SchemaDefinition } from '../schemas';
import { runOperation } from '../scim-request';

/**
 * `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 §4), describing the
 * calling organization, custom extensions included. `/Me` and `/Bulk` are not supported.
 */
export function discoveryRoutes(
  executor: OperationExecutor,
  base: string,
  limits: ServiceProviderLimits,
): Router {
  const router = new Router();
  const op = {
    schemas: executor.prepare('ScimSchemas', DISCOVERY_OPERATIONS.schemas),
    resourceTypes: executor.prepare('ScimResourceTypes', DISCOVERY_OPERATIONS.resourceTypes),
  };

  const send = (ctx: Context, body: unknown) => {
    ctx.type = SCIM_CONTENT_TYPE;
    ctx.body = body;
  };
  const loadSchemas = async (ctx: Context) =>
    (
      await runOperation<{ scimSchemas: SchemaDefinition[] }>(
        executor,
        ctx,
        op.schemas,
        {},
        {
          transactional: false,
        },
      )
    ).scimSchemas;
  const loadResourceTypes = async (ctx: Context) =>
    (
      await runOperation<{ scimResourceTypes: ResourceTypeDefinition[] }>(
        executor,
        ctx,
        op.resourceTypes,
        {},
        { transactional: false },
      )
    ).scimResourceTypes;

  router.get('/ServiceProviderConfig', (ctx) => {
    send(ctx, renderServiceProviderConfig(base, limits));
  });

  router.get('/ResourceTypes', async (ctx) => {
    const types = (await loadResourceTypes(ctx)).map((type) => renderResourceType(base, type));
    send(ctx, listResponse(types, types.length, 1));
  });

  router.get('/ResourceTypes/:name', async (ctx) => {
    const name = ctx.params.name.toLowerCase();
    const type = (await loadResourceTypes(ctx)).find((t) => t.name.toLowerCase() === name);

    if (!type) {
      throw ScimError.notFound(
        `resource type '${ctx.params.name}' not found; Roster has User and Group`,
      );
    }
    send(ctx, renderResourceType(base, type));
  });

  router.get('/Schemas', async (ctx) => {
    const schemas = (await loadSchemas(ctx)).map((schema) => renderSchema(base, schema));
    send(ctx, listResponse(schemas, schemas.length, 1));
  });

  router.get('/Schemas/:urn', async (ctx) => {
    const urn = ctx.params.urn.toLowerCase();
    const schema = (await loadSchemas(ctx)).find((s) => s.id.toLowerCase() === urn);

    if (!schema) {
      throw ScimError.notFound(`schema '${ctx.params.urn}' not found; GET /Schemas lists them`);
    }
    send(ctx, renderSchema(base, schema));
  });

  for (const path of ['/Me', '/Bulk']) {
    router.all(path, () => {
      throw new ScimError(
        501,
        `${path} is not supported by Roster; ServiceProviderConfig lists what is`,
      );
    });
  }

  return router;
}
