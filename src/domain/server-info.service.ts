import type { EntityManager } from '@mikro-orm/postgresql';

import { VERSION } from '../version';

export interface ServerInfo {
  version: string;
  databaseVersion: string;
}

/** Describes the running server, for health pages and support requests. */
export class ServerInfoService {
  constructor(private readonly em: EntityManager) {}

  /** Returns Roster's version and the PostgreSQL server version it talks to. */
  async describe(): Promise<ServerInfo> {
    const rows = await this.em
      .getConnection()
      .execute<{ server_version: string }[]>('show server_version');

    return { version: VERSION, databaseVersion: rows[0]?.server_version ?? 'unknown' };
  }
}
