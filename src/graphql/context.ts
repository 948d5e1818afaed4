import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context as KoaContext } from 'koa';

import type { Principal } from '../domain/principal';
import type { Services } from '../domain/services';
import type { Logger } from '../logger';

/** What every resolver receives: the caller, its services and its request's logger. */
export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  em: EntityManager;
  services: Services;
  principal?: Principal;
  /** The HTTP request, when the operation came through `/graphql` (not the SCIM facade). */
  http?: KoaContext;
}
