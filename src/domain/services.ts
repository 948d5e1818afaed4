import type { EntityManager } from '@mikro-orm/postgresql';

import type { DomainDeps } from './deps';
import { GroupService } from './groups/group.service';
import { SchemaRegistryProvider } from './schema-registry.service';
import { ServerInfoService } from './server-info.service';
import { TokenAuthenticator } from './tokens/token-authenticator';
import { TokenService } from './tokens/token.service';
import { UserService } from './users/user.service';

/** Services that keep state for the whole process (caches, rate counters). */
export interface SharedServices {
  registries: SchemaRegistryProvider;
  tokenAuthenticator: TokenAuthenticator;
}

export function createSharedServices(deps: DomainDeps): SharedServices {
  return {
    registries: new SchemaRegistryProvider(),
    tokenAuthenticator: new TokenAuthenticator(deps),
  };
}

/**
 * The domain services of one request, sharing its EntityManager fork (and so its
 * transaction). Each service is created on first use.
 */
export class Services {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly em: EntityManager,
    readonly deps: DomainDeps,
    readonly shared: SharedServices,
  ) {}

  get serverInfo(): ServerInfoService {
    return this.memo('serverInfo', () => new ServerInfoService(this.em));
  }

  get tokens(): TokenService {
    return this.memo('tokens', () => new TokenService(this.em, this.deps));
  }

  get users(): UserService {
    return this.memo('users', () => new UserService(this.em, this.deps, this.shared.registries));
  }

  get groups(): GroupService {
    return this.memo('groups', () => new GroupService(this.em, this.deps, this.shared.registries));
  }

  private memo<T>(key: string, create: () => T): T {
    if (!this.cache.has(key)) {
      this.cache.set(key, create());
    }

    return this.cache.get(key) as T;
  }
}
