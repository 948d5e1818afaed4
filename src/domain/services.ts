import type { EntityManager } from '@mikro-orm/postgresql';

import type { DomainDeps } from './deps';
import { ServerInfoService } from './server-info.service';

/**
 * The domain services of one request, sharing its EntityManager fork (and so its
 * transaction). Each service is created on first use.
 */
export class Services {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly em: EntityManager,
    readonly deps: DomainDeps,
  ) {}

  get serverInfo(): ServerInfoService {
    return this.memo('serverInfo', () => new ServerInfoService(this.em));
  }

  private memo<T>(key: string, create: () => T): T {
    if (!this.cache.has(key)) {
      this.cache.set(key, create());
    }

    return this.cache.get(key) as T;
  }
}
